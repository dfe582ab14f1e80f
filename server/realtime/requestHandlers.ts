import type { Socket } from 'socket.io';
import type { AckResult } from '../../shared/ack';
import { requestSchemas, type ClientToServerEvents, type ParsedRequest, type RequestName, type ResponseData, type ServerToClientEvents } from '../../shared/events';
import type { Actor } from '../domain/actor';
import { invalidInput } from '../../shared/validation';
import { AppError, toErrorBody } from '../domain/errors';
import { errorFields, log } from '../logger';

/** What the server keeps on each socket: the account that opened it. */
export interface SocketData {
  actor: Actor;
}

export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** One handler per request name: adding a request to shared/events.ts is a compile error until handled. */
export type RequestHandlers = { [E in RequestName]: (payload: ParsedRequest<E>) => Promise<ResponseData[E]> };

/** Validates every inbound request, runs its handler and always answers with an ack value. */
export function registerRequestHandlers(socket: AppSocket, handlers: RequestHandlers): void {
  for (const event of Object.keys(requestSchemas) as RequestName[]) {
    // The ack is always the last argument: a client that sends no payload gives only the ack.
    const listener = (...args: unknown[]) => void answer(socket, event, handlers[event], args.length > 1 ? args[0] : undefined, args.at(-1));
    socket.on(event, listener as ClientToServerEvents[typeof event]);
  }
}

async function answer<E extends RequestName>(
  socket: AppSocket,
  event: E,
  handler: RequestHandlers[E],
  payload: unknown,
  ack: unknown,
): Promise<void> {
  if (typeof ack !== 'function') {
    log.warn('request without acknowledgement ignored', { event, socketId: socket.id });
    return;
  }
  const reply = ack as (result: AckResult<ResponseData[E]>) => void;
  const parsed = requestSchemas[event].safeParse(payload);
  if (!parsed.success) {
    reply({ ok: false, error: invalidInput(parsed.error) });
    return;
  }
  try {
    reply({ ok: true, data: await handler(parsed.data as ParsedRequest<E>) });
  } catch (error) {
    if (!(error instanceof AppError)) log.error('request failed', { event, socketId: socket.id, ...errorFields(error) });
    reply({ ok: false, error: toErrorBody(error) });
  }
}
