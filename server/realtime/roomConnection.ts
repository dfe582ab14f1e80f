import { can } from '../../shared/permissions';
import { authorize } from '../domain/actor';
import { randomUUID } from 'node:crypto';
import type { RtpCapabilities, RtpParameters } from 'mediasoup/types';
import type { JoinedRoom, JoinRoomResponse } from '../../shared/media';
import { AppError, forbidden, notJoined } from '../domain/errors';
import type { CaseService } from '../domain/caseService';
import type { LiveSession } from '../domain/liveSession';
import type { PresenceLedger } from '../domain/presenceLedger';
import type { RoomAccess } from '../domain/roomAccess';
import type { Peer, PeerSignal } from '../media/peer';
import type { Room } from '../media/room';
import type { RoomRegistry } from '../media/roomRegistry';
import type { OpinionService } from '../domain/opinionService';
import type { RecommendationService } from '../domain/recommendationService';
import type { VoteService } from '../domain/voteService';
import { announceWaiting, floorHandlers } from './floorHandlers';
import { opinionHandlers } from './opinionHandlers';
import type { AppSocket, RequestHandlers } from './requestHandlers';

export interface RoomConnectionDeps {
  rooms: RoomRegistry;
  presence: PresenceLedger;
  access: RoomAccess;
  live: LiveSession;
  cases: CaseService;
  opinions: OpinionService;
  recommendations: RecommendationService;
  votes: VoteService;
}

/** One socket's life in a room: at most one membership, released on leave or disconnect. */
export class RoomConnection {
  private membership?: { room: Room; peer: Peer; stopWatching: () => void };
  private waitingIn?: Room;
  private joining = false;

  constructor(
    private readonly socket: AppSocket,
    private readonly deps: RoomConnectionDeps,
  ) {}

  handlers(): RequestHandlers {
    return {
      'room:join': ({ sessionId }) => this.join(sessionId),
      'room:leave': async () => {
        await this.leave();
        return {};
      },
      'media:createTransport': ({ direction }) => this.member().peer.createTransport(direction),
      'media:connectTransport': async ({ transportId, dtlsParameters }) => {
        await this.member().peer.connectTransport(transportId, dtlsParameters);
        return {};
      },
      'media:restartIce': async ({ transportId }) => ({ iceParameters: await this.member().peer.restartIce(transportId) }),
      'media:produce': async ({ transportId, kind, rtpParameters, source }) => {
        const { room, peer } = this.member();
        if (source === 'screen') {
          authorize(this.socket.data.actor, 'room.present');
          if (room.screenSharedBy(peer.id)) throw new AppError('conflict', 'someone else is sharing a screen; wait until they stop');
        }
        const producer = await peer.produce(transportId, kind, rtpParameters as RtpParameters, source);
        room.announceProducer(producer);
        return { producerId: producer.id };
      },
      'media:closeProducer': async ({ producerId }) => {
        this.member().peer.closeProducer(producerId);
        return {};
      },
      'media:pauseProducer': async ({ producerId, paused }) => {
        const { room, peer } = this.member();
        room.announceProducerState(await peer.pauseProducer(producerId, paused));
        return {};
      },
      'media:consume': ({ transportId, producerId, rtpCapabilities }) => {
        const { room, peer } = this.member();
        return peer.consume(transportId, room.findProducer(producerId), rtpCapabilities as RtpCapabilities);
      },
      'media:resumeConsumer': async ({ consumerId }) => {
        await this.member().peer.resumeConsumer(consumerId);
        return {};
      },
      'media:pauseConsumer': async ({ consumerId, paused }) => {
        await this.member().peer.pauseConsumer(consumerId, paused);
        return {};
      },
      'media:setConsumerLayers': async ({ consumerId, spatialLayer }) => {
        await this.member().peer.setConsumerLayers(consumerId, spatialLayer);
        return {};
      },
      ...floorHandlers(this.socket.data.actor, () => this.member(), this.deps),
      ...opinionHandlers(this.socket.data.actor, () => this.member(), this.deps),
    };
  }

  private async join(sessionId: string): Promise<JoinRoomResponse> {
    if (this.membership || this.joining) throw new AppError('conflict', 'already in a room; leave it first');
    this.joining = true;
    try {
      const { actor } = this.socket.data;
      const ticket = await this.deps.access.admit(actor, sessionId);
      const room = await this.deps.rooms.getOrCreate(sessionId);
      const identity = { userId: actor.id, displayName: actor.name, centerId: actor.centerId, roles: actor.roles, specialty: actor.specialty };
      const entry = room.floor.entry(actor.id, can(actor, 'room.moderate'));
      if (entry === 'removed') throw forbidden('the coordinator removed you from this room');
      if (entry === 'wait') {
        this.stopWaiting();
        room.floor.wait({ userId: actor.id, displayName: actor.name, centerId: actor.centerId }, () => {
          this.waitingIn = undefined;
          this.socket.emit('lobby:admitted', { sessionId });
        });
        this.waitingIn = room;
        announceWaiting(room);
        return { status: 'waiting' };
      }
      const peer = room.join(randomUUID(), identity, this.signal);
      const watchLeave = (peerId: string) => {
        if (peerId === peer.id) void this.forget();
      };
      const watchClose = () => {
        if (this.membership?.room === room) void this.forget();
      };
      room.on('peerLeft', watchLeave);
      room.once('close', watchClose);
      this.membership = {
        room,
        peer,
        stopWatching: () => {
          room.off('peerLeft', watchLeave);
          room.off('close', watchClose);
        },
      };
      await this.record(room, peer, 'join');
      return {
        status: 'joined',
        peerId: peer.id,
        routerRtpCapabilities: room.router.rtpCapabilities as JoinedRoom['routerRtpCapabilities'],
        peers: room.otherPeers(peer.id),
        session: { id: ticket.sessionId, number: ticket.number, title: ticket.title },
        floor: {
          hands: room.floor.handQueue(),
          chat: await this.deps.live.chat(sessionId),
          agenda: await this.deps.live.agendaPosition(sessionId),
          locked: room.floor.locked,
          waiting: can(actor, 'room.moderate') ? room.floor.waitingList() : [],
          activeSpeakerPeerId: room.floor.activeSpeakerPeerId,
          viewer: room.floor.viewer,
        },
      };
    } finally {
      this.joining = false;
    }
  }

  private stopWaiting(): void {
    const room = this.waitingIn;
    this.waitingIn = undefined;
    if (room?.floor.stopWaiting(this.socket.data.actor.id)) announceWaiting(room);
  }

  /** Leaves the room, if in one; safe to call more than once (leave, then disconnect). */
  async leave(): Promise<void> {
    this.stopWaiting();
    const membership = this.membership;
    if (!membership) return;
    membership.room.leave(membership.peer.id);
    await this.forget();
  }

  /** Drops the membership and writes the leave to the presence ledger. */
  private async forget(): Promise<void> {
    const membership = this.membership;
    if (!membership) return;
    this.membership = undefined;
    membership.stopWatching();
    await this.record(membership.room, membership.peer, 'leave');
  }

  private record(room: Room, peer: Peer, kind: 'join' | 'leave'): Promise<void> {
    const { userId, displayName, centerId } = peer.identity;
    return this.deps.presence.record({ sessionId: room.sessionId, userId, centerId, peerId: peer.id, displayName, kind });
  }

  private member(): { room: Room; peer: Peer } {
    if (!this.membership) throw notJoined();
    return this.membership;
  }

  private readonly signal: PeerSignal = (event, ...args) => {
    this.socket.emit(event, ...args);
  };
}
