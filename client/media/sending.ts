import type { ProducerOptions } from 'mediasoup-client/types';
import type { MediaSource } from '../../shared/media';

/** Where video starts before the link's estimate grows it (the server's codecs say the same). */
const VIDEO_START_KBPS = 300;

/**
 * How each source is sent. Speech first: on a congested link the browser gives audio the
 * bandwidth before video. Camera video goes out in three layers; the SFU forwards each receiver
 * the one that fits its tile, and the server says which layers anyone receives at all.
 */
export const SENDING: Record<MediaSource, Pick<ProducerOptions, 'encodings' | 'codecOptions'>> = {
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
  },
  screen: {
    encodings: [{ priority: 'medium', networkPriority: 'medium' }],
    codecOptions: { videoGoogleStartBitrate: VIDEO_START_KBPS },
  },
};
