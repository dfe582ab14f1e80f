import { EventEmitter } from 'node:events';
import type { Router, WebRtcTransportOptions, Worker } from 'mediasoup/types';
import type { PeerInfo } from '../../shared/media';
import type { ServerToClientEvents } from '../../shared/events';
import { AppError } from '../domain/errors';
import { mediaCodecs } from './mediaSettings';
import { Peer, producerInfo, type PeerIdentity, type PeerSignal, type ProducerData } from './peer';
import type { Producer } from 'mediasoup/types';

/**
 * A live session's media: one router and the peers in it. It closes itself when the last
 * peer leaves or when its worker dies, and then emits 'close'.
 */
export class Room extends EventEmitter<{ close: [] }> {
  private readonly peers = new Map<string, Peer>();
  private closedFlag = false;

  private constructor(
    readonly sessionId: string,
    readonly router: Router,
    private readonly transportOptions: WebRtcTransportOptions,
  ) {
    super();
    router.observer.once('close', () => this.close('the media server restarted'));
  }

  static async create(sessionId: string, worker: Worker, transportOptions: WebRtcTransportOptions): Promise<Room> {
    const router = await worker.createRouter({ mediaCodecs, appData: { sessionId } });
    return new Room(sessionId, router, transportOptions);
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  get peerCount(): number {
    return this.peers.size;
  }

  join(peerId: string, identity: PeerIdentity, signal: PeerSignal): Peer {
    if (this.closedFlag) throw new AppError('conflict', 'the room is closing; join again');
    const peer = new Peer(peerId, identity, this.router, this.transportOptions, signal);
    this.broadcast(peer.id, 'room:peerJoined', peer.info());
    this.peers.set(peerId, peer);
    return peer;
  }

  otherPeers(peerId: string): PeerInfo[] {
    return [...this.peers.values()].filter((peer) => peer.id !== peerId).map((peer) => peer.info());
  }

  announceProducer(producer: Producer<ProducerData>): void {
    this.broadcast(producer.appData.peerId, 'room:producerAdded', producerInfo(producer));
  }

  /** Tells the others a producer was muted or unmuted, so its tile shows it. */
  announceProducerState(producer: Producer<ProducerData>): void {
    this.broadcast(producer.appData.peerId, 'room:producerState', producerInfo(producer));
  }

  findProducer(producerId: string): Producer<ProducerData> {
    for (const peer of this.peers.values()) {
      const producer = peer.producerList.find((candidate) => candidate.id === producerId);
      if (producer) return producer;
    }
    throw new AppError('not_found', 'producer not found', 'producerId');
  }

  leave(peerId: string): void {
    const peer = this.peers.get(peerId);
    if (!peer) return;
    this.peers.delete(peerId);
    peer.close();
    this.broadcast(peerId, 'room:peerLeft', { peerId });
    if (this.peers.size === 0) this.close('empty');
  }

  /** Safe to call more than once. */
  close(reason: string): void {
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

  private broadcast<E extends keyof ServerToClientEvents>(exceptPeerId: string, event: E, ...args: Parameters<ServerToClientEvents[E]>): void {
    for (const peer of this.peers.values()) {
      if (peer.id !== exceptPeerId) peer.signal(event, ...args);
    }
  }
}
