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
