import type { RouterRtpCodecCapability, WebRtcTransportOptions, Worker } from 'mediasoup/types';
import type { Config } from '../config';
import type { WorkerData } from './workerPool';

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

/** How a room's transports are made on a given worker. */
export type TransportOptionsFor = (worker: Worker<WorkerData>) => WebRtcTransportOptions;

/**
 * UDP first, TCP as a fallback for hospital networks that block UDP: on the worker's single port
 * when the pool has one (RTC_PORT), otherwise on a port of the range per transport.
 */
export function webRtcTransportOptions(media: Config['media']): TransportOptionsFor {
  const portRange = { min: media.rtcMinPort, max: media.rtcMaxPort };
  const base = { ip: media.listenIp, announcedAddress: media.announcedAddress, portRange };
  const common = {
    preferUdp: true,
    // Where the server's estimate of a participant's downlink starts: grown by probing on a good link.
    initialAvailableOutgoingBitrate: START_BITRATE_KBPS * 1000,
    // A path the browser has not checked for this long (Chromium checks every 2.5 s) is taken for lost:
    // the server stops sending into it, and when the browser is back it starts each video again
    // from a keyframe. With mediasoup's 30 s, a page back after a 15 s cut got the packets sent
    // meanwhile, NACKed what it missed and asked for a keyframe only after its 3 s wait.
    iceConsentTimeout: ICE_CONSENT_TIMEOUT_SECONDS,
  };
  return (worker) => {
    const { webRtcServer } = worker.appData;
    if (webRtcServer) return { ...common, webRtcServer };
    return {
      ...common,
      listenInfos: [
        { protocol: 'udp', ...base },
        { protocol: 'tcp', ...base },
      ],
    };
  };
}
