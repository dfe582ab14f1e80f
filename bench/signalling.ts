/**
 * What the app's signalling adds to entering a room: BENCH_JOINS (50) participants enter one
 * session's room one after another over Socket.IO — two transports, a microphone sent, a consumer
 * of every microphone already there, and a consumer of the new microphone for everyone already
 * there (audio flows at once; video would be resumed) — against the same mediasoup calls made directly on a router of a fresh
 * worker (same worker binary, same transport options). Prints both and the ratio, and beside them
 * what Socket.IO alone costs to carry the same messages: a bare Socket.IO server of the same version
 * answering the same participants with what the app answered and pushing what it pushed (its
 * transcript), with no mediasoup, no database and no checks; so that the app's excess over the
 * direct calls splits into what any Socket.IO signalling of this design costs and the app's own.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import * as mediasoup from 'mediasoup';
import mongoose from 'mongoose';
import { Server, type Socket } from 'socket.io';
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
import type { FromClients, JoinPhases, JoinPlan, Push, ToClients, Transcript } from './signallingClients';

const JOINS = Number(process.env.BENCH_JOINS ?? 50);
const TARGET_RATIO = 1.2;

interface Side {
  joinMs: number[];
  phases: JoinPhases;
  cpu: CpuSpent;
}

type Joined = Exclude<FromClients, 'ready'>;

/** The app's side, how many Socket.IO requests its participants made, the database operations its models made meanwhile (by collection and method), and what it said. */
type AppSide = Side & { sessionId: string; requests: number; operations: Map<string, number>; transcript: Transcript };

/**
 * The participants (in a child process, so that this process's CPU time is the server's) connect,
 * then enter one after another once told to go, and leave once `count`, started just before, has stopped.
 */
async function joinAll<Counted>(plan: JoinPlan, count: () => Promise<() => Promise<Counted>>): Promise<Joined & { counted: Counted }> {
  const clients = startBenchChild<ToClients, FromClients>(new URL('./signallingClients.ts', import.meta.url));
  clients.send(plan);
  await clients.next();
  const stop = await count();
  clients.send('go');
  const joined = (await clients.next()) as Joined;
  const counted = await stop();
  clients.send('leave');
  await clients.exited;
  return { ...joined, counted };
}

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
    const workers = async () => (await server.media.workers.resourceUsage()).map(({ usage }) => usage);
    const { joinMs, phases, requests, transcript, counted } = await joinAll({ url: server.url, sessionId, cookies, transcribe: true }, async () => {
      const stopCpu = await countCpu(workers);
      const stopCounting = countDatabaseOperations();
      return async () => ({ cpu: await stopCpu(), operations: stopCounting() });
    });
    await everyoneLeft(server, sessionId);
    if (!transcript) throw new Error('the participants kept no transcript of the app');
    return { sessionId, joinMs, phases, requests, transcript, ...counted };
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

/**
 * Socket.IO alone carrying the app's messages: a bare server of the same version and options that
 * answers each participant's requests with what the app answered it, in the same order for each
 * request name, and pushes what the app pushed while a participant entered (before answering its
 * room:join) and after it sent its microphone (once its media:produce is answered).
 */
async function socketIoJoins(transcript: Transcript, sessionId: string): Promise<Side & { requests: number }> {
  const httpServer = createServer();
  const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 1_000_000 });
  const participants: Socket[] = [];
  const push = (pushes: Push[]) => {
    for (const [participant, event, payload] of pushes) participants[participant]!.emit(event, payload);
  };
  io.on('connection', (socket) => {
    // Each participant is known by its joining order, which the plan gives it as its cookie.
    const participant = Number(/participant=(\d+)/.exec(socket.handshake.headers.cookie ?? '')?.[1]);
    participants[participant] = socket;
    const answers = transcript.answers[participant] ?? {};
    const pushes = transcript.pushes[participant];
    socket.onAny((event: string, ...args: unknown[]) => {
      const answer = args.at(-1) as (result: unknown) => void;
      if (event === 'room:join' && pushes) push(pushes.entering);
      answer(answers[event]?.shift() ?? { ok: true, data: {} });
      if (event === 'media:produce' && pushes) push(pushes.sending);
    });
  });
  httpServer.listen(0, '127.0.0.1');
  await once(httpServer, 'listening');
  try {
    const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
    const cookies = transcript.answers.map((_, participant) => `participant=${participant}`);
    const { joinMs, phases, requests, counted } = await joinAll({ url, sessionId, cookies, transcribe: false }, () => countCpu(async () => []));
    return { joinMs, phases, requests, cpu: counted };
  } finally {
    await io.close();
  }
}

const app = await appJoins();
const bare = await bareJoins();
const socketIo = await socketIoJoins(app.transcript, app.sessionId);

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
/** The direct mediasoup calls and Socket.IO carrying the same messages, each join's parts added: what any signalling of this design costs at least. */
const both: Side = {
  joinMs: bare.joinMs.map((ms, index) => ms + (socketIo.joinMs[index] ?? Number.NaN)),
  phases: Object.fromEntries(Object.entries(bare.phases).map(([phase, ms]) => [phase, ms + socketIo.phases[phase as keyof JoinPhases]])) as JoinPhases,
  cpu: { node: bare.cpu.node + socketIo.cpu.node, worker: bare.cpu.worker + socketIo.cpu.worker },
};
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
const ratio = (measure: (side: Side) => number, to: Side = bare) => measure(app) / measure(to);
const verdict = (value: number) => `${value.toFixed(2)}× — ${value <= TARGET_RATIO ? 'met' : 'NOT met'}`;
const pushes = sum(app.transcript.pushes.map(({ entering, sending }) => entering.length + sending.length));

console.log(
  `signalling: ${JOINS} participants enter one room one after another, each with media (2 transports, a microphone, a consumer of every earlier microphone, and everyone earlier receiving the new one)`,
);
console.log(
  `app: ${app.requests} Socket.IO requests (room:join, media:produce, media:resumeConsumers, and media:consume where a microphone's news brought no consumer) from ${JOINS} signed-in clients in a child process (sign-ins and socket connections not timed), and ${pushes} messages pushed to them`,
);
console.log('bare: the same mediasoup calls made directly in this process, on a router of a fresh worker (same binary, same transport options)');
console.log(
  `Socket.IO: a bare Socket.IO server of the same version giving the same clients the app's answers and pushes (${socketIo.requests} requests), no mediasoup, no database; both: bare and Socket.IO added, join by join`,
);
const columns = ['app', 'bare', 'Socket.IO', 'both', 'app/bare', 'app/both'];
console.log(`${''.padEnd(40)}${columns.map((column) => column.padStart(11)).join('')}`);
for (const [label, measure] of rows) {
  const figures = [app, bare, socketIo, both].map((side) => measure(side).toFixed(1));
  const ratios = [ratio(measure), ratio(measure, both)].map((value) => `${value.toFixed(2)}×`);
  console.log(`${label.padEnd(40)}${[...figures, ...ratios].map((cell) => cell.padStart(11)).join('')}`);
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
console.log(
  `against the direct calls and Socket.IO carrying the same messages (what the app's own work adds: sign-in checks, validation, the database): total join time ${ratio((side) => sum(side.joinMs), both).toFixed(2)}×, server CPU ${ratio((side) => serverCpu(side.cpu), both).toFixed(2)}×`,
);
