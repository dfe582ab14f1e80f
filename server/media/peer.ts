import type { Consumer, DtlsParameters, Producer, Router, RtpCapabilities, RtpParameters, WebRtcTransport, WebRtcTransportOptions } from 'mediasoup/types';
import type { ConsumerOptions, MediaKind, MediaSource, PeerInfo, ProducerState, TransportOptions } from '../../shared/media';
import type { Role } from '../../shared/roles';
import type { ServerToClientEvents } from '../../shared/events';
import { AppError, notFound } from '../domain/errors';
import { errorFields, log } from '../logger';

export type Direction = 'send' | 'recv';
type TransportData = { direction: Direction };
export type ProducerData = { peerId: string; source: MediaSource };
type ConsumerData = { transportId: string };

/** Who a peer is: taken from the signed-in account, never from what the client claims. */
export interface PeerIdentity {
  userId: string;
  displayName: string;
  centerId: string;
  roles: Role[];
  specialty: string;
}

/** Told when what this peer receives of a producer changes (a consumer paused, resumed, re-layered or closed). */
export type DemandListener = (producerId: string) => void;

/** How the room reaches one participant's client, without knowing about sockets. */
export type PeerSignal = <E extends keyof ServerToClientEvents>(event: E, ...args: Parameters<ServerToClientEvents[E]>) => void;

/** mediasoup reports bad RTP parameters by throwing; the client gets the reason as a media error. */
export async function mediaCall<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('media_error', `${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * What one participant may hold at once, counting what is still being created: a browser needs
 * one transport each way (a second while it replaces one), one producer per source and one
 * consumer per producer it receives. Without it one client could take every media port of the
 * server (942 transports in a second).
 */
export const TRANSPORTS_PER_DIRECTION = 2;

/**
 * One participant in a room and every mediasoup object created for them. Closing the peer
 * closes its transports, which close their producers and consumers.
 */
export class Peer {
  private readonly transports = new Map<string, WebRtcTransport<TransportData>>();
  private readonly producers = new Map<string, Producer<ProducerData>>();
  private readonly consumers = new Map<string, Consumer<ConsumerData>>();
  /** What is being created right now: counted against the limits before the await, so parallel requests meet them too. */
  private readonly pending = { transports: { send: 0, recv: 0 }, sources: new Set<MediaSource>(), producerIds: new Set<string>() };
  private closedFlag = false;
  /** Where and with what this participant's page receives, once its join made the receive transport: new producers are offered there. */
  private receiving: { transportId: string; rtpCapabilities: RtpCapabilities } | null = null;
  /** The participant's socket dropped and the room waits for their page to come back. */
  interrupted = false;

  constructor(
    readonly id: string,
    readonly identity: PeerIdentity,
    /** The room's router this peer's media goes through. */
    readonly router: Router,
    private readonly transportOptions: WebRtcTransportOptions,
    private signalTarget: PeerSignal,
    private readonly demandChanged: DemandListener = () => {},
  ) {}

  /** Sends to this participant's client, through whichever socket holds the peer now. */
  readonly signal: PeerSignal = (event, ...args) => this.signalTarget(event, ...args);

  /** The participant's page came back on a new socket: what the room says goes there now. */
  rebind(signal: PeerSignal): void {
    this.signalTarget = signal;
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  get producerList(): Producer<ProducerData>[] {
    return [...this.producers.values()];
  }

  get consumerList(): Consumer[] {
    return [...this.consumers.values()];
  }

  get transportList(): WebRtcTransport[] {
    return [...this.transports.values()];
  }

  info(): PeerInfo {
    return { peerId: this.id, ...this.identity, producers: this.producerList.map(producerInfo), interrupted: this.interrupted };
  }

  async createTransport(direction: Direction): Promise<TransportOptions> {
    const held = [...this.transports.values()].filter((transport) => transport.appData.direction === direction).length;
    if (held + this.pending.transports[direction] >= TRANSPORTS_PER_DIRECTION) {
      throw new AppError('conflict', `a participant holds at most ${TRANSPORTS_PER_DIRECTION} ${direction} transports`);
    }
    this.pending.transports[direction] += 1;
    const transport = await mediaCall('cannot create transport', () =>
      this.router.createWebRtcTransport<TransportData>({ ...this.transportOptions, appData: { direction } }),
    ).finally(() => (this.pending.transports[direction] -= 1));
    if (this.closedFlag) {
      transport.close();
      throw new AppError('not_joined', 'the peer left while its transport was being created');
    }
    this.transports.set(transport.id, transport);
    transport.observer.once('close', () => this.transports.delete(transport.id));
    return {
      id: transport.id,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates,
      dtlsParameters: transport.dtlsParameters,
    };
  }

  async connectTransport(transportId: string, dtlsParameters: DtlsParameters): Promise<void> {
    const transport = this.transport(transportId);
    await mediaCall('cannot connect transport', () => transport.connect({ dtlsParameters }));
  }

  /** New ICE credentials after the browser's path failed (a network change, a sleeping laptop). */
  async restartIce(transportId: string): Promise<TransportOptions['iceParameters']> {
    const transport = this.transport(transportId);
    return mediaCall<TransportOptions['iceParameters']>('cannot restart ICE', () => transport.restartIce());
  }

  /** Closes a send transport the page replaces, and with it every producer it carried (the others' consumers of them end). */
  closeSendTransport(transportId: string): void {
    this.transport(transportId, 'send').close();
  }

  async produce(transportId: string, kind: MediaKind, rtpParameters: RtpParameters, source: MediaSource): Promise<Producer<ProducerData>> {
    const transport = this.transport(transportId, 'send');
    if (this.pending.sources.has(source) || this.producerList.some((producer) => producer.appData.source === source)) {
      throw new AppError('conflict', `already sending the ${source}`);
    }
    this.pending.sources.add(source);
    const producer = await mediaCall('cannot produce', () => transport.produce<ProducerData>({ kind, rtpParameters, appData: { peerId: this.id, source } })).finally(() =>
      this.pending.sources.delete(source),
    );
    // Its transport closed while it was made (a page replacing it after the request went
    // unanswered): mediasoup tells such a producer nothing, and it would hold the source for good.
    if (transport.closed) {
      producer.close();
      throw new AppError('not_found', 'the transport closed while the producer was made', 'transportId');
    }
    this.producers.set(producer.id, producer);
    producer.observer.once('close', () => this.producers.delete(producer.id));
    return producer;
  }

  closeProducer(producerId: string): void {
    this.producer(producerId).close();
  }

  /** Muting keeps the producer: unmuting is instant and needs no new negotiation. */
  async pauseProducer(producerId: string, paused: boolean): Promise<Producer<ProducerData>> {
    const producer = this.producer(producerId);
    await mediaCall('cannot change the producer', () => (paused ? producer.pause() : producer.resume()));
    return producer;
  }

  private producer(producerId: string): Producer<ProducerData> {
    const producer = this.producers.get(producerId);
    if (!producer) throw notFound('producer');
    return producer;
  }

  /** The page receives on this transport with these capabilities: what others start sending is made for it before it asks. */
  receiveOn(transportId: string, rtpCapabilities: RtpCapabilities): void {
    this.receiving = { transportId, rtpCapabilities };
  }

  /**
   * A consumer of a producer just started, made for this page before it asks; none when the page
   * has not said how it receives, or cannot receive it (it then asks, and is told why).
   */
  async offer(producer: Producer<ProducerData>): Promise<ConsumerOptions | null> {
    if (!this.receiving || this.closedFlag) return null;
    return this.consume(this.receiving.transportId, producer, this.receiving.rtpCapabilities).catch((error: unknown) => {
      log.info('no consumer offered: the page will ask for it', { peerId: this.id, producerId: producer.id, ...errorFields(error) });
      return null;
    });
  }

  /** Closes an offered consumer the page was never told of (its producer closed first): the page has nothing to close. */
  closeUntold(consumerId: string): void {
    this.consumers.get(consumerId)?.close();
  }

  /**
   * A video consumer starts paused: the client resumes it once its side is ready, so that no
   * keyframe is lost. Audio has no keyframes to lose, and flows at once: the page hears a newcomer
   * without a resume's round trip (the first packets before its side is ready are dropped there).
   * A device with no codec in common is refused by mediasoup's own check ("cannot consume: no
   * compatible media codecs"): asking `canConsume` first copied the capabilities a second time.
   */
  async consume(transportId: string, producer: Producer<ProducerData>, rtpCapabilities: RtpCapabilities): Promise<ConsumerOptions> {
    const transport = this.transport(transportId, 'recv');
    // Offered while the page's socket was down, it asks for it on coming back: the same consumer again.
    const made = [...this.consumers.values()].find((consumer) => consumer.producerId === producer.id);
    if (made?.appData.transportId === transport.id) return consumerOptions(made, producer);
    if (made || this.pending.producerIds.has(producer.id)) throw new AppError('conflict', 'already receiving that media');
    this.pending.producerIds.add(producer.id);
    // A camera starts at its lowest layer for a new viewer, whose tile asks for more once it knows its
    // width: on a thin downlink a higher layer, picked before the server's estimate knew better, held
    // back the first frame for seconds.
    const preferredLayers = producer.type === 'simulcast' ? { spatialLayer: 0 } : undefined;
    const consumer = await mediaCall('cannot consume', () =>
      transport.consume<ConsumerData>({ producerId: producer.id, rtpCapabilities, paused: producer.kind === 'video', preferredLayers, appData: { transportId: transport.id } }),
    ).finally(() => this.pending.producerIds.delete(producer.id));
    this.consumers.set(consumer.id, consumer);
    consumer.observer.once('close', () => {
      this.consumers.delete(consumer.id);
      this.demandChanged(producer.id);
    });
    consumer.on('producerclose', () => {
      consumer.close();
      this.signal('media:consumerClosed', { consumerId: consumer.id });
    });
    return consumerOptions(consumer, producer);
  }

  /**
   * Resumes each of them; answers the ids it no longer has, closed since the page was told of them
   * (before or while this ran), so that one sender leaving does not leave the others paused.
   */
  async resumeConsumers(consumerIds: string[]): Promise<string[]> {
    const outcomes = await Promise.allSettled(consumerIds.map((consumerId) => this.pauseConsumer(consumerId, false)));
    const failed = consumerIds.flatMap((consumerId, index) => {
      const outcome = outcomes[index]!;
      return outcome.status === 'rejected' ? [{ consumerId, error: outcome.reason as unknown }] : [];
    });
    const broken = failed.find(({ consumerId }) => this.consumers.has(consumerId));
    if (broken) throw broken.error;
    return failed.map(({ consumerId }) => consumerId);
  }

  async pauseConsumer(consumerId: string, paused: boolean): Promise<void> {
    const consumer = this.consumer(consumerId);
    await mediaCall('cannot change the consumer', () => (paused ? consumer.pause() : consumer.resume()));
    this.demandChanged(consumer.producerId);
  }

  /** Only simulcast video has layers; for anything else the request changes nothing. */
  async setConsumerLayers(consumerId: string, spatialLayer: number): Promise<void> {
    const consumer = this.consumer(consumerId);
    if (consumer.type !== 'simulcast') return;
    await mediaCall('cannot change the layers', () => consumer.setPreferredLayers({ spatialLayer }));
    this.demandChanged(consumer.producerId);
  }

  /**
   * The highest simulcast layer this peer wants of a producer: its consumer's preferred layer while
   * it receives, nothing while it is paused or not receiving at all.
   */
  wantedLayer(producerId: string): number | null {
    const consumer = [...this.consumers.values()].find((candidate) => candidate.producerId === producerId);
    if (!consumer || consumer.paused) return null;
    return consumer.preferredLayers?.spatialLayer ?? Number.MAX_SAFE_INTEGER;
  }

  private consumer(consumerId: string): Consumer {
    const consumer = this.consumers.get(consumerId);
    if (!consumer) throw notFound('consumer');
    return consumer;
  }

  /** Safe to call more than once. */
  close(): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    for (const transport of this.transports.values()) transport.close();
    this.transports.clear();
    this.producers.clear();
    this.consumers.clear();
  }

  /** Counts for tests and health: what this peer still holds on the server. */
  holdings(): { transports: number; producers: number; consumers: number } {
    return { transports: this.transports.size, producers: this.producers.size, consumers: this.consumers.size };
  }

  private transport(transportId: string, direction?: Direction): WebRtcTransport<TransportData> {
    const transport = this.transports.get(transportId);
    if (!transport) throw notFound('transport');
    if (direction && transport.appData.direction !== direction) {
      throw new AppError('invalid_input', `transport is for ${transport.appData.direction}, not ${direction}`, 'transportId');
    }
    return transport;
  }
}

function consumerOptions(consumer: Consumer, producer: Producer<ProducerData>): ConsumerOptions {
  return {
    consumerId: consumer.id,
    producerId: producer.id,
    peerId: producer.appData.peerId,
    kind: consumer.kind,
    source: producer.appData.source,
    paused: consumer.paused,
    // mediasoup and mediasoup-client spell the same wire format with separately versioned types.
    rtpParameters: consumer.rtpParameters as ConsumerOptions['rtpParameters'],
  };
}

export function producerInfo(producer: Producer<ProducerData>): ProducerState {
  return { producerId: producer.id, peerId: producer.appData.peerId, kind: producer.kind, source: producer.appData.source, paused: producer.paused };
}
