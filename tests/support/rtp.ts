import type { RtpParameters } from 'mediasoup/types';

/** What a browser's camera producer sends as RTP parameters, reduced to one VP8 stream. */
export function cameraRtpParameters(ssrc = 22_222_222): RtpParameters {
  return {
    mid: '0',
    codecs: [
      {
        mimeType: 'video/VP8',
        payloadType: 101,
        clockRate: 90000,
        rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }],
      },
    ],
    headerExtensions: [],
    encodings: [{ ssrc }],
    rtcp: { cname: 'camera' },
  };
}

/** What a browser's microphone producer sends: one Opus stream. */
export function microphoneRtpParameters(ssrc = 11_111_111): RtpParameters {
  return {
    mid: '1',
    codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2, parameters: { useinbandfec: 1 } }],
    headerExtensions: [],
    encodings: [{ ssrc }],
    rtcp: { cname: 'microphone' },
  };
}
