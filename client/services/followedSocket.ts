import type { RequestName, RequestPayload, ResponseData } from '../../shared/events';
import { request, type AppClientSocket } from './socket';

/** Subscribes a store's listeners to a socket; returns how to stop each. */
export type Listeners = (socket: AppClientSocket) => (() => void)[];

/**
 * A store's hold on the socket of the room it follows: its listeners there, and its requests,
 * which go out only while it follows (a test hands it a fake socket).
 */
export function followedSocket() {
  let socket: AppClientSocket | null = null;
  let stops: (() => void)[] = [];

  function unfollow(): void {
    stops.forEach((stop) => stop());
    stops = [];
    socket = null;
  }

  /** Listens on `target` instead of what it listened to before. */
  function follow(target: AppClientSocket, listeners: Listeners): void {
    unfollow();
    socket = target;
    stops = listeners(target);
  }

  async function ask<E extends RequestName>(event: E, payload: RequestPayload<E>): Promise<ResponseData[E]> {
    if (!socket) throw new Error('not following a room');
    return request(socket, event, payload);
  }

  return { follow, unfollow, ask };
}
