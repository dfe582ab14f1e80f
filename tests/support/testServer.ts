import type { AddressInfo } from 'node:net';
import { createApp, type App } from '../../server/app';
import { loadConfig } from '../../server/config';
import type { Database } from '../../server/db/database';
import { MediaServer } from '../../server/media/mediaServer';
import { connectRedisAdapter } from '../../server/realtime/redisAdapter';
import { fetchTrustingTestSite, startTlsProxy, throughTlsProxy } from './tlsProxy';

export interface TestServer extends App {
  /** Where pages and the tests' requests go: the server itself, or its TLS proxy (E2E_THROUGH_PROXY=1). */
  url: string;
  /** The server itself, on its port, without any proxy. */
  directUrl: string;
  media: MediaServer;
  close(): Promise<void>;
}

/**
 * The real app on a port (a free one unless given), with a real media worker and the given database.
 * It listens, for HTTP and media alike, on loopback, or on `host` (e.g. a network lab's server address).
 * `env` sets any other variable of the configuration (e.g. RTC_PORT, TURN_URLS), over the process's own.
 * `restartOf` starts it again where a closed one was: the same port, and the same proxy address.
 */
export async function startTestServer(
  db: Database,
  options: {
    workers?: number;
    uploadMaxMb?: number;
    port?: number;
    host?: string;
    resumeGraceSeconds?: number;
    env?: Record<string, string>;
    restartOf?: TestServer;
  } = {},
): Promise<TestServer> {
  const host = options.host ?? '127.0.0.1';
  const config = loadConfig({
    ...process.env,
    // Behind the TLS proxy the server knows its pages are HTTPS, as deployed.
    ...(throughTlsProxy ? { TRUST_PROXY: 'loopback' } : {}),
    MEDIASOUP_WORKERS: String(options.workers ?? 1),
    ...(options.uploadMaxMb ? { UPLOAD_MAX_MB: String(options.uploadMaxMb) } : {}),
    ...(options.resumeGraceSeconds !== undefined ? { ROOM_RESUME_GRACE_SECONDS: String(options.resumeGraceSeconds) } : {}),
    ...(options.host ? { MEDIASOUP_LISTEN_IP: options.host } : {}),
    ...options.env,
  });
  const media = await MediaServer.start(config.media);
  const shared = config.redisUrl ? await connectRedisAdapter(config.redisUrl) : undefined;
  const app = createApp({ config, db, media, ...(shared ? { adapter: shared.adapter } : {}) });
  const port = options.port ?? (options.restartOf ? Number(new URL(options.restartOf.directUrl).port) : 0);
  await new Promise<void>((resolve) => app.httpServer.listen(port, host, resolve));
  const directUrl = `http://${host}:${(app.httpServer.address() as AddressInfo).port}`;
  const proxy = throughTlsProxy ? await startTlsProxy([Number(new URL(directUrl).port)], options.restartOf ? Number(new URL(options.restartOf.url).port) : undefined) : undefined;
  if (proxy) fetchTrustingTestSite();
  return {
    ...app,
    url: proxy?.origin ?? directUrl,
    directUrl,
    media,
    async close() {
      await proxy?.close();
      await app.io.close();
      await app.notices.stop();
      await shared?.close();
      await media.close();
    },
  };
}
