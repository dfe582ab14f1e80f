import { io, type Socket } from 'socket.io-client';
import type { AckResult } from '../../shared/ack';
import { request } from '../../client/services/request';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/events';
import type { JoinedRoom } from '../../shared/media';
import { signIn, type TestAccount } from './accounts';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export async function connect(url: string, cookie?: string): Promise<TestSocket> {
  const socket: TestSocket = io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    ...(cookie ? { extraHeaders: { cookie } } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Sends anything, well-formed or not, the way a misbehaving client could, and returns the ack. */
export function send(socket: TestSocket, event: string, ...args: unknown[]): Promise<AckResult<unknown>> {
  return (socket.timeout(5000) as unknown as { emitWithAck(event: string, ...args: unknown[]): Promise<AckResult<unknown>> }).emitWithAck(event, ...args);
}

/** Sends a well-formed request as the page does and resolves with its data; a refusal (or no answer) rejects. */
export { request };

/** Leaves the room on each socket, the leave recorded, then closes them (a bare disconnect leaves in the background). */
export async function leaveAll(sockets: TestSocket[]): Promise<void> {
  await Promise.all(sockets.map((socket) => request(socket, 'room:leave', {})));
  for (const socket of sockets) socket.disconnect();
}

/** Emits without asking for an ack, as a careless client might. */
export function sendWithoutAck(socket: TestSocket, event: string, ...args: unknown[]): void {
  (socket as unknown as { emit(event: string, ...args: unknown[]): void }).emit(event, ...args);
}

export function nextEvent<E extends keyof ServerToClientEvents>(socket: TestSocket, event: E): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve) => socket.once(event, ((payload: Parameters<ServerToClientEvents[E]>[0]) => resolve(payload)) as never));
}

/** Every `event` the socket hears from now on, in order. */
export function record<E extends keyof ServerToClientEvents>(socket: TestSocket, event: E): Parameters<ServerToClientEvents[E]>[0][] {
  const heard: Parameters<ServerToClientEvents[E]>[0][] = [];
  socket.on(event, ((payload: Parameters<ServerToClientEvents[E]>[0]) => heard.push(payload)) as never);
  return heard;
}

/**
 * Resolves once each of `everyone` (peers of one room) has heard all the server sent it so far: a
 * socket's events arrive in order, and lowering a hand that is not up is told to the whole room.
 */
export async function settled(everyone: TestSocket[]): Promise<void> {
  const [asker] = everyone;
  if (!asker) return;
  const told = everyone.map((socket) => nextEvent(socket, 'hand:queue'));
  await send(asker, 'hand:raise', { raised: false });
  await Promise.all(told);
}

/** Signs `account` in, connects and enters the session's room; the socket is added to `opened` for cleanup. */
export async function enterRoom(url: string, account: TestAccount, sessionId: string, opened: TestSocket[]): Promise<{ socket: TestSocket; joined: JoinedRoom }> {
  const socket = await connect(url, await signIn(url, account.email));
  opened.push(socket);
  const result = await send(socket, 'room:join', { sessionId });
  if (!result.ok || (result.data as JoinedRoom).status !== 'joined') throw new Error(`could not enter the room: ${JSON.stringify(result)}`);
  return { socket, joined: result.data as JoinedRoom };
}
