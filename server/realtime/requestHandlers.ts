import type { Socket } from 'socket.io';
import type { AckResult } from '../../shared/ack';
import {
  requestSchemas,
  type AccountEndReason,
  type ClientToServerEvents,
  type ParsedRequest,
  type RequestName,
  type ResponseData,
  type ServerToClientEvents,
} from '../../shared/events';
import type { Actor } from '../domain/actor';
import { invalidInput } from '../../shared/validation';
import { AppError, toErrorBody } from '../domain/errors';
import { errorFields, log } from '../logger';
import type { RequestRates } from './requestRates';

/** What the server keeps on each socket: the account that opened it, and the sign-in it came with. */
export interface SocketData {
  actor: Actor;
  token?: string;
}

/** Whether the socket's account still holds as it was when the socket opened (see socketServer.ts). */
export type AccountCheck = (socket: AppSocket) => Promise<AccountEndReason | null>;

export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Told how each request ended and how long it took to answer (the metrics' socket histogram). */
export type RequestObserver = (event: RequestName, ok: boolean, seconds: number) => void;

/** One handler per request name: adding a request to shared/events.ts is a compile error until handled. */
export type RequestHandlers = { [E in RequestName]: (payload: ParsedRequest<E>) => Promise<ResponseData[E]> };

/**
 * Validates every inbound request, checks that the socket's account still holds (a socket must not
 * outlive a sign-out, a deactivation or a change of role), runs its handler and always answers
 * with an ack value.
 */
export function registerRequestHandlers(socket: AppSocket, handlers: RequestHandlers, checkAccount: AccountCheck, rates: RequestRates, observe?: RequestObserver): void {
  for (const event of Object.keys(requestSchemas) as RequestName[]) {
    // The ack is always the last argument: a client that sends no payload gives only the ack.
    const listener = (...args: unknown[]) => {
      const verdict = rates.admit(socket, socket.data.actor.id, event);
      if (verdict === 'ok') return void answer(socket, event, handlers[event], checkAccount, args.length > 1 ? args[0] : undefined, args.at(-1), observe);
      refuseTooFast(socket, event, args.at(-1), verdict);
    };
    socket.on(event, listener);
  }
}

/** Tells the client why, then closes the socket (its room membership is released on disconnect). */
export function endAccount(socket: AppSocket, reason: AccountEndReason): void {
  socket.emit('account:ended', { reason });
  socket.disconnect(true);
}

/** Tells the client to slow down; a socket that keeps on after that many refusals is closed. */
function refuseTooFast(socket: AppSocket, event: RequestName, ack: unknown, verdict: 'too_fast' | 'flood'): void {
  // What a closed flooding socket had already sent is dropped without a word.
  if (!socket.connected) return;
  if (typeof ack === 'function') {
    (ack as (result: AckResult<never>) => void)({ ok: false, error: { code: 'rate_limited', message: 'too many requests: slow down', reason: 'too_fast' } });
  }
  if (verdict === 'flood') {
    log.warn('flooding socket closed', { event, socketId: socket.id, userId: socket.data.actor.id });
    socket.disconnect(true);
  }
}

/** Sockets that already sent a request without an ack: logged once each, not once per request. */
const unacknowledged = new WeakSet<AppSocket>();

async function answer<E extends RequestName>(
  socket: AppSocket,
  event: E,
  handler: RequestHandlers[E],
  checkAccount: AccountCheck,
  payload: unknown,
  ack: unknown,
  observe?: RequestObserver,
): Promise<void> {
  if (typeof ack !== 'function') {
    if (!unacknowledged.has(socket)) log.warn('requests without acknowledgement ignored on this socket', { event, socketId: socket.id });
    unacknowledged.add(socket);
    return;
  }
  const started = performance.now();
  const reply = (result: AckResult<ResponseData[E]>) => {
    observe?.(event, result.ok, (performance.now() - started) / 1000);
    (ack as (result: AckResult<ResponseData[E]>) => void)(result);
  };
  const parsed = requestSchemas[event].safeParse(payload);
  if (!parsed.success) {
    reply({ ok: false, error: invalidInput(parsed.error) });
    return;
  }
  try {
    const ended = await checkAccount(socket);
    if (ended) {
      reply({ ok: false, error: { code: 'unauthenticated', message: ended === 'changed' ? 'your account changed: enter again' : 'sign in again' } });
      endAccount(socket, ended);
      return;
    }
    reply({ ok: true, data: await handler(parsed.data as ParsedRequest<E>) });
  } catch (error) {
    if (!(error instanceof AppError)) log.error('request failed', { event, socketId: socket.id, ...errorFields(error) });
    reply({ ok: false, error: toErrorBody(error) });
  }
}
