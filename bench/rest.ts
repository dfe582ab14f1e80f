/**
 * REST under load: a read (a case's page) and a small write (a new agreement), first at a fixed
 * 200 requests a second (bench/pacedLoad.ts: evenly spaced, timed from when each was due; counted
 * after a few seconds of the same load, shown apart), then as fast as 10 connections go
 * (autocannon), through the app and through a bare Express app (same version) making the same
 * mongoose call on the same database with no sign-in, validation or audit. The load runs in a
 * child process. Prints both.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import type { Result } from 'autocannon';
import express from 'express';
import type { Database } from '../server/db/database';
import { createAccount, createCenter, signIn } from '../tests/support/accounts';
import { createCaseIn, createSessionSoon } from '../tests/support/sessions';
import { startBenchChild } from './benchChild';
import { benchServer } from './benchServer';
import type { PacedPlan, PacedResult } from './pacedLoad';
import { quantile } from './timing';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
/**
 * Each side is first sent the fixed rate this long, shown but not counted: a server just started
 * answers its first second of writes about ten times slower than later (code not yet optimised, a
 * database's first writes), and the app, measured first, would take that for both sides.
 */
const WARM_SECONDS = Number(process.env.BENCH_WARM_SECONDS ?? 3);
const RATE = 200;
const FULL_CONNECTIONS = 10;
const TARGET_P99_MS = 50;
const TARGET_THROUGHPUT_RATIO = 0.8;

interface Route {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** Runs autocannon's command in a process of its own against `route` and returns its JSON result. */
async function cannon(route: Route, connections: number): Promise<Measured> {
  const args = [
    createRequire(import.meta.url).resolve('autocannon'),
    '--json',
    ...['-c', String(connections), '-d', String(SECONDS), '-m', route.method],
    ...Object.entries(route.headers).flatMap(([name, value]) => ['-H', `${name}=${value}`]),
    ...(route.body ? ['-b', route.body] : []),
    route.url,
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`autocannon exited with ${String(code)}`);
  return fromCannon(JSON.parse(output) as Result);
}

/** What one load gave: answers a second, latencies (ms), failures. */
interface Measured {
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
}

const fromCannon = (result: Result): Measured => ({
  perSecond: result.requests.total / result.duration,
  p50: result.latency.p50,
  p99: result.latency.p99,
  max: result.latency.max,
  errors: result.errors,
  non2xx: result.non2xx,
});

/** `rate` requests a second to `route`, evenly spaced, for `seconds`. */
async function paced(route: Route, rate: number, seconds: number): Promise<Measured> {
  const load = startBenchChild<PacedPlan, PacedResult>(new URL('./pacedLoad.ts', import.meta.url));
  load.send({ ...route, rate, seconds });
  const result = await load.next();
  await load.exited;
  const sorted = result.latenciesMs.sort((a, b) => a - b);
  return {
    perSecond: sorted.length / result.seconds,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    max: sorted.at(-1) ?? 0,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

/** Express alone, each route making the app's database call and nothing else. */
function bareApp(db: Database, session: { number: number; startsAt: Date }, createdBy: string): express.Express {
  const bare = express();
  bare.use(express.json());
  bare.get('/cases/:id', async (req, res) => {
    res.json({ case: await db.models.cases.findById(req.params.id).lean() });
  });
  bare.post('/sessions/:id/agreements', async (req, res) => {
    const created = await db.models.agreements.create({ ...req.body, sessionId: req.params.id, sessionNumber: session.number, sessionStartsAt: session.startsAt, createdBy });
    res.status(201).json({ agreement: created.toObject() });
  });
  return bare;
}

const { db, server, close } = await benchServer();
try {
  const center = await createCenter(db);
  const coordinator = await createAccount(db, ['coordinator'], center, 'Coordinadora');
  const sessionId = await createSessionSoon(db, { hostCenterId: center, createdBy: coordinator.id, title: 'Banco REST' });
  const caseId = await createCaseIn(db, sessionId, { centerId: center, createdBy: coordinator.id });
  const session = (await db.models.sessions.findById(sessionId).lean())!;
  const cookie = await signIn(server.url, coordinator.email);
  const bareServer = bareApp(db, session, coordinator.id).listen(0, '127.0.0.1');
  await once(bareServer, 'listening');
  const bareUrl = `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}`;
  try {
    const agreement = JSON.stringify({ text: 'Enviar los estudios de seguimiento del caso', responsibleCenterId: center, dueDate: '2030-01-15' });
    const json = { 'content-type': 'application/json' };
    const routes = {
      read: {
        label: 'read: GET /api/cases/:id (a case’s page)',
        app: { method: 'GET', url: `${server.url}/api/cases/${caseId}`, headers: { cookie } },
        bare: { method: 'GET', url: `${bareUrl}/cases/${caseId}`, headers: {} },
      },
      write: {
        label: 'write: POST /api/sessions/:id/agreements (a new agreement)',
        app: { method: 'POST', url: `${server.url}/api/sessions/${sessionId}/agreements`, headers: { cookie, ...json }, body: agreement },
        bare: { method: 'POST', url: `${bareUrl}/sessions/${sessionId}/agreements`, headers: json, body: agreement },
      },
    } satisfies Record<string, { label: string; app: Route; bare: Route }>;

    console.log(
      `rest: each route at ${RATE} req/s for ${SECONDS} s (evenly spaced, each timed from when it was due) after ${WARM_SECONDS} s of the same load not counted, then as fast as ${FULL_CONNECTIONS} connections go for ${SECONDS} s`,
    );
    console.log('load: a paced sender, then autocannon, each in a child process (same machine); app and bare in this process, on the same embedded database');
    console.log(
      'app: one signed-in coordinator (the app has no HTTP rate limiter to spread the load around); bare: Express of the same version, the same mongoose call, no sign-in, validation or audit',
    );
    const errorsOf = (result: Measured) => `${result.errors}/${result.non2xx}`;
    const header = `${''.padEnd(22)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'max ms'.padStart(9)}${'errors/non-2xx'.padStart(16)}`;
    const line = (name: string, result: Measured) =>
      `${name.padEnd(22)}${result.perSecond.toFixed(0).padStart(9)}${result.p50.toFixed(1).padStart(9)}${result.p99.toFixed(1).padStart(9)}${result.max.toFixed(1).padStart(9)}${errorsOf(result).padStart(16)}`;
    const verdicts: string[] = [];
    for (const { label, app, bare } of Object.values(routes)) {
      console.log(label);
      console.log(header);
      console.log(line(`  app, first ${WARM_SECONDS} s`, await paced(app, RATE, WARM_SECONDS)));
      const appAtRate = await paced(app, RATE, SECONDS);
      console.log(line(`  app at ${RATE} req/s`, appAtRate));
      console.log(line(`  bare, first ${WARM_SECONDS} s`, await paced(bare, RATE, WARM_SECONDS)));
      console.log(line(`  bare at ${RATE} req/s`, await paced(bare, RATE, SECONDS)));
      const appFull = await cannon(app, FULL_CONNECTIONS);
      console.log(line('  app, full speed', appFull));
      const bareFull = await cannon(bare, FULL_CONNECTIONS);
      console.log(line('  bare, full speed', bareFull));
      const ratio = appFull.perSecond / bareFull.perSecond;
      verdicts.push(
        `${label.split(':')[0]}: p99 at ${RATE} req/s ${appAtRate.p99.toFixed(1)} ms — ${appAtRate.p99 < TARGET_P99_MS ? 'met' : 'NOT met'}; throughput ${ratio.toFixed(2)}× bare — ${ratio >= TARGET_THROUGHPUT_RATIO ? 'met' : 'NOT met'}`,
      );
    }
    console.log(`targets: app p99 under ${TARGET_P99_MS} ms at ${RATE} req/s; app throughput at least ${TARGET_THROUGHPUT_RATIO}× the bare route's`);
    for (const verdict of verdicts) console.log(`  ${verdict}`);
  } finally {
    await new Promise((resolve) => bareServer.close(resolve));
  }
} finally {
  await close();
}
