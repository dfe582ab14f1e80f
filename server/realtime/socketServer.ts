import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/events';
import type { SessionDto } from '../../shared/sessions';
import { hasRole } from '../domain/actor';
import type { AuthService } from '../domain/authService';
import type { SessionNotifier } from '../domain/sessionService';
import { readCookie, SESSION_COOKIE } from '../http/cookies';
import { errorFields, log } from '../logger';
import { registerRequestHandlers, type SocketData } from './requestHandlers';
import { RoomConnection, type RoomConnectionDeps } from './roomConnection';

export type AppSocketServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Socket.IO rooms by audience: each centre, and the staff who see every session. */
const centerAudience = (centerId: string) => `center:${centerId}`;
const STAFF_AUDIENCE = 'staff';

export function createSocketServer(httpServer: HttpServer, deps: RoomConnectionDeps & { auth: AuthService }): AppSocketServer {
  const io: AppSocketServer = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 1_000_000 });
  // Only signed-in accounts connect: the session cookie travels with the handshake.
  io.use((socket, next) => {
    // Anything thrown here, even synchronously, must become a refused handshake, never a crash.
    Promise.resolve()
      .then(() => deps.auth.actorFor(readCookie(socket.handshake.headers.cookie, SESSION_COOKIE)))
      .then((actor) => {
        if (!actor) return next(new Error('unauthenticated'));
        socket.data.actor = actor;
        next();
      })
      .catch((error: unknown) => {
        log.error('socket authentication failed', errorFields(error));
        next(new Error('internal'));
      });
  });
  io.on('connection', (socket) => {
    const { actor } = socket.data;
    void socket.join(hasRole(actor, 'admin', 'coordinator') ? [centerAudience(actor.centerId), STAFF_AUDIENCE] : centerAudience(actor.centerId));
    const connection = new RoomConnection(socket, deps);
    registerRequestHandlers(socket, connection.handlers());
    socket.on('disconnect', () => {
      connection.leave().catch((error: unknown) => log.error('cleanup after disconnect failed', errorFields(error)));
    });
  });
  return io;
}

/** Sends a session change to the staff and to every centre the session concerns. */
export function sessionNotifier(io: () => AppSocketServer | undefined): SessionNotifier {
  return (session: SessionDto, change) => {
    const audiences = [STAFF_AUDIENCE, ...[session.hostCenterId, ...session.invitedCenterIds].map(centerAudience)];
    io()?.to(audiences).emit('session:changed', { session, change });
  };
}
