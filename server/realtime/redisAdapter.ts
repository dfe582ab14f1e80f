import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { errorFields, log } from '../logger';

/** Socket.IO's Redis adapter, for an instance that shares its audiences with others. */
export interface SharedAdapter {
  adapter: ReturnType<typeof createAdapter>;
  close(): Promise<void>;
}

/**
 * Connects the adapter's two Redis clients (one publishes, one subscribes). While Redis is
 * unreachable they reconnect by themselves and say so in the log: this instance's own sockets go
 * on working, and only what others said meanwhile is missed.
 */
export async function connectRedisAdapter(url: string): Promise<SharedAdapter> {
  const publisher = createClient({ url });
  const subscriber = publisher.duplicate();
  for (const [role, client] of [
    ['publisher', publisher],
    ['subscriber', subscriber],
  ] as const) {
    client.on('error', (error: unknown) => log.error('redis connection failed', { role, ...errorFields(error) }));
  }
  await Promise.all([publisher.connect(), subscriber.connect()]);
  return {
    adapter: createAdapter(publisher, subscriber),
    async close() {
      await Promise.all([publisher.quit(), subscriber.quit()]);
    },
  };
}
