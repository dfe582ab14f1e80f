import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/events';

export { request, RequestError } from './request';

export type AppClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let shared: AppClientSocket | null = null;

/**
 * Reconnection attempts come at most this far apart (Socket.IO's default is 5 s, ±50 %): after a
 * long cut, the room's sound waits for the next attempt once the link is back.
 */
const RECONNECTION_DELAY_MAX_MS = 2_000;

/** One socket per signed-in tab, shared by the room and by notifications; the cookie authenticates it. */
export function appSocket(): AppClientSocket {
  if (!shared) {
    shared = io({ transports: ['websocket'], reconnectionDelayMax: RECONNECTION_DELAY_MAX_MS, query: placement(sessionOfRoomPage()) });
    // Added once however often the socket is replaced (the same listener is never added twice).
    window.addEventListener('pagehide', sayGoodbye);
  }
  return shared;
}

/**
 * Where several server instances run, each session's room lives on one of them, and the proxy in
 * front sends a socket to the instance of the session it names (deploy/nginx). A page about to
 * enter a room names its session; the socket reconnects at once if it named another (the same
 * socket: its listeners stay).
 */
export function placeSocket(sessionId: string): void {
  const socket = appSocket();
  const wanted = placement(sessionId);
  if (socket.io.opts.query?.session === wanted.session) return;
  socket.io.opts.query = wanted;
  if (socket.connected || socket.active) socket.disconnect().connect();
}

const placement = (sessionId: string | null): { session?: string } => (sessionId ? { session: sessionId } : {});

/** The session whose room (or lobby) this page was opened on, so that its first socket is already placed. */
function sessionOfRoomPage(): string | null {
  return /^\/sesiones\/([0-9a-f]{24})\/sala\b/.exec(window.location.pathname)?.[1] ?? null;
}

/** Leaving the page says goodbye: the server keeps a peer whose link merely dropped, not one whose page closed. */
function sayGoodbye(): void {
  shared?.disconnect();
}

/** Listens to one server event; returns how to stop, leaving the socket's other listeners alone. */
export function subscribe<E extends keyof ServerToClientEvents>(socket: AppClientSocket, event: E, listener: ServerToClientEvents[E]): () => void {
  socket.on(event, listener as never);
  return () => void socket.off(event, listener as never);
}

/** On sign-out: the next appSocket() connects as whoever signs in next. */
export function closeAppSocket(): void {
  shared?.disconnect();
  shared = null;
}
