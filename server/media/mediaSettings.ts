import type { RouterRtpCodecCapability, WebRtcTransportOptions } from 'mediasoup/types';
import type { Config } from '../config';

/** Codecs every room offers: Opus for speech, VP8 and H.264 for camera and screen. */
export const mediaCodecs: RouterRtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, parameters: { 'x-google-start-bitrate': 1000 } },
  {
    kind: 'video',
    mimeType: 'video/H264',
    clockRate: 90000,
    parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f', 'level-asymmetry-allowed': 1 },
  },
];

/** UDP first, TCP as a fallback for hospital networks that block UDP. */
export function webRtcTransportOptions(media: Config['media']): WebRtcTransportOptions {
  const portRange = { min: media.rtcMinPort, max: media.rtcMaxPort };
  const base = { ip: media.listenIp, announcedAddress: media.announcedAddress, portRange };
  return {
    listenInfos: [
      { protocol: 'udp', ...base },
      { protocol: 'tcp', ...base },
    ],
    preferUdp: true,
    initialAvailableOutgoingBitrate: 1_000_000,
  };
}
