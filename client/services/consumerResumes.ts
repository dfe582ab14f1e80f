import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/events';
import { MAX_RESUMED_AT_ONCE } from '../../shared/media';
import { request, RequestError } from './request';

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Resumes the consumers the server made paused, once the page can play them. Those made ready in
 * the same moment go in one request: entering a room of 50 makes 49 microphones ready at once, and
 * on a hospital link 49 requests are 49 answers to wait for.
 */
export function consumerResumes(socket: Socket<ServerToClientEvents, ClientToServerEvents>): (consumerId: string) => Promise<void> {
  let gathered: [string, Waiter][] = [];

  async function send(batch: [string, Waiter][]): Promise<void> {
    try {
      const { missing } = await request(socket, 'media:resumeConsumers', { consumerIds: [...new Set(batch.map(([consumerId]) => consumerId))] });
      const gone = new Set(missing);
      for (const [consumerId, waiter] of batch) {
        // Its sender left or stopped meanwhile: the same refusal a single resume would have had.
        if (gone.has(consumerId)) waiter.reject(new RequestError('not_found', 'consumer not found', 'consumerId'));
        else waiter.resolve();
      }
    } catch (error) {
      for (const [, waiter] of batch) waiter.reject(error);
    }
  }

  function flush(): void {
    const batch = gathered;
    gathered = [];
    for (let start = 0; start < batch.length; start += MAX_RESUMED_AT_ONCE) void send(batch.slice(start, start + MAX_RESUMED_AT_ONCE));
  }

  return (consumerId) =>
    new Promise<void>((resolve, reject) => {
      if (gathered.length === 0) setTimeout(flush, 0);
      gathered.push([consumerId, { resolve, reject }]);
    });
}
