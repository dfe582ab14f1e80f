import { can } from '../../shared/permissions';
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { AgreementDto } from '../../shared/agreements';
import type { AccountEndReason, ClientToServerEvents, ServerToClientEvents, SessionNews } from '../../shared/events';
import { guestsFollowAgreements } from '../../shared/guests';
import { type Actor } from '../domain/actor';
import type { AuthService } from '../domain/authService';
import type { SessionNotifier } from '../domain/sessionService';
import { readCookie, SESSION_COOKIE } from '../http/cookies';
import { fromThisSite } from '../http/sameOrigin';
import type { NoticePush } from '../notices/inbox';
import { errorFields, log } from '../logger';
import { endAccount, registerRequestHandlers, type AppSocket, type RequestObserver, type SocketData } from './requestHandlers';
import type { SharedAdapter } from './redisAdapter';
import { RequestRates } from './requestRates';
import { RoomConnection, type RoomConnectionDeps } from './roomConnection';

/** What one instance tells the others (through the shared adapter) for the rooms it holds. */
export interface InterServerEvents {
  'room:agreement': (sessionIds: string[], agreement: AgreementDto) => void;
  'room:ended': (sessionId: string) => void;
  'account:changed': (userId: string) => void;
  'session:audience': (sessionId: string) => void;
  'centers:changed': () => void;
}

export type AppSocketServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/**
 * Socket.IO rooms by audience outside any live room: each account, each centre, and the staff who
 * see every session. What is said to the people in a live room goes through its media Room's peers.
 */
const centerAudience = (centerId: string) => `center:${centerId}`;
const accountAudience = (userId: string) => `account:${userId}`;
/** The invited guests of one session. */
const guestAudience = (sessionId: string) => `guests:${sessionId}`;
const STAFF_AUDIENCE = 'staff';

/** What a guest hears of their session's news: at a working-group meeting, that its matters or agreements changed (their room's panel reads them again). */
const guestsHear = (news: SessionNews) => guestsFollowAgreements(news.session) && (news.change === 'matters' || news.change === 'agreements');

/** Why a socket drops when its network does, not its page or the server. */
const LOST_LINK = new Set(['ping timeout', 'transport close', 'transport error']);

export function createSocketServer(
  httpServer: HttpServer,
  deps: RoomConnectionDeps & { auth: AuthService; adapter?: SharedAdapter['adapter']; observeRequest?: RequestObserver },
): AppSocketServer {
  const rates = new RequestRates();
  const io: AppSocketServer = new Server(httpServer, {
    serveClient: false,
    ...(deps.adapter ? { adapter: deps.adapter } : {}),
    maxHttpBufferSize: 1_000_000,
    // A page of another site must not open a socket with the user's cookie (cross-site WebSocket hijacking).
    allowRequest: (req, callback) => callback(fromThisSite(req) ? null : 'cross-site socket refused', fromThisSite(req)),
  });
  // Only signed-in accounts connect: the session cookie travels with the handshake.
  io.use((socket, next) => {
    // Anything thrown here, even synchronously, must become a refused handshake, never a crash.
    Promise.resolve()
      .then(async () => {
        const token = readCookie(socket.handshake.headers.cookie, SESSION_COOKIE);
        const actor = await deps.auth.actorFor(token);
        if (!actor) return next(new Error('unauthenticated'));
        // A laboratory account has no sessions, rooms or notices: only its studies, over REST.
        if (actor.roles.includes('laboratory')) return next(new Error('forbidden: a laboratory account has no live sessions'));
        socket.data.actor = actor;
        socket.data.token = token;
        next();
      })
      .catch((error: unknown) => {
        log.error('socket authentication failed', errorFields(error));
        next(new Error('internal'));
      });
  });
  io.on('connection', (socket) => {
    const { actor } = socket.data;
    // An invited guest hears nothing of the centre's sessions: what ends their sign-in, and some of their own session's news.
    const audiences = actor.guest
      ? [guestAudience(actor.guest.sessionId)]
      : can(actor, 'sessions.seeAll')
        ? [centerAudience(actor.centerId), STAFF_AUDIENCE]
        : [centerAudience(actor.centerId)];
    void socket.join([accountAudience(actor.id), ...audiences]);
    const connection = new RoomConnection(socket, deps);
    registerRequestHandlers(socket, connection.handlers(), (checked) => accountCheck(deps.auth, checked), rates, deps.observeRequest);
    socket.on('disconnect', (reason) => {
      // A lost link keeps the peer for its page to resume; a deliberate close (sign-out, the server's own) leaves at once.
      if (LOST_LINK.has(reason)) return connection.suspend();
      connection.leave().catch((error: unknown) => log.error('cleanup after disconnect failed', errorFields(error)));
    });
  });
  return io;
}

/**
 * Null while the socket's sign-in is current and its account active with the roles, centre and
 * specialty it connected with; otherwise why it no longer holds.
 */
async function accountCheck(auth: AuthService, socket: AppSocket): Promise<AccountEndReason | null> {
  const current = await auth.actorFor(socket.data.token);
  if (!current) return 'signed_out';
  const before = socket.data.actor;
  const rights = (actor: Actor) => JSON.stringify([[...actor.roles].sort(), actor.centerId, actor.specialty]);
  return current.id === before.id && rights(current) === rights(before) ? null : 'changed';
}

/** Checks at once this instance's open sockets of an account that changed or signed out, instead of at their next request. */
export function accountChecker(io: () => AppSocketServer | undefined, auth: () => AuthService): (userId: string) => void {
  return (userId) => {
    void (async () => {
      for (const socket of (await io()?.local.in(accountAudience(userId)).fetchSockets()) ?? []) {
        const local = io()?.sockets.sockets.get(socket.id);
        const ended = local ? await accountCheck(auth(), local) : null;
        if (local && ended) endAccount(local, ended);
      }
    })().catch((error: unknown) => log.error('open sockets of a changed account not checked', errorFields(error)));
  };
}

/** Tells an account's open pages, on every instance, of a notice just listed for it. */
export function noticePusher(io: () => AppSocketServer | undefined): NoticePush {
  return (userId, notice) => io()?.to(accountAudience(userId)).emit('notice:new', notice);
}

/**
 * Sends a session's news to whoever may see the session: the staff and every centre taking part.
 * After a change of centres, a centre added hears it was invited, and one dropped hears it no
 * longer sees the session (unless staff, who still do).
 */
export function sessionNotifier(io: () => AppSocketServer | undefined): SessionNotifier {
  return (news, formerCenterIds) => {
    const server = io();
    if (!server) return;
    const { session, byUserId } = news;
    const current = [session.hostCenterId, ...session.invitedCenterIds];
    const former = formerCenterIds ?? current;
    const added = current.filter((id) => !former.includes(id)).map(centerAudience);
    const dropped = former.filter((id) => !current.includes(id)).map(centerAudience);
    const kept = current.filter((id) => former.includes(id)).map(centerAudience);
    // `except` leaves out a socket in any of those rooms, even if it is also in one it is sent to.
    if (added.length) server.to(added).emit('session:changed', { ...news, change: 'invited' });
    server
      .to([STAFF_AUDIENCE, ...kept])
      .except(added)
      .emit('session:changed', news);
    if (dropped.length) server.to(dropped).except(STAFF_AUDIENCE).emit('session:withdrawn', { sessionId: session.id, number: session.number, byUserId });
    if (guestsHear(news)) server.to(guestAudience(session.id)).emit('session:changed', news);
  };
}
