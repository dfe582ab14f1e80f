/**
 * What the app's signalling adds to entering a room: BENCH_JOINS (50) participants enter one
 * session's room one after another over Socket.IO — two transports, a microphone sent, a consumer
 * of every microphone already there, and a consumer of the new microphone for everyone already
 * there (audio flows at once; video would be resumed) — against the same mediasoup calls made directly on a router of a fresh
 * worker (same worker binary, same transport options). Prints both and the ratio.
 */
import { performance } from 'node:perf_hooks';
import * as mediasoup from 'mediasoup';
import mongoose from 'mongoose';
import type { Consumer, Producer, RtpCapabilities, WebRtcTransport } from 'mediasoup/types';
import { loadConfig } from '../server/config';
import { mediaCodecs, webRtcTransportOptions } from '../server/media/mediaSettings';
import { createAccount, createCenter, signInEach } from '../tests/support/accounts';
import { microphoneRtpParameters } from '../tests/support/rtp';
import { createSessionSoon } from '../tests/support/sessions';
import { startBenchChild } from './benchChild';
import { benchServer, everyoneLeft } from './benchServer';
import { spreadOf } from './timing';
import { countCpu, type CpuSpent } from './serverCpu';
import type { FromClients, JoinPhases, ToClients } from './signallingClients';

const JOINS = Number(process.env.BENCH_JOINS ?? 50);
const TARGET_RATIO = 1.2;

interface Side {
  joinMs: number[];
  phases: JoinPhases;
  cpu: CpuSpent;
}

/** The app's side, how many Socket.IO requests its participants made, and the database operations its models made meanwhile (by collection and method). */
type AppSide = Side & { requests: number; operations: Map<string, number> };

/** Counts the operations of the app's models (by collection and method) until stopped. */
function countDatabaseOperations(): () => Map<string, number> {
  const operations = new Map<string, number>();
  mongoose.set('debug', (collection: string, method: string) => operations.set(`${collection}.${method}`, (operations.get(`${collection}.${method}`) ?? 0) + 1));
  return () => {
    mongoose.set('debug', false);
    return operations;
  };
}

/** The app: its participants run in a child process, so this process's CPU time is the server's. */
async function appJoins(): Promise<AppSide> {
  const { db, server, close } = await benchServer();
  try {
    const center = await createCenter(db);
    const coordinator = await createAccount(db, ['coordinator'], center, 'Coordinadora');
    const sessionId = await createSessionSoon(db, { hostCenterId: center, createdBy: coordinator.id, title: 'Banco de señalización' });
    const accounts = await Promise.all(Array.from({ length: JOINS }, (_, index) => createAccount(db, ['expert'], center, `Experto ${index}`)));
    const cookies = await signInEach(
      server.url,
      accounts.map((account) => account.email),
    );
    const clients = startBenchChild<ToClients, FromClients>(new URL('./signallingClients.ts', import.meta.url));
    clients.send({ url: server.url, sessionId, cookies });
    await clients.next();
    const stop = await countCpu(async () => (await server.media.workers.resourceUsage()).map(({ usage }) => usage));
    const stopCounting = countDatabaseOperations();
    clients.send('go');
    const { joinMs, phases, requests } = (await clients.next()) as Exclude<FromClients, 'ready'>;
    const cpu = await stop();
    const operations = stopCounting();
    await clients.exited;
    await everyoneLeft(server, sessionId);
    return { joinMs, phases, requests, cpu, operations };
  } finally {
    await close();
  }
}

/** The same media work without the app: transports, consumers and producer (and any resumes), called directly. */
async function bareJoins(): Promise<Side> {
  const { media } = loadConfig();
  const worker = await mediasoup.createWorker({ logLevel: 'warn', workerBin: media.workerBin });
  try {
    const router = await worker.createRouter({ mediaCodecs });
    const transportOptions = webRtcTransportOptions(media)(worker);
    // What the app's participants enter with: the router's capabilities.
    const rtpCapabilities: RtpCapabilities = router.rtpCapabilities;
    const producers: Producer[] = [];
    const receivers: WebRtcTransport[] = [];
    const joinMs: number[] = [];
    const phases: JoinPhases = { enter: 0, produce: 0, resume: 0, heard: 0 };
    const stop = await countCpu(async () => [await worker.getResourceUsage()]);
    for (let index = 0; index < JOINS; index++) {
      const start = performance.now();
      const [recv, send] = await Promise.all([router.createWebRtcTransport(transportOptions), router.createWebRtcTransport(transportOptions)]);
      // Made as the app makes them: audio flowing at once, video paused until resumed.
      const consumers: Consumer[] = await Promise.all(producers.map((producer) => recv.consume({ producerId: producer.id, rtpCapabilities, paused: producer.kind === 'video' })));
      const entered = performance.now();
      const producer = await send.produce({ kind: 'audio', rtpParameters: microphoneRtpParameters(10_000 + index) });
      const produced = performance.now();
      await Promise.all(consumers.filter((consumer) => consumer.paused).map((consumer) => consumer.resume()));
      const resumed = performance.now();
      await Promise.all(receivers.map((earlier) => earlier.consume({ producerId: producer.id, rtpCapabilities, paused: false })));
      const end = performance.now();
      producers.push(producer);
      receivers.push(recv);
      joinMs.push(end - start);
      phases.enter += entered - start;
      phases.produce += produced - entered;
      phases.resume += resumed - produced;
      phases.heard += end - resumed;
    }
    const cpu = await stop();
    return { joinMs, phases, cpu };
  } finally {
    worker.close();
  }
}

const app = await appJoins();
const bare = await bareJoins();

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const serverCpu = ({ node, worker }: CpuSpent) => node + worker;
const rows: [string, (side: Side) => number][] = [
  ['per join, median (ms)', (side) => spreadOf(side.joinMs).median],
  ['per join, p90 (ms)', (side) => spreadOf(side.joinMs).p90],
  ['all joins, total (ms)', (side) => sum(side.joinMs)],
  ['  entering: transports, consumers (ms)', (side) => side.phases.enter],
  ['  sending the microphone (ms)', (side) => side.phases.produce],
  ['  resuming what it receives (ms)', (side) => side.phases.resume],
  ['  the room receiving its microphone (ms)', (side) => side.phases.heard],
  ['server CPU, Node process (ms)', (side) => side.cpu.node],
  ['server CPU, mediasoup worker (ms)', (side) => side.cpu.worker],
  ['server CPU, Node + worker (ms)', (side) => serverCpu(side.cpu)],
];
const ratio = (measure: (side: Side) => number) => measure(app) / measure(bare);
const verdict = (value: number) => `${value.toFixed(2)}× — ${value <= TARGET_RATIO ? 'met' : 'NOT met'}`;

console.log(
  `signalling: ${JOINS} participants enter one room one after another, each with media (2 transports, a microphone, a consumer of every earlier microphone, and everyone earlier receiving the new one)`,
);
console.log(
  `app: ${app.requests} Socket.IO requests (room:join, media:produce, media:resumeConsumers, and media:consume where a microphone's news brought no consumer) from ${JOINS} signed-in clients in a child process (sign-ins and socket connections not timed)`,
);
console.log('bare: the same mediasoup calls made directly in this process, on a router of a fresh worker (same binary, same transport options)');
console.log(`${''.padEnd(40)}${'app'.padStart(10)}${'bare'.padStart(10)}${'app/bare'.padStart(10)}`);
for (const [label, measure] of rows) {
  console.log(`${label.padEnd(40)}${measure(app).toFixed(1).padStart(10)}${measure(bare).toFixed(1).padStart(10)}${`${ratio(measure).toFixed(2)}×`.padStart(10)}`);
}
if (app.cpu.database !== undefined)
  console.log(`embedded database process CPU during the app's joins (ms): ${app.cpu.database.toFixed(0)} (not in the ratio: the bare side has no database)`);
const operations = [...app.operations].sort(([, a], [, b]) => b - a);
const operationCount = sum(operations.map(([, count]) => count));
console.log(
  `database operations during the app's joins: ${operationCount}, ${(operationCount / JOINS).toFixed(1)} a join (${operations.map(([name, count]) => `${name} ${count}`).join(', ')}); the bare side makes none`,
);
console.log(`target: app within ${TARGET_RATIO}× of bare`);
console.log(`  total join time: ${verdict(ratio((side) => sum(side.joinMs)))}`);
console.log(`  server CPU (Node + worker): ${verdict(ratio((side) => serverCpu(side.cpu)))}`);
