import type { RouterRtpCodecCapability, WebRtcTransportOptions } from 'mediasoup/types';
import type { Config } from '../config';

/**
 * What a video stream starts at before the estimate of the link grows it: low enough that a
 * 150 kbit/s hospital uplink is not flooded at once (which starved the DTLS handshakes for seconds).
 */
export const START_BITRATE_KBPS = 300;

/**
 * Codecs every room offers: Opus for speech with in-band FEC (a lost packet is rebuilt from the
 * next) and DTX (silence costs almost nothing), VP8 and H.264 for camera and screen.
 */
export const mediaCodecs: RouterRtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2, parameters: { useinbandfec: 1, usedtx: 1 } },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, parameters: { 'x-google-start-bitrate': START_BITRATE_KBPS } },
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
    // Where the server's estimate of a participant's downlink starts: grown by probing on a good link.
    initialAvailableOutgoingBitrate: START_BITRATE_KBPS * 1000,
  };
}
