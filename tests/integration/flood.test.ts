import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { createAccount, createCenter, signIn } from '../support/accounts';
import { createSessionSoon } from '../support/sessions';
import { enterRoom, send, type TestSocket } from '../support/socketClient';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

let db: Database;
let server: TestServer;
let sessionId: string;
let center: string;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  center = await createCenter(db, 'CHIS');
  const coordinator = await createAccount(db, ['coordinator'], center);
  sessionId = await createSessionSoon(db, { hostCenterId: center, createdBy: coordinator.id });
});
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect();
});
afterAll(async () => {
  await server?.close();
  if (db) await dropTestDatabase(db);
});

const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))]!;

/** Runs the flooding client in a process of its own; `started` resolves as it begins, `done` with what it printed at the end. */
function flood(cookie: string, count: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, '..', 'support', 'flooder.ts'), server.url, sessionId, String(count)], {
    env: { ...process.env, FLOODER_COOKIE: cookie },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr.pipe(process.stderr);
  let out = '';
  const started = new Promise<void>((resolve) =>
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('flooding')) resolve();
    }),
  );
  const done = new Promise<{ taken: number; refused: number; unanswered: number; ended: string }>((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!)) : reject(new Error(`flooder exited with ${code}`)))),
  );
  return { started, done };
}

describe('a flood from one socket', () => {
  it('is slowed, then closed, while everyone else’s requests keep answering fast; little of it is stored', async () => {
    const colleague = (await enterRoom(server.url, await createAccount(db, ['expert'], center, 'Dra. Paciente'), sessionId, sockets)).socket;
    const flooder = await createAccount(db, ['attendee'], center, 'Cliente Roto');
    const flooding = flood(await signIn(server.url, flooder.email), 2000);
    await flooding.started;

    // A second of the colleague's requests from the moment the flood starts.
    const latencies: number[] = [];
    for (let index = 0; index < 200; index++) {
      const started = performance.now();
      const answer = await send(colleague, 'hand:raise', { raised: index % 2 === 0 });
      latencies.push(performance.now() - started);
      expect(answer.ok).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const outcome = await flooding.done;
    expect(outcome).toMatchObject({ ended: 'io server disconnect' });
    expect(outcome.taken).toBeLessThanOrEqual(10);
    expect(outcome.refused).toBeGreaterThan(50);
    // What was taken is kept (a line whose answer the closing cut off may be kept too); the rest never reached anyone.
    const stored = (await server.services.live.chat(sessionId)).length;
    expect(stored).toBeGreaterThanOrEqual(outcome.taken);
    expect(stored).toBeLessThanOrEqual(10);
    expect(quantile(latencies, 0.99)).toBeLessThan(50);
  });
});
