import path from 'node:path';
import { inject } from 'vitest';
import type { Database } from '../../server/db/database';
import { freePort, startChildServer, type ChildServer } from './childServer';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** One OncoBoard instance as production runs it: its own process (`server/main.ts`), on a port of loopback. */
export interface Instance extends ChildServer {
  id: string;
  port: number;
  url: string;
}

/** A Redis of Debian's package for one test file: nothing saved to disk. */
export async function startRedis(): Promise<ChildServer & { url: string }> {
  const port = await freePort();
  const redis = await startChildServer(
    'redis-server',
    process.env.REDIS_SERVER_PATH ?? 'redis-server',
    ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'],
    { host: '127.0.0.1', port },
  );
  return Object.assign(redis, { url: `redis://127.0.0.1:${port}` });
}

/**
 * Starts `server/main.ts` as instance `id` on the test's database (its name put in MONGODB_URI,
 * as a deployment would) and `redisUrl`, behind a proxy on loopback (TRUST_PROXY), with its own
 * range of media ports. Resolves once it takes connections.
 */
export async function startInstance(id: string, db: Database, redisUrl: string, rtcPorts: [number, number]): Promise<Instance> {
  const port = await freePort();
  const env = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    INSTANCE_ID: id,
    MONGODB_URI: withDatabase(inject('mongoUri'), db.connection.name),
    REDIS_URL: redisUrl,
    TRUST_PROXY: 'loopback',
    MEDIASOUP_WORKERS: '1',
    RTC_MIN_PORT: String(rtcPorts[0]),
    RTC_MAX_PORT: String(rtcPorts[1]),
    SEED_DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
  };
  const server = await startChildServer(
    `OncoBoard ${id}`,
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'server/main.ts')],
    { host: '127.0.0.1', port, timeoutMs: 30_000 },
    env,
  );
  return Object.assign(server, { id, port, url: `http://127.0.0.1:${port}` });
}

/** The URI with `name` as the database it names (after the hosts, before any options). */
function withDatabase(uri: string, name: string): string {
  const [, base, options = ''] = /^(mongodb(?:\+srv)?:\/\/[^/?]*)\/?[^?]*(\?.*)?$/.exec(uri) ?? [];
  if (!base) throw new Error(`not a MongoDB URI: ${uri}`);
  return `${base}/${name}${options}`;
}
