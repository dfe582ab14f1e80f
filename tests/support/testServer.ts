import type { AddressInfo } from 'node:net';
import { createApp, type App } from '../../server/app';
import { loadConfig } from '../../server/config';
import type { Database } from '../../server/db/database';
import { MediaServer } from '../../server/media/mediaServer';

export interface TestServer extends App {
  url: string;
  media: MediaServer;
  close(): Promise<void>;
}

/**
 * The real app on a port (a free one unless given), with a real media worker and the given database.
 * It listens, for HTTP and media alike, on loopback, or on `host` (e.g. a network lab's server address).
 */
export async function startTestServer(
  db: Database,
  options: { workers?: number; uploadMaxMb?: number; port?: number; host?: string; resumeGraceSeconds?: number } = {},
): Promise<TestServer> {
  const host = options.host ?? '127.0.0.1';
  const config = loadConfig({
    ...process.env,
    MEDIASOUP_WORKERS: String(options.workers ?? 1),
    ...(options.uploadMaxMb ? { UPLOAD_MAX_MB: String(options.uploadMaxMb) } : {}),
    ...(options.resumeGraceSeconds !== undefined ? { ROOM_RESUME_GRACE_SECONDS: String(options.resumeGraceSeconds) } : {}),
    ...(options.host ? { MEDIASOUP_LISTEN_IP: options.host } : {}),
  });
  const media = await MediaServer.start(config.media);
  const app = createApp({ config, db, media });
  await new Promise<void>((resolve) => app.httpServer.listen(options.port ?? 0, host, resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  return {
    ...app,
    url: `http://${host}:${port}`,
    media,
    async close() {
      await app.io.close();
      await media.close();
    },
  };
}
