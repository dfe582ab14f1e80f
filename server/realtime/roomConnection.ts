import { can } from '../../shared/permissions';
import { authorize } from '../domain/actor';
import { randomBytes, randomUUID } from 'node:crypto';
import type { RtpCapabilities, RtpParameters } from 'mediasoup/types';
import type { EnteredMedia, IceSettings, JoinedRoom, JoinRoomResponse, MediaCapabilities, ProbeStarted } from '../../shared/media';
import { iceSettingsFor, type TurnSettings } from '../media/iceServers';
import { guestRequests, type RequestName, type ServerToClientEvents } from '../../shared/events';
import type { AgendaPosition, SharedViewer } from '../../shared/floor';
import { guestsFollowAgreements } from '../../shared/guests';
import type { JoinRoomRequest, ResumeRoomRequest } from '../../shared/room';
import type { SessionKind } from '../../shared/sessions';
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
import type { Membership, MembershipHolder, ResumableMemberships } from './resumableMemberships';
import type { AppSocket, RequestHandlers } from './requestHandlers';

/**
 * What the room tells everyone and an invited guest is not told: the board's opinions,
 * recommendations and votes on cases; agreements only in a working-group meeting, where they are
 * the guests' business.
 */
function withheldFromGuests(event: keyof ServerToClientEvents, sessionKind: SessionKind | undefined): boolean {
  if (event === 'agreement:changed') return !sessionKind || !guestsFollowAgreements({ kind: sessionKind });
  return event === 'opinion:published' || event === 'recommendation:state' || event === 'vote:state';
}

/** A guest learns that a case file is shown, so their page can say why the stage shows nothing, but never which (its name can carry a patient's name). */
const viewerForGuest = (viewer: SharedViewer | null): SharedViewer | null => viewer && { ...viewer, caseId: '', attachmentId: '', filename: '' };

/** Refuses what a guest's link does not reach (shared/events.ts guestRequests), whatever their role. */
const refuseGuest = async (): Promise<never> => {
  throw forbidden('an invitation link reaches only its session’s room');
};
const forGuests = (handlers: RequestHandlers): RequestHandlers =>
  Object.fromEntries(Object.entries(handlers).map(([name, handler]) => [name, guestRequests.has(name as RequestName) ? handler : refuseGuest])) as RequestHandlers;

/** How long a lobby's connection test may hold its room, should its page forget to stop it. */
const PROBE_LIMIT_MS = 30_000;

export interface RoomConnectionDeps {
  rooms: RoomRegistry;
  presence: PresenceLedger;
  access: RoomAccess;
  live: LiveSession;
  cases: CaseService;
  opinions: OpinionService;
  recommendations: RecommendationService;
  votes: VoteService;
  resumable: ResumableMemberships;
  /** TURN for fenced networks, and the ICE policy pages follow. */
  ice: { turn?: TurnSettings; policy: IceSettings['iceTransportPolicy'] };
  /** How long a peer whose socket dropped stays in its room for the page to resume it. */
  resumeGraceMs: number;
}

/**
 * One socket's life in a room: at most one membership, released on leave, handed to the
 * account's next socket on resume, or kept for a grace period after the socket dropped.
 */
export class RoomConnection implements MembershipHolder {
  private held?: Membership;
  private waitingIn?: Room;
  private joining = false;
  /** A lobby's connection test: a room of its own, where the page receives back what it sends. */
  private probe?: { room: Room; peer: Peer };
  /** Set while the socket is gone and the peer waits out its grace. */
  private drop?: { since: Date; timer: NodeJS.Timeout };

  constructor(
    private readonly socket: AppSocket,
    private readonly deps: RoomConnectionDeps,
  ) {}

  handlers(): RequestHandlers {
    const handlers: RequestHandlers = {
      'room:join': (request) => this.join(request),
      'room:resume': (request) => this.resume(request),
      'media:capabilities': async (): Promise<MediaCapabilities> => ({
        routerRtpCapabilities: (await this.deps.rooms.routerCapabilities()) as MediaCapabilities['routerRtpCapabilities'],
      }),
      'probe:start': () => this.startProbe(),
      'probe:stop': async () => {
        this.stopProbe();
        return {};
      },
      'room:leave': async () => {
        await this.leave();
        return {};
      },
      'media:createTransport': ({ direction }) => this.mediaMember().peer.createTransport(direction),
      'media:connectTransport': async ({ transportId, dtlsParameters }) => {
        await this.mediaMember().peer.connectTransport(transportId, dtlsParameters);
        return {};
      },
      'media:restartIce': async ({ transportId }) => ({ iceParameters: await this.mediaMember().peer.restartIce(transportId) }),
      'media:closeTransport': async ({ transportId }) => {
        this.mediaMember().peer.closeSendTransport(transportId);
        return {};
      },
      'media:produce': async ({ transportId, kind, rtpParameters, source }) => {
        const { room, peer } = this.mediaMember();
        if (source === 'screen') {
          authorize(this.socket.data.actor, 'room.present');
          if (room.screenSharedBy(peer.id)) throw new AppError('conflict', 'someone else is sharing a screen; wait until they stop');
        }
        const producer = await peer.produce(transportId, kind, rtpParameters as RtpParameters, source);
        room.announceProducer(producer);
        return { producerId: producer.id };
      },
      'media:closeProducer': async ({ producerId }) => {
        this.mediaMember().peer.closeProducer(producerId);
        return {};
      },
      'media:pauseProducer': async ({ producerId, paused }) => {
        const { room, peer } = this.mediaMember();
        room.announceProducerState(await peer.pauseProducer(producerId, paused));
        return {};
      },
      'media:consume': async ({ transportId, producerId, rtpCapabilities }) => {
        const { room, peer } = this.mediaMember();
        return peer.consume(transportId, await room.producerFor(peer, producerId), rtpCapabilities as RtpCapabilities);
      },
      'media:resumeConsumers': async ({ consumerIds }) => ({ missing: await this.mediaMember().peer.resumeConsumers(consumerIds) }),
      'media:pauseConsumer': async ({ consumerId, paused }) => {
        await this.mediaMember().peer.pauseConsumer(consumerId, paused);
        return {};
      },
      'media:setConsumerLayers': async ({ consumerId, spatialLayer }) => {
        await this.mediaMember().peer.setConsumerLayers(consumerId, spatialLayer);
        return {};
      },
      ...floorHandlers(this.socket.data.actor, () => this.member(), this.deps),
      ...opinionHandlers(this.socket.data.actor, () => this.member(), this.deps),
    };
    return this.socket.data.actor.guest ? forGuests(handlers) : handlers;
  }

  /**
   * Before entering, the lobby tests the path to the media server for real: it sends a few
   * seconds of its camera and microphone to a room of its own and receives them back through the
   * server, with the same media requests as in a session (and the same TURN servers).
   */
  private async startProbe(): Promise<ProbeStarted> {
    if (this.held || this.joining || this.probe) throw new AppError('conflict', 'already in a room or testing the connection');
    const { actor } = this.socket.data;
    const room = await this.deps.rooms.createProbe();
    const identity = { userId: actor.id, displayName: actor.name, centerId: actor.centerId, roles: actor.roles, specialty: actor.specialty };
    this.probe = { room, peer: await room.join(randomUUID(), identity, this.signal) };
    // A test forgotten by its page ends by itself.
    setTimeout(() => {
      if (this.probe?.room === room) this.stopProbe();
    }, PROBE_LIMIT_MS).unref();
    return { ice: iceSettingsFor(actor.id, this.deps.ice.turn, this.deps.ice.policy) };
  }

  private stopProbe(): void {
    // Its only peer leaving closes the test's room, and tells nobody.
    if (this.probe) this.probe.room.leave(this.probe.peer.id);
    this.probe = undefined;
  }

  private async join({ sessionId, media }: JoinRoomRequest): Promise<JoinRoomResponse> {
    if (this.held || this.joining) throw new AppError('conflict', 'already in a room; leave it first');
    this.stopProbe();
    this.joining = true;
    try {
      const { actor } = this.socket.data;
      const ticket = await this.deps.access.admit(actor, sessionId);
      const room = await this.deps.rooms.getOrCreate(sessionId);
      const identity = { userId: actor.id, displayName: actor.name, centerId: actor.centerId, roles: actor.roles, specialty: actor.specialty };
      const entry = room.floor.entry(actor.id, can(actor, 'room.moderate'), Boolean(actor.guest));
      if (entry === 'removed') throw forbidden('the coordinator removed you from this room');
      if (entry === 'wait') {
        this.stopWaiting();
        const guest = actor.guest ? { kind: actor.guest.kind, affiliation: actor.guest.affiliation } : null;
        room.floor.wait({ userId: actor.id, displayName: actor.name, centerId: actor.centerId, guest }, () => {
          this.waitingIn = undefined;
          this.socket.emit('lobby:admitted', { sessionId });
        });
        this.waitingIn = room;
        announceWaiting(room);
        return { status: 'waiting' };
      }
      const earlier = this.deps.resumable.droppedOf(actor.id, sessionId);
      const peer = await room.join(randomUUID(), identity, this.signal);
      for (const dropped of earlier) {
        const droppedPeerId = dropped.membership()?.peer.id;
        if (droppedPeerId) room.handOver(droppedPeerId, peer.id);
        dropped.expire();
      }
      const membership = this.adopt({
        room,
        peer,
        session: { id: ticket.sessionId, number: ticket.number, title: ticket.title },
        sessionKind: ticket.kind,
        resumeToken: randomBytes(32).toString('base64url'),
      });
      // The presence mark, the room as it is and the media are independent: made at once, the
      // page waits for the slowest rather than for their sum. The answer still waits for the mark.
      const marked = this.record(room, peer, 'join');
      try {
        const [joined, entered] = await Promise.all([this.snapshot(membership, ticket.agenda), media && this.enterMedia(room, peer, media)]);
        await marked;
        return entered ? { ...joined, media: entered } : joined;
      } catch (error) {
        // Not entered after all: the others must not see someone who will never arrive. The leave is marked after the join.
        await marked;
        await this.leave();
        throw error;
      }
    } finally {
      this.joining = false;
    }
  }

  /**
   * The transports of a page entering, and consumers (paused until the page resumes them) of
   * everything already sent in the room. One it cannot receive is left out: the page asks for it
   * as for any other, and is told why.
   */
  private async enterMedia(room: Room, peer: Peer, { rtpCapabilities, send }: NonNullable<JoinRoomRequest['media']>): Promise<EnteredMedia> {
    const [recv, sendTransport] = await Promise.all([peer.createTransport('recv'), send ? peer.createTransport('send') : null]);
    const capabilities = rtpCapabilities as RtpCapabilities;
    peer.receiveOn(recv.id, capabilities);
    const producers = room.otherPeers(peer.id).flatMap((other) => other.producers);
    const consumers = await Promise.all(
      producers.map(({ producerId }) =>
        room
          .producerFor(peer, producerId)
          .then((producer) => peer.consume(recv.id, producer, capabilities))
          .catch(() => null),
      ),
    );
    return { transports: { recv, send: sendTransport }, consumers: consumers.filter((consumer) => consumer !== null) };
  }

  /**
   * The page's link dropped and it came back on this socket: it takes its peer over, transports
   * and all, so its media may never have stopped and its attendance stays one interval.
   */
  private async resume({ sessionId, peerId, resumeToken }: ResumeRoomRequest): Promise<JoinedRoom> {
    if (this.held || this.joining) throw new AppError('conflict', 'already in a room; leave it first');
    const taken = this.deps.resumable.take(resumeToken, this.socket.data.actor.id, sessionId, peerId);
    if (!taken) throw notJoined();
    taken.peer.rebind(this.signal);
    taken.peer.interrupted = false;
    const membership = this.adopt(taken);
    membership.room.broadcastExcept(peerId, 'room:peerConnection', { peerId, connected: true });
    return this.snapshot(membership);
  }

  /** Holds a membership: watches for the peer's removal and the room's end, and lets the next socket resume it. */
  private adopt(membership: Omit<Membership, 'stopWatching'>): Membership {
    const { room, peer } = membership;
    const watchLeave = (peerId: string) => {
      if (peerId === peer.id) void this.forget();
    };
    const watchClose = () => {
      if (this.held?.room === room) void this.forget();
    };
    room.on('peerLeft', watchLeave);
    room.once('close', watchClose);
    this.held = {
      ...membership,
      stopWatching: () => {
        room.off('peerLeft', watchLeave);
        room.off('close', watchClose);
      },
    };
    this.deps.resumable.hold(membership.resumeToken, this);
    return this.held;
  }

  /** What a page needs to show the room as it is now: on entering (with the agenda read on the way in), and again on resuming after a drop. */
  private async snapshot({ room, peer, session, resumeToken }: Membership, agenda?: AgendaPosition): Promise<JoinedRoom> {
    const { actor } = this.socket.data;
    return {
      status: 'joined',
      peerId: peer.id,
      resumeToken,
      ice: iceSettingsFor(actor.id, this.deps.ice.turn, this.deps.ice.policy),
      peers: room.otherPeers(peer.id),
      session,
      floor: {
        hands: room.floor.handQueue(),
        chat: await room.floor.chat.lines(() => this.deps.live.chat(session.id)),
        agenda: agenda ?? (await this.deps.live.agendaPosition(session.id)),
        locked: room.floor.locked,
        waiting: can(actor, 'room.moderate') ? room.floor.waitingList() : [],
        activeSpeakerPeerId: room.floor.activeSpeakerPeerId,
        viewer: actor.guest ? viewerForGuest(room.floor.viewer) : room.floor.viewer,
      },
    };
  }

  get userId(): string {
    return this.socket.data.actor.id;
  }

  membership(): Membership | undefined {
    return this.held;
  }

  handOver(): Membership | undefined {
    const membership = this.held;
    if (!membership) return undefined;
    this.held = undefined;
    this.clearDrop();
    membership.stopWatching();
    // The old socket, if the server still thinks it alive, has nothing left to do.
    if (this.socket.connected) this.socket.disconnect(true);
    return membership;
  }

  /**
   * The socket dropped without leaving (a cut link, a sleeping laptop): the peer stays in the room,
   * shown to the others as interrupted, until its page resumes it or the grace runs out.
   */
  suspend(): void {
    this.stopWaiting();
    this.stopProbe();
    const membership = this.held;
    if (!membership || this.drop) return;
    const since = new Date();
    membership.peer.interrupted = true;
    membership.room.broadcastExcept(membership.peer.id, 'room:peerConnection', { peerId: membership.peer.id, connected: false });
    // Leaving tells the room, whose 'peerLeft' makes this connection forget the peer as of `since`.
    const timer = setTimeout(() => {
      if (this.held === membership) membership.room.leave(membership.peer.id);
    }, this.deps.resumeGraceMs);
    timer.unref();
    this.drop = { since, timer };
  }

  get dropped(): boolean {
    return this.drop !== undefined;
  }

  expire(): void {
    if (this.held && this.drop) this.held.room.leave(this.held.peer.id);
  }

  private clearDrop(): void {
    if (this.drop) clearTimeout(this.drop.timer);
    this.drop = undefined;
  }

  private stopWaiting(): void {
    const room = this.waitingIn;
    this.waitingIn = undefined;
    if (room?.floor.stopWaiting(this.socket.data.actor.id)) announceWaiting(room);
  }

  /** Leaves the room, if in one; safe to call more than once (leave, then disconnect). */
  async leave(): Promise<void> {
    this.stopWaiting();
    this.stopProbe();
    const membership = this.held;
    if (!membership) return;
    // Forgotten first, so that the leave is written before it is acknowledged: leaving the room
    // tells this connection's own watcher, which would forget it in the background.
    const forgotten = this.forget();
    membership.room.leave(membership.peer.id);
    await forgotten;
  }

  /** Drops the membership and writes the leave to the presence ledger, when it happened (`at`) if before now. */
  private async forget(at?: Date): Promise<void> {
    const membership = this.held;
    if (!membership) return;
    // A peer removed or ended with while its link was down left when the link went.
    const leftAt = at ?? this.drop?.since;
    this.held = undefined;
    this.clearDrop();
    membership.stopWatching();
    this.deps.resumable.release(membership.resumeToken, this);
    await this.record(membership.room, membership.peer, 'leave', leftAt);
  }

  private record(room: Room, peer: Peer, kind: 'join' | 'leave', at?: Date): Promise<void> {
    const { userId, displayName, centerId } = peer.identity;
    return this.deps.presence.record({ sessionId: room.sessionId, userId, centerId, peerId: peer.id, displayName, kind }, at);
  }

  private member(): { room: Room; peer: Peer } {
    if (!this.held) throw notJoined();
    return this.held;
  }

  /** Where media requests go: the session's room, or the lobby's connection test. */
  private mediaMember(): { room: Room; peer: Peer } {
    return this.held ?? this.probe ?? this.member();
  }

  private readonly signal: PeerSignal = (event, ...args) => {
    if (!this.socket.data.actor.guest) this.socket.emit(event, ...args);
    else if (event === 'viewer:state') this.socket.emit('viewer:state', viewerForGuest(args[0] as SharedViewer | null));
    else if (!withheldFromGuests(event, this.held?.sessionKind)) this.socket.emit(event, ...args);
  };
}
