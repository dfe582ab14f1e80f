import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { requestSchemas } from '../../shared/events';
import { createAccount, createCenter, signIn } from '../support/accounts';
import { createSessionSoon } from '../support/sessions';
import { connect, type TestSocket } from '../support/socketClient';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

/**
 * Thousands of malformed requests, random and structured, as a fuzzer or a broken client would
 * send them: the server answers each with an error (never a 5xx, never a crash) and keeps its
 * memory. Deterministic: the same seed gives the same requests.
 */
setFlagsFromString('--expose_gc');
const collectGarbage = runInNewContext('gc') as () => void;

let db: Database;
let server: TestServer;
let cookie: string;
let sessionId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  const center = await createCenter(db, 'SON');
  const coordinator = await createAccount(db, ['coordinator'], center, 'Dra. Fuzz');
  cookie = await signIn(server.url, coordinator.email);
  sessionId = await createSessionSoon(db, { hostCenterId: center, createdBy: coordinator.id });
});
afterAll(async () => {
  await server?.close();
  if (db) await dropTestDatabase(db);
});

function random(seed: number) {
  let state = seed;
  const next = () => (state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  return { next, pick };
}

/** A value of some wrong shape: wrong types, huge or odd strings, deep nesting, look-alike ids. */
function hostileValue(rng: ReturnType<typeof random>, depth = 0): unknown {
  const deep = (levels: number) => Array.from({ length: levels }).reduce<unknown>((inner) => ({ a: inner }), 'x');
  const kinds: (() => unknown)[] = [
    () => null,
    () => rng.next() * 1e308 * (rng.next() > 0.5 ? -1 : 1),
    () => 'x'.repeat(Math.floor(rng.next() * 200_000)),
    () => '\u0000\uFFFF\uD800 %E0 ${}<script>',
    () => ({ $gt: '' }),
    () => ['0123456789abcdef01234567', { $ne: null }],
    () => deep(2000),
    () => true,
    () => 'sesion-190',
    () => (depth < 3 ? Object.fromEntries(Array.from({ length: 5 }, (_, index) => [`k${index}`, hostileValue(rng, depth + 1)])) : {}),
  ];
  return rng.pick(kinds)();
}

const heapUsed = () => {
  collectGarbage();
  return process.memoryUsage().heapUsed;
};

async function malformedEvents(count: number, seed: number): Promise<{ answered: number; errors: Set<string> }> {
  const rng = random(seed);
  const names = [...Object.keys(requestSchemas), 'no:such', '__proto__', 'constructor'];
  const errors = new Set<string>();
  let answered = 0;
  // Several sockets, each within the request rate, so the validation answers rather than the limiter.
  const sockets: TestSocket[] = await Promise.all(Array.from({ length: 20 }, () => connect(server.url, cookie)));
  await Promise.all(
    sockets.map(async (socket, index) => {
      for (let sent = index; sent < count; sent += sockets.length) {
        const name = rng.pick(names);
        const answer = await (socket.timeout(300) as unknown as { emitWithAck(event: string, ...args: unknown[]): Promise<{ ok: boolean; error?: { code: string } }> })
          .emitWithAck(name, hostileValue(rng))
          .catch(() => null);
        if (answer) {
          answered += 1;
          if (!answer.ok) errors.add(answer.error!.code);
        }
        if (sent % 80 === index) await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }),
  );
  // Broken packets below Socket.IO: the socket that sends one is closed, nothing else.
  (sockets[0]!.io.engine as unknown as { write(data: string): void }).write('42["chat:send",{"text":');
  (sockets[1]!.io.engine as unknown as { write(data: string): void }).write('4\uD800garbage');
  for (const socket of sockets) socket.disconnect();
  return { answered, errors };
}

async function malformedBodies(count: number, seed: number): Promise<number[]> {
  const rng = random(seed);
  const routes: [string, string][] = [
    ['POST', `/sessions`],
    ['PATCH', `/sessions/${sessionId}`],
    ['PUT', `/sessions/${sessionId}/agenda`],
    ['POST', `/sessions/${sessionId}/cases`],
    ['POST', `/sessions/${sessionId}/agreements`],
    ['POST', `/sessions/${sessionId}/attendance/corrections`],
    ['PUT', `/sessions/${sessionId}/minutes`],
    ['POST', '/users'],
    ['POST', '/centers'],
    ['POST', '/auth/login'],
    ['PATCH', '/cases/not-an-id'],
  ];
  const statuses: number[] = [];
  for (let batch = 0; batch < count; batch += 20) {
    statuses.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(20, count - batch) }, async () => {
          const [method, path] = rng.pick(routes);
          const body = rng.next() < 0.3 ? rng.pick(['{"a":', '\u00ff\u00fe{', '[]', '"x"', '{"__proto__":{"admin":true}}', 'null']) : JSON.stringify(hostileValue(rng));
          const response = await fetch(`${server.url}/api${path}`, {
            method,
            headers: { cookie, 'content-type': rng.pick(['application/json', 'application/json; charset=utf-8', 'text/plain']) },
            body,
          });
          await response.arrayBuffer();
          return response.status;
        }),
      )),
    );
  }
  return statuses;
}

describe('malformed input in bulk', () => {
  it('answers 10,000 malformed socket events and 2,000 malformed REST bodies with errors, stays up and keeps its memory', async () => {
    // A first small round warms up what the server builds lazily, so the comparison is fair.
    await malformedEvents(400, 1);
    await malformedBodies(100, 1);
    const before = heapUsed();

    const events = await malformedEvents(10_000, 2);
    const statuses = await malformedBodies(2000, 2);

    expect(events.answered).toBeGreaterThan(8000);
    expect([...events.errors].every((code) => ['invalid_input', 'not_joined', 'not_found', 'forbidden', 'conflict', 'rate_limited'].includes(code))).toBe(true);
    expect(statuses).toHaveLength(2000);
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect(heapUsed()).toBeLessThan(before * 1.1);
  }, 120_000);
});
