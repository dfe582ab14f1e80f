import { EventEmitter } from 'node:events';
import type { AudioLevelObserver, Router, Worker } from 'mediasoup/types';
import type { PeerInfo } from '../../shared/media';
import type { RoomCloseReason, ServerToClientEvents } from '../../shared/events';
import { AppError } from '../domain/errors';
import { RoomFloor } from '../domain/roomFloor';
import { errorFields, log } from '../logger';
import { mediaCodecs, type TransportOptionsFor } from './mediaSettings';
import { mediaCall, Peer, producerInfo, type PeerIdentity, type PeerSignal, type ProducerData } from './peer';
import type { Producer } from 'mediasoup/types';
import type { WorkerData, WorkerPool } from './workerPool';

/** Where a room's routers go: the pool's workers, and how transports are made on each. */
export interface RoomPlacement {
  workers: WorkerPool;
  transportOptions: TransportOptionsFor;
}

/** One of a room's routers and the worker it runs on. */
interface RoomRouter {
  router: Router;
  worker: Worker<WorkerData>;
}

/**
 * A live session's media: its routers and the peers in it, and the floor they share. It starts on one
 * router; when that router's worker forwards to more consumers than its share, new participants go
 * through a router on another worker, and what they receive from the first is piped across
 * (`pipeToRouter`), so one session can use every core. It closes itself when the last peer leaves
 * or when a worker it uses dies, and then emits 'close'.
 *
 * Its peers are the one audience of everything a live session says to the people in it (media,
 * floor, chat, agenda, opinions, votes, agreements). They are who is in the room: joined, left,
 * removed and closed here, where a Socket.IO room would be a second list to keep in step with it.
 */
export class Room extends EventEmitter<{ close: []; peerLeft: [peerId: string] }> {
  private readonly peers = new Map<string, Peer>();
  /** The simulcast layer each camera was last told anyone receives (null: nobody). */
  private readonly demandSent = new Map<string, number | null>();
  /** The first router is the room's home: every microphone is heard there, for the active speaker. */
  private readonly routers: RoomRouter[] = [];
  /** Producers piped into a router other than their own, by `producerId routerId`. */
  private readonly pipes = new Map<string, Promise<void>>();
  /** A router being added on another worker: joins meanwhile wait for it rather than add a second. */
  private growing?: Promise<RoomRouter | undefined>;
  private closedFlag = false;
  readonly floor = new RoomFloor();

  private constructor(
    readonly sessionId: string,
    home: RoomRouter,
    private readonly speakers: AudioLevelObserver,
    private readonly placement: RoomPlacement,
  ) {
    super();
    // Each participant's connection watches the room (its own removal, the room's end): one listener of each per person.
    this.setMaxListeners(0);
    this.adopt(home);
    // The loudest voice above the threshold speaks; in silence the last speaker stays highlighted.
    speakers.on('volumes', ([loudest]) => {
      const peerId = loudest ? (loudest.producer.appData as ProducerData).peerId : null;
      if (!peerId || peerId === this.floor.activeSpeakerPeerId) return;
      this.floor.activeSpeakerPeerId = peerId;
      this.broadcastAll('room:activeSpeaker', { peerId });
    });
  }

  static async create(sessionId: string, placement: RoomPlacement): Promise<Room> {
    const worker = placement.workers.pick();
    const router = await worker.createRouter({ mediaCodecs, appData: { sessionId } });
    // Closed with the router; tells the room who is speaking so the grid can highlight them. Audio
    // levels rather than the dominant-speaker heuristic: it follows a change of speaker within a second.
    const speakers = await router.createAudioLevelObserver({ maxEntries: 1, threshold: -70, interval: 400 });
    return new Room(sessionId, { router, worker }, speakers, placement);
  }

  /** The home router, where the room started. */
  get router(): Router {
    return this.routers[0]!.router;
  }

  /** The workers the room's routers run on, home first. */
  get workers(): Worker[] {
    return this.routers.map(({ worker }) => worker);
  }

  private adopt(added: RoomRouter): void {
    this.routers.push(added);
    added.router.observer.once('close', () => this.close('media_restarted'));
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  get peerCount(): number {
    return this.peers.size;
  }

  async join(peerId: string, identity: PeerIdentity, signal: PeerSignal): Promise<Peer> {
    if (this.closedFlag) throw new AppError('conflict', 'the room is closing; join again');
    const { router, worker } = await this.routerForNewPeer();
    if (this.closedFlag) throw new AppError('conflict', 'the room is closing; join again');
    const peer = new Peer(peerId, identity, router, this.placement.transportOptions(worker), signal, (producerId) => this.reviewDemand(producerId));
    this.broadcastExcept(peer.id, 'room:peerJoined', peer.info());
    this.peers.set(peerId, peer);
    return peer;
  }

  /**
   * The router a new participant's media goes through: the room's router on its least-loaded worker
   * while that worker forwards to fewer consumers than its share, otherwise a new router on a
   * lighter worker the room does not use yet (if there is one).
   */
  private async routerForNewPeer(): Promise<RoomRouter> {
    const { workers } = this.placement;
    const lightest = this.routers.reduce((best, candidate) => (workers.consumersOn(candidate.worker) < workers.consumersOn(best.worker) ? candidate : best));
    if (workers.consumersOn(lightest.worker) < workers.consumersPerWorker) return lightest;
    this.growing ??= this.grow().finally(() => (this.growing = undefined));
    return (await this.growing) ?? lightest;
  }

  private async grow(): Promise<RoomRouter | undefined> {
    const { workers } = this.placement;
    const worker = workers.leastLoaded(this.workers);
    if (!worker || workers.consumersOn(worker) >= workers.consumersPerWorker) return undefined;
    try {
      const router = await worker.createRouter({ mediaCodecs, appData: { sessionId: this.sessionId } });
      if (this.closedFlag) {
        router.close();
        return undefined;
      }
      const added = { router, worker };
      this.adopt(added);
      log.info('session spread to another media worker', { sessionId: this.sessionId, routers: this.routers.length });
      return added;
    } catch (error) {
      // The participant still gets in, through a busier router.
      log.warn('session could not spread to another media worker', errorFields(error));
      return undefined;
    }
  }

  /**
   * The producer, present in `peer`'s router so the peer can consume it: piped there from its own
   * router the first time someone on another router asks for it.
   */
  async producerFor(peer: Peer, producerId: string): Promise<Producer<ProducerData>> {
    const producer = this.findProducer(producerId);
    await this.pipe(producer, peer.router);
    return producer;
  }

  private pipe(producer: Producer<ProducerData>, target: Router): Promise<void> {
    const source = this.peers.get(producer.appData.peerId)?.router;
    if (!source || source === target) return Promise.resolve();
    const key = `${producer.id} ${target.id}`;
    let piping = this.pipes.get(key);
    if (!piping) {
      // The piped copy keeps the producer's id, pauses with it and closes with it.
      piping = mediaCall('cannot reach that media from this router', () => source.pipeToRouter({ producerId: producer.id, router: target })).then(() => undefined);
      const forget = () => this.pipes.delete(key);
      this.pipes.set(key, piping);
      producer.observer.once('close', forget);
      piping.catch(forget);
    }
    return piping;
  }

  otherPeers(peerId: string): PeerInfo[] {
    return [...this.peers.values()].filter((peer) => peer.id !== peerId).map((peer) => peer.info());
  }

  announceProducer(producer: Producer<ProducerData>): void {
    if (producer.kind === 'audio') {
      this.pipe(producer, this.router)
        // A microphone sent anew for a thin uplink may close as soon as it started.
        .then(() => (producer.closed ? undefined : this.speakers.addProducer({ producerId: producer.id })))
        .catch((error: unknown) => log.warn('active speaker not tracked', errorFields(error)));
    }
    for (const peer of this.peers.values()) {
      if (peer.id !== producer.appData.peerId) void this.tellOfProducer(peer, producer);
    }
    producer.observer.once('close', () => this.demandSent.delete(producer.id));
    this.reviewDemand(producer.id);
  }

  /**
   * Tells one participant of a new producer, with the consumer made for their page. Told once that
   * is made, it carries the producer's state as it is then (a microphone muted meanwhile); one that
   * closed meanwhile is not told at all.
   */
  private async tellOfProducer(peer: Peer, producer: Producer<ProducerData>): Promise<void> {
    const consumer = await this.pipe(producer, peer.router).then(
      () => peer.offer(producer),
      () => null,
    );
    if (producer.closed || peer.closed) {
      // Closed now, before the worker reports the producer's end to it: the page hears of neither.
      if (consumer) peer.closeUntold(consumer.consumerId);
      return;
    }
    peer.signal('room:producerAdded', consumer ? { ...producerInfo(producer), consumer } : producerInfo(producer));
  }

  /**
   * Tells a camera's sender the highest simulcast layer anyone receives, so its browser encodes no
   * layer nobody watches (on a 150 kbit/s hospital uplink, an unwatched layer is most of the link).
   */
  private reviewDemand(producerId: string): void {
    const producer = this.peerProducer(producerId);
    if (!producer || producer.type !== 'simulcast' || this.closedFlag) return;
    const top = (producer.rtpParameters.encodings?.length ?? 1) - 1;
    const wanted = [...this.peers.values()].flatMap((peer) => peer.wantedLayer(producerId) ?? []);
    const layer = wanted.length ? Math.min(top, Math.max(...wanted)) : null;
    if (this.demandSent.has(producerId) && this.demandSent.get(producerId) === layer) return;
    this.demandSent.set(producerId, layer);
    this.peers.get(producer.appData.peerId)?.signal('media:producerDemand', { producerId, spatialLayer: layer });
  }

  /** Whether anyone but `exceptPeerId` is sharing a screen: the stage shows one at a time. */
  screenSharedBy(exceptPeerId: string): boolean {
    return [...this.peers.values()].some((peer) => peer.id !== exceptPeerId && peer.producerList.some((producer) => producer.appData.source === 'screen'));
  }

  peerList(): Peer[] {
    return [...this.peers.values()];
  }

  peer(peerId: string): Peer {
    const peer = this.peers.get(peerId);
    if (!peer) throw new AppError('not_found', 'that participant is not in the room', 'peerId');
    return peer;
  }

  /** Sends to everyone in the room: news no ack carries (an agreement written over REST, the hand queue). */
  broadcastAll<E extends keyof ServerToClientEvents>(event: E, ...args: Parameters<ServerToClientEvents[E]>): void {
    for (const peer of this.peers.values()) peer.signal(event, ...args);
  }

  /**
   * Sends to everyone but `exceptPeerId`, the peer the news is about or whose request made it: that
   * one has it already (its own join, or the ack of its request), so each client hears each change once.
   */
  broadcastExcept<E extends keyof ServerToClientEvents>(exceptPeerId: string, event: E, ...args: Parameters<ServerToClientEvents[E]>): void {
    for (const peer of this.peers.values()) {
      if (peer.id !== exceptPeerId) peer.signal(event, ...args);
    }
  }

  /** Sends to the peers `pick` chooses (the coordinators, say). */
  signalWhere<E extends keyof ServerToClientEvents>(pick: (peer: Peer) => boolean, event: E, ...args: Parameters<ServerToClientEvents[E]>): void {
    for (const peer of this.peers.values()) if (pick(peer)) peer.signal(event, ...args);
  }

  /** Tells the others a producer was muted or unmuted, so its tile shows it. */
  announceProducerState(producer: Producer<ProducerData>): void {
    this.broadcastExcept(producer.appData.peerId, 'room:producerState', producerInfo(producer));
  }

  findProducer(producerId: string): Producer<ProducerData> {
    const producer = this.peerProducer(producerId);
    if (!producer) throw new AppError('not_found', 'producer not found', 'producerId');
    return producer;
  }

  private peerProducer(producerId: string): Producer<ProducerData> | undefined {
    for (const peer of this.peers.values()) {
      const producer = peer.producerList.find((candidate) => candidate.id === producerId);
      if (producer) return producer;
    }
    return undefined;
  }

  /** What a dropped page held passes to the new page of the same person: the file shown on the stage stays. */
  handOver(fromPeerId: string, toPeerId: string): void {
    if (this.floor.handOverViewer(fromPeerId, toPeerId)) this.broadcastAll('viewer:state', this.floor.viewer);
  }

  leave(peerId: string): void {
    const peer = this.peers.get(peerId);
    if (!peer) return;
    this.peers.delete(peerId);
    peer.close();
    this.broadcastExcept(peerId, 'room:peerLeft', { peerId });
    if (this.floor.lowerHand(peerId)) this.broadcastAll('hand:queue', { hands: this.floor.handQueue() });
    if (this.floor.forgetPeer(peerId)) this.broadcastAll('viewer:state', null);
    this.emit('peerLeft', peerId);
    if (this.peers.size === 0) this.close('empty');
  }

  /** Safe to call more than once; 'empty' closes quietly, as nobody is left to tell. */
  close(reason: RoomCloseReason | 'empty'): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    for (const peer of this.peers.values()) {
      peer.close();
      if (reason !== 'empty') peer.signal('room:closed', { reason });
    }
    this.peers.clear();
    for (const { router } of this.routers) router.close();
    this.emit('close');
  }
}
