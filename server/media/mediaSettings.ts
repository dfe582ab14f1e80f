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

/** Four of the browser's consent checks in a row lost: on a 5 % loss link, once in ~160,000 windows. */
export const ICE_CONSENT_TIMEOUT_SECONDS = 10;

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
    // A path the browser has not checked for this long (Chromium checks every 2.5 s) is taken for lost:
    // the server stops sending into it, and when the browser is back it starts each video again
    // from a keyframe. With mediasoup's 30 s, a page back after a 15 s cut got the packets sent
    // meanwhile, NACKed what it missed and asked for a keyframe only after its 3 s wait.
    iceConsentTimeout: ICE_CONSENT_TIMEOUT_SECONDS,
  };
}
