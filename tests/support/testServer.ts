import type { AddressInfo } from 'node:net';
import { createApp, type App } from '../../server/app';
import { loadConfig } from '../../server/config';
import type { Database } from '../../server/db/database';
import { MediaServer } from '../../server/media/mediaServer';
import { connectRedisAdapter } from '../../server/realtime/redisAdapter';

export interface TestServer extends App {
  url: string;
  media: MediaServer;
  close(): Promise<void>;
}

/**
 * The real app on a port (a free one unless given), with a real media worker and the given database.
 * It listens, for HTTP and media alike, on loopback, or on `host` (e.g. a network lab's server address).
 * `env` sets any other variable of the configuration (e.g. RTC_PORT, TURN_URLS), over the process's own.
 */
export async function startTestServer(
  db: Database,
  options: { workers?: number; uploadMaxMb?: number; port?: number; host?: string; resumeGraceSeconds?: number; env?: Record<string, string> } = {},
): Promise<TestServer> {
  const host = options.host ?? '127.0.0.1';
  const config = loadConfig({
    ...process.env,
    MEDIASOUP_WORKERS: String(options.workers ?? 1),
    ...(options.uploadMaxMb ? { UPLOAD_MAX_MB: String(options.uploadMaxMb) } : {}),
    ...(options.resumeGraceSeconds !== undefined ? { ROOM_RESUME_GRACE_SECONDS: String(options.resumeGraceSeconds) } : {}),
    ...(options.host ? { MEDIASOUP_LISTEN_IP: options.host } : {}),
    ...options.env,
  });
  const media = await MediaServer.start(config.media);
  const shared = config.redisUrl ? await connectRedisAdapter(config.redisUrl) : undefined;
  const app = createApp({ config, db, media, ...(shared ? { adapter: shared.adapter } : {}) });
  await new Promise<void>((resolve) => app.httpServer.listen(options.port ?? 0, host, resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  return {
    ...app,
    url: `http://${host}:${port}`,
    media,
    async close() {
      await app.io.close();
      await shared?.close();
      await media.close();
    },
  };
}
