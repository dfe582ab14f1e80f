import type { ProducerOptions } from 'mediasoup-client/types';
import type { MediaSource } from '../../shared/media';

/** Where video starts before the link's estimate grows it (the server's codecs say the same). */
const VIDEO_START_KBPS = 300;

/**
 * Speech's ceiling while the uplink is too thin for any video (the camera paused for it): Opus at
 * 16 kbit/s still carries clear speech, and with its packets' headers (about 25 kbit/s more at 50
 * packets a second) it fits a 48 kbit/s uplink with room for the page's requests. At its usual
 * 32 kbit/s, and more once FEC grew it under loss, it overflowed that link: a quarter or more of
 * what the others heard of her was concealed.
 */
export const THIN_UPLINK_SPEECH_BPS = 16_000;

/**
 * How each source is sent. Speech first: on a congested link the browser gives audio the
 * bandwidth before video. Camera video goes out in three layers; the SFU forwards each receiver
 * the one that fits its tile, and the server says which layers anyone receives at all.
 */
export const SENDING: Record<MediaSource, Pick<ProducerOptions, 'encodings' | 'codecOptions' | 'zeroRtpOnPause'>> = {
  microphone: {
    encodings: [{ priority: 'high', networkPriority: 'high' }],
    codecOptions: { opusFec: true, opusDtx: true },
  },
  camera: {
    encodings: [
      { rid: 'r0', scaleResolutionDownBy: 4, maxBitrate: 150_000, scalabilityMode: 'L1T3', priority: 'low', networkPriority: 'low' },
      { rid: 'r1', scaleResolutionDownBy: 2, maxBitrate: 500_000, scalabilityMode: 'L1T3', priority: 'low', networkPriority: 'low' },
      { rid: 'r2', scaleResolutionDownBy: 1, maxBitrate: 1_200_000, scalabilityMode: 'L1T3', priority: 'low', networkPriority: 'low' },
    ],
    codecOptions: { videoGoogleStartBitrate: VIDEO_START_KBPS },
    // Paused, it sends nothing at all: a disabled track still went out as black frames, 64–117
    // kbit/s on the very uplink the pause was meant to free.
    zeroRtpOnPause: true,
  },
  screen: {
    encodings: [{ priority: 'medium', networkPriority: 'medium' }],
    codecOptions: { videoGoogleStartBitrate: VIDEO_START_KBPS },
  },
};
