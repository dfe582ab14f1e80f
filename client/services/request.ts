import type { Socket } from 'socket.io-client';
import type { AckResult, ErrorBody, ErrorCode, ErrorReason } from '../../shared/ack';
import type { ClientToServerEvents, RequestName, RequestPayload, ResponseData, ServerToClientEvents } from '../../shared/events';

// The typed request/answer over Socket.IO, apart from the page's one socket (socket.ts), so that the
// tests' and benches' clients in Node send their requests exactly as the page does.

/** A refused request: `code` (or `reason`) picks the translated message, `field` the form field to mark. */
export class RequestError extends Error {
  override name = 'RequestError';
  constructor(
    readonly code: ErrorCode | 'timeout',
    message: string,
    readonly field?: string,
    readonly reason?: ErrorReason,
    /** When an early refusal stops (ErrorBody.from). */
    readonly from?: string,
  ) {
    super(message);
  }

  static fromBody(body: ErrorBody): RequestError {
    return new RequestError(body.code, body.message, body.field, body.reason, body.from);
  }
}

/** Sends one request and resolves with its data, or rejects with a RequestError. */
export async function request<E extends RequestName>(
  socket: Socket<ServerToClientEvents, ClientToServerEvents>,
  event: E,
  payload: RequestPayload<E>,
  timeoutMs = 10_000,
): Promise<ResponseData[E]> {
  let result: AckResult<ResponseData[E]>;
  try {
    // Socket.IO's generic event types cannot follow a type parameter; the map in shared/events.ts fixes both sides.
    const timed = socket.timeout(timeoutMs) as unknown as {
      emitWithAck(event: E, payload: RequestPayload<E>): Promise<AckResult<ResponseData[E]>>;
    };
    result = await timed.emitWithAck(event, payload);
  } catch {
    throw new RequestError('timeout', `${event}: no answer within ${timeoutMs} ms`);
  }
  if (!result.ok) throw RequestError.fromBody(result.error);
  return result.data;
}
