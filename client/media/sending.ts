import type { ProducerOptions } from 'mediasoup-client/types';
import type { MediaSource } from '../../shared/media';

/** Where video starts before the link's estimate grows it (the server's codecs say the same). */
const VIDEO_START_KBPS = 300;

/**
 * How speech is sent while the uplink is too thin for any video (the camera paused for it).
 * Every packet costs about 66 bytes of headers on the wire (IP, UDP, RTP and its extensions,
 * SRTP's tag): in WebRTC's usual 20 ms packets that is 26 kbit/s before any speech. On a 48 kbit/s
 * uplink, speech capped at 16 kbit/s still took 43 kbit/s in 20 ms packets, and with what the page
 * says of what it receives (congestion reports, NACKs, keyframe requests: 10–25 kbit/s) it
 * overflowed the link: 25–38 % of her speech concealed in three of four full test runs. In 60 ms
 * packets it takes about 25 kbit/s. Only then: 40 ms packets everywhere nearly doubled what is
 * concealed on a lossy link (each lost packet is a longer gap), and longer packets add delay.
 */
export const THIN_UPLINK_SPEECH_BPS = 16_000;
const THIN_UPLINK_SPEECH_PACKET_MS = 60;

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

/**
 * The microphone on an uplink too thin for video. Its packet length is agreed when it starts
 * sending, so changing to or from this means sending it anew.
 */
export const THIN_UPLINK_MICROPHONE: (typeof SENDING)['microphone'] = {
  encodings: SENDING.microphone.encodings?.map((encoding) => ({ ...encoding, maxBitrate: THIN_UPLINK_SPEECH_BPS })),
  codecOptions: { ...SENDING.microphone.codecOptions, opusPtime: THIN_UPLINK_SPEECH_PACKET_MS },
};
