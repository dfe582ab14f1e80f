import { EventEmitter } from 'node:events';
import type { AudioLevelObserver, Router, WebRtcTransportOptions, Worker } from 'mediasoup/types';
import type { PeerInfo } from '../../shared/media';
import type { RoomCloseReason, ServerToClientEvents } from '../../shared/events';
import { AppError } from '../domain/errors';
import { RoomFloor } from '../domain/roomFloor';
import { errorFields, log } from '../logger';
import { mediaCodecs } from './mediaSettings';
import { Peer, producerInfo, type PeerIdentity, type PeerSignal, type ProducerData } from './peer';
import type { Producer } from 'mediasoup/types';

/**
 * A live session's media: one router and the peers in it, and the floor they share. It closes
 * itself when the last peer leaves or when its worker dies, and then emits 'close'.
 *
 * Its peers are the one audience of everything a live session says to the people in it (media,
 * floor, chat, agenda, opinions, votes, agreements). They are who is in the room: joined, left,
 * removed and closed here, where a Socket.IO room would be a second list to keep in step with it.
 */
export class Room extends EventEmitter<{ close: []; peerLeft: [peerId: string] }> {
  private readonly peers = new Map<string, Peer>();
  /** The simulcast layer each camera was last told anyone receives (null: nobody). */
  private readonly demandSent = new Map<string, number | null>();
  private closedFlag = false;
  readonly floor = new RoomFloor();

  private constructor(
    readonly sessionId: string,
    readonly router: Router,
    private readonly speakers: AudioLevelObserver,
    private readonly transportOptions: WebRtcTransportOptions,
  ) {
    super();
    router.observer.once('close', () => this.close('media_restarted'));
    // The loudest voice above the threshold speaks; in silence the last speaker stays highlighted.
    speakers.on('volumes', ([loudest]) => {
      const peerId = loudest ? (loudest.producer.appData as ProducerData).peerId : null;
      if (!peerId || peerId === this.floor.activeSpeakerPeerId) return;
      this.floor.activeSpeakerPeerId = peerId;
      this.broadcastAll('room:activeSpeaker', { peerId });
    });
  }

  static async create(sessionId: string, worker: Worker, transportOptions: WebRtcTransportOptions): Promise<Room> {
    const router = await worker.createRouter({ mediaCodecs, appData: { sessionId } });
    // Closed with the router; tells the room who is speaking so the grid can highlight them. Audio
    // levels rather than the dominant-speaker heuristic: it follows a change of speaker within a second.
    const speakers = await router.createAudioLevelObserver({ maxEntries: 1, threshold: -70, interval: 400 });
    return new Room(sessionId, router, speakers, transportOptions);
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  get peerCount(): number {
    return this.peers.size;
  }

  join(peerId: string, identity: PeerIdentity, signal: PeerSignal): Peer {
    if (this.closedFlag) throw new AppError('conflict', 'the room is closing; join again');
    const peer = new Peer(peerId, identity, this.router, this.transportOptions, signal, (producerId) => this.reviewDemand(producerId));
    this.broadcastExcept(peer.id, 'room:peerJoined', peer.info());
    this.peers.set(peerId, peer);
    return peer;
  }

  otherPeers(peerId: string): PeerInfo[] {
    return [...this.peers.values()].filter((peer) => peer.id !== peerId).map((peer) => peer.info());
  }

  announceProducer(producer: Producer<ProducerData>): void {
    if (producer.kind === 'audio') {
      this.speakers.addProducer({ producerId: producer.id }).catch((error: unknown) => log.warn('active speaker not tracked', errorFields(error)));
    }
    this.broadcastExcept(producer.appData.peerId, 'room:producerAdded', producerInfo(producer));
    producer.observer.once('close', () => this.demandSent.delete(producer.id));
    this.reviewDemand(producer.id);
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
    this.router.close();
    this.emit('close');
  }
}
