/**
 * How far one server goes: one national session, participants added ten at a time (accounts made
 * through the admin API, real sign-in, the app's Socket.IO signalling, real WebRTC through
 * libwebrtc in a load-client process), each step held until steady and measured: worker CPU per
 * core, packets delivered, loss and freezes the participants saw, join times, the server's memory
 * and event-loop delay, and where it breaks and why. In the same run, the SFU alone (one producer
 * to N plain consumers) as the ceiling the app is compared with. Prints its figures.
 *
 * BENCH_MAX_PARTICIPANTS (default 100), BENCH_STEP (10), BENCH_HOLD_SECONDS (20),
 * BENCH_BARE_LADDER (consumers, comma-separated).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import * as mediasoup from 'mediasoup';
import { loadConfig } from '../server/config';
import type { HeadlessPlan, ReceivedByKind } from '../tests/support/headlessParticipant';
import { apiClient, createAccount, createCenter, signIn, TEST_PASSWORD } from '../tests/support/accounts';
import { createSessionSoon } from '../tests/support/sessions';
import { measureBareSfu, type BareStep } from './capacity/bareSfu';
import type { LoadCommand, LoadReply, LoadRequest } from './capacity/loadProtocol';
import { benchServer, quantile } from './benchServer';

const MAX = Number(process.env.BENCH_MAX_PARTICIPANTS ?? 100);
const STEP = Number(process.env.BENCH_STEP ?? 10);
const HOLD_MS = Number(process.env.BENCH_HOLD_SECONDS ?? 20) * 1000;
const BARE_LADDER = (process.env.BENCH_BARE_LADDER ?? '500,1000,2000,3000,4000,6000,8000').split(',').map(Number);
const CORES = availableParallelism();
/** The session as the issue sets it: everyone's audio, nine cameras on everyone's tiles, one screen. */
const CAMERAS = 9;
const CAMERA = { width: 320, height: 180, fps: 15 };
const SCREEN = { width: 960, height: 540, fps: 5 };
const MiB = 2 ** 20;

/** Participant n's part: the presenter (n = 0) shares a screen; the first nine send cameras; everyone speaks and watches nine tiles at the middle layer. */
const planOf = (n: number): HeadlessPlan => ({
  ...(n < CAMERAS ? { camera: CAMERA } : {}),
  ...(n === 0 ? { screen: SCREEN } : {}),
  watchedCameras: CAMERAS,
  cameraLayer: 1,
});

/** The load-client process and a typed request/answer over its IPC channel. */
function startLoadClients(): { ask: <T extends LoadReply['type']>(request: LoadCommand, expect: T) => Promise<Extract<LoadReply, { type: T }>>; child: ChildProcess } {
  const child = fork(path.join(import.meta.dirname, 'capacity', 'loadClients.ts'), { execArgv: ['--import', 'tsx'], env: { ...process.env, LOG_LEVEL: 'warn' } });
  const waiting = new Map<number, (reply: LoadReply) => void>();
  let next = 0;
  child.on('message', (reply: LoadReply) => waiting.get(reply.id)?.(reply));
  const ask = <T extends LoadReply['type']>(request: LoadCommand, expect: T) =>
    new Promise<Extract<LoadReply, { type: T }>>((resolve, reject) => {
      const id = next++;
      waiting.set(id, (reply) => {
        waiting.delete(id);
        if (reply.type === expect) resolve(reply as Extract<LoadReply, { type: T }>);
        else reject(new Error(reply.type === 'error' ? reply.message : `unexpected ${reply.type}`));
      });
      child.send({ ...request, id } satisfies LoadRequest);
    });
  return { ask, child };
}

interface Totals {
  audio: { received: number; lost: number };
  video: { received: number; lost: number; bytes: number };
  frames: number;
  freezes: number;
}

function totalsOf(received: ReceivedByKind[]): Totals {
  const totals: Totals = { audio: { received: 0, lost: 0 }, video: { received: 0, lost: 0, bytes: 0 }, frames: 0, freezes: 0 };
  for (const one of received) {
    totals.audio.received += one.audio.packetsReceived;
    totals.audio.lost += one.audio.packetsLost;
    totals.video.received += one.video.packetsReceived;
    totals.video.lost += one.video.packetsLost;
    totals.video.bytes += one.video.bytesReceived;
    totals.frames += one.shown.frames;
    totals.freezes += one.shown.freezes;
  }
  return totals;
}

const lossOf = (before: { received: number; lost: number }, after: { received: number; lost: number }) => {
  const lost = after.lost - before.lost;
  const total = after.received - before.received + lost;
  return total > 0 ? lost / total : 0;
};
const pct = (share: number) => `${(share * 100).toFixed(2)} %`;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

const config = loadConfig();
const { db, server, close } = await benchServer({ workers: CORES });
const load = startLoadClients();
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
try {
  console.log(`machine: ${CORES} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, ${CORES} media workers`);

  // The SFU alone first, while the app is idle.
  const bareWorker = await mediasoup.createWorker({ logLevel: 'warn', workerBin: config.media.workerBin });
  const bare: BareStep[] = await measureBareSfu(bareWorker, BARE_LADDER, Math.min(HOLD_MS, 10_000));
  bareWorker.close();
  console.log('\nthe SFU alone: one Opus producer (50 packets/s) to N plain SRTP consumers, one worker, UDP sinks counting');
  console.log('consumers  delivered pkt/s  loss     worker core  µs/packet');
  for (const step of bare) {
    console.log(
      `${String(step.consumers).padStart(9)}  ${step.deliveredPerSecond.toFixed(0).padStart(15)}  ${pct(step.loss).padStart(7)}  ${pct(step.workerCore).padStart(11)}  ${step.microsPerPacket.toFixed(2).padStart(9)}`,
    );
  }
  const bareHeld = bare.filter((step) => step.loss < 0.01);
  const bareBest = bareHeld.at(-1);
  const bareMicros = quantile(
    bare.map((step) => step.microsPerPacket).sort((a, b) => a - b),
    0.5,
  );
  if (bareBest) {
    console.log(
      `ceiling: ${bareBest.consumers} streams under 1 % loss on one worker using ${pct(bareBest.workerCore)} of a core (≈ ${Math.round(bareBest.consumers / Math.max(bareBest.workerCore, 0.01))} streams per core at this packet rate); median ${bareMicros.toFixed(2)} µs of worker CPU per packet`,
    );
  }

  // The network: 36 centres, an administrator who makes the accounts over the API, one session all are invited to.
  const centers = await Promise.all(Array.from({ length: 36 }, () => createCenter(db)));
  const admin = await createAccount(db, ['admin'], centers[0]!, 'Administradora');
  const api = apiClient(server.url, await signIn(server.url, admin.email));
  const coordinator = await createAccount(db, ['coordinator'], centers[0]!, 'Coordinadora');
  const sessionId = await createSessionSoon(db, { hostCenterId: centers[0]!, invitedCenterIds: centers.slice(1), createdBy: coordinator.id, title: 'Sesión nacional' });
  const cookies: string[] = [];
  for (let n = 0; n < MAX; n++) {
    const email = `participante.${n}@capacidad.mx`;
    const created = await api('POST', '/users', {
      name: `Participante ${n}`,
      email,
      roles: [n === 0 ? 'presenter' : 'expert'],
      centerId: centers[n % centers.length],
      password: TEST_PASSWORD,
    });
    if (created.status !== 201) throw new Error(`account not created: ${created.status} ${JSON.stringify(created.body)}`);
    cookies.push(await signIn(server.url, email));
  }
  await sleep(3000);
  gc();
  const idleRss = process.memoryUsage().rss;

  console.log(`\nthe app: one session, participants added ${STEP} at a time, each step held ${HOLD_MS / 1000} s`);
  console.log(
    'people  consumers  workers core (each)     server core  clients core  delivered pkt/s  audio loss  video loss  frames/s  freezes  join p50/max ms   rss MiB  loop p99 ms',
  );
  let entered = 0;
  let broke: string | undefined;
  let peak = { people: 0, rss: 0 };
  const appMicros: number[] = [];
  while (entered < MAX && !broke) {
    const joins: number[] = [];
    const target = Math.min(MAX, entered + STEP);
    for (; entered < target; entered++) {
      try {
        joins.push((await load.ask({ type: 'enter', url: server.url, sessionId, cookie: cookies[entered]!, plan: planOf(entered) }, 'entered')).joinMs);
      } catch (error) {
        broke = `participant ${entered + 1} could not enter: ${error instanceof Error ? error.message : String(error)}`;
        break;
      }
    }
    if (broke) break;
    await sleep(5000);
    const room = server.media.rooms.find(sessionId)!;
    const sample = async () => ({
      clients: await load.ask({ type: 'sample' }, 'sample'),
      workers: await server.media.workers.resourceUsage(),
      server: process.cpuUsage(),
      at: performance.now(),
    });
    loopDelay.reset();
    const before = await sample();
    await sleep(HOLD_MS);
    const after = await sample();
    const seconds = (after.at - before.at) / 1000;
    const workerCores = after.workers.map(({ slot, usage }) => {
      const earlier = before.workers.find((worker) => worker.slot === slot)?.usage;
      return earlier ? (usage.ru_utime + usage.ru_stime - earlier.ru_utime - earlier.ru_stime) / (seconds * 1000) : 0;
    });
    const serverCore = (after.server.user + after.server.system - before.server.user - before.server.system) / 1000 / (seconds * 1000);
    const clientsCore = (after.clients.cpuMs - before.clients.cpuMs) / (seconds * 1000);
    const [a, b] = [totalsOf(before.clients.received), totalsOf(after.clients.received)];
    const delivered = (b.audio.received - a.audio.received + b.video.received - a.video.received) / seconds;
    const audioLoss = lossOf(a.audio, b.audio);
    const videoLoss = lossOf(a.video, b.video);
    const freezes = b.freezes - a.freezes;
    const framesPerSecond = (b.frames - a.frames) / seconds;
    const consumers = room.peerList().reduce((sum, peer) => sum + peer.holdings().consumers, 0);
    const rss = process.memoryUsage().rss;
    const loopP99 = loopDelay.percentile(99) / 1e6;
    const workersCore = workerCores.reduce((sum, core) => sum + core, 0);
    appMicros.push((workersCore * seconds * 1e6) / Math.max(1, delivered * seconds));
    const sortedJoins = [...joins].sort((x, y) => x - y);
    if (rss > peak.rss) peak = { people: entered, rss };
    console.log(
      [
        String(entered).padStart(6),
        String(consumers).padStart(9),
        `${pct(workersCore)} (${workerCores.map((core) => pct(core)).join(', ')})`.padEnd(23),
        pct(serverCore).padStart(11),
        pct(clientsCore).padStart(12),
        delivered.toFixed(0).padStart(15),
        pct(audioLoss).padStart(10),
        pct(videoLoss).padStart(10),
        framesPerSecond.toFixed(0).padStart(8),
        String(freezes).padStart(7),
        `${quantile(sortedJoins, 0.5).toFixed(0)}/${sortedJoins.at(-1)!.toFixed(0)}`.padStart(16),
        (rss / MiB).toFixed(0).padStart(8),
        loopP99.toFixed(1).padStart(11),
      ].join('  '),
    );
    const why = [
      audioLoss >= 0.01 ? `audio loss ${pct(audioLoss)}` : '',
      videoLoss >= 0.01 ? `video loss ${pct(videoLoss)}` : '',
      freezes > 0 ? `${freezes} video freezes` : '',
    ].filter(Boolean);
    if (why.length) {
      const busy = workersCore + serverCore + clientsCore;
      broke = `at ${entered} participants: ${why.join(', ')}; the machine's ${CORES} cores were ${pct(busy / CORES)} busy (media workers ${pct(workersCore)}, server ${pct(serverCore)}, load clients ${pct(clientsCore)} of one core)`;
    }
  }
  console.log(broke ? `breaks ${broke}` : `held every step up to ${MAX} participants (BENCH_MAX_PARTICIPANTS)`);
  const appMedian = quantile(
    [...appMicros].sort((x, y) => x - y),
    0.5,
  );
  console.log(
    `forwarding cost: app ${appMedian.toFixed(2)} µs of worker CPU per delivered packet (median over steps, audio and video), bare SFU ${bareMicros.toFixed(2)} µs (Opus-sized packets): ${(appMedian / bareMicros).toFixed(2)}×`,
  );

  await load.ask({ type: 'leaveAll' }, 'left');
  for (let waited = 0; server.media.rooms.find(sessionId) && waited < 30; waited++) await sleep(1000);
  await sleep(10_000);
  gc();
  const afterRss = process.memoryUsage().rss;
  console.log(
    `server memory (RSS, this process): idle ${(idleRss / MiB).toFixed(0)} MiB, peak ${(peak.rss / MiB).toFixed(0)} MiB with ${peak.people} participants, after the session closed ${(afterRss / MiB).toFixed(0)} MiB (${(((afterRss - idleRss) / idleRss) * 100).toFixed(1)} % over idle; target within 10 %)`,
  );
} finally {
  load.child.disconnect();
  loopDelay.disable();
  await close();
}
