import type { AckResult, ErrorBody } from '../../../shared/ack';
import type { RequestName, RequestPayload, ResponseData, ServerToClientEvents } from '../../../shared/events';
import type { AppClientSocket } from '../../../client/services/socket';

type Reply<E extends RequestName> = (payload: RequestPayload<E>) => AckResult<ResponseData[E]> | Promise<AckResult<ResponseData[E]>>;
type Listener = (payload: unknown) => void;

/**
 * Stands in for the client's Socket.IO socket in store tests, with only what the stores use of
 * it (on, off, timeout().emitWithAck): it answers requests as told, records what was asked, and
 * delivers the server's notifications when the test says.
 */
export class FakeSocket {
  readonly asked: { event: RequestName; payload: unknown }[] = [];
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly replies = new Map<RequestName, Reply<RequestName>>();

  /** The socket as the stores take it. */
  get socket(): AppClientSocket {
    return this as unknown as AppClientSocket;
  }

  /** Answers every `event` request with what `reply` gives back. */
  answer<E extends RequestName>(event: E, reply: Reply<E>): this {
    this.replies.set(event, reply);
    return this;
  }

  /** Answers every `event` request with `data`. */
  answerWith<E extends RequestName>(event: E, data: ResponseData[E]): this {
    return this.answer(event, () => ({ ok: true, data }));
  }

  /** Refuses every `event` request as the server would. */
  refuse(event: RequestName, error: ErrorBody): this {
    return this.answer(event, () => ({ ok: false, error }));
  }

  /** The server tells this client something. */
  notify<E extends keyof ServerToClientEvents>(event: E, payload: Parameters<ServerToClientEvents[E]>[0]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload);
  }

  listenerCount(event: keyof ServerToClientEvents): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  on(event: string, listener: Listener): this {
    this.listeners.set(event, (this.listeners.get(event) ?? new Set()).add(listener));
    return this;
  }

  off(event: string, listener: Listener): this {
    this.listeners.get(event)?.delete(listener);
    return this;
  }

  timeout(): this {
    return this;
  }

  async emitWithAck(event: RequestName, payload: unknown): Promise<AckResult<unknown>> {
    this.asked.push({ event, payload });
    const reply = this.replies.get(event);
    if (!reply) throw new Error(`the test gave no answer to ${event}`);
    return reply(payload as never);
  }
}
