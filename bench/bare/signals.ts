/**
 * The bare pair's whole signalling: what a page asks the bare server, each answered through
 * Socket.IO's acknowledgement (the mediasoup recipe, nothing of the app's protocol).
 */
import type { ConsumerOptions, DtlsParameters, RtpCapabilities, RtpParameters, TransportOptions } from 'mediasoup-client/types';

export type BareTransport = Pick<TransportOptions, 'id' | 'iceParameters' | 'iceCandidates' | 'dtlsParameters'>;
export type BareConsumer = Pick<ConsumerOptions, 'id' | 'producerId' | 'kind' | 'rtpParameters'>;

export interface BareRequests {
  capabilities: (answer: (routerRtpCapabilities: RtpCapabilities) => void) => void;
  createTransport: (answer: (transport: BareTransport) => void) => void;
  connectTransport: (request: { transportId: string; dtlsParameters: DtlsParameters }, answer: () => void) => void;
  /** The camera of the page that sends: the only producer, which every consumer receives. */
  produce: (request: { transportId: string; rtpParameters: RtpParameters }, answer: (producerId: string) => void) => void;
  consume: (request: { transportId: string; rtpCapabilities: RtpCapabilities }, answer: (consumer: BareConsumer) => void) => void;
  resume: (consumerId: string, answer: () => void) => void;
}

/** What a bare page offers the bench, once its device is loaded (`window.bare`). */
export interface BarePage {
  /** Captures the camera as the app does and sends it. */
  send(): Promise<void>;
  /** Receives the camera: answers `performance.now()` at the first frame presented. */
  receive(): Promise<number>;
}
