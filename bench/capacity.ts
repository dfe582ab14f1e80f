/**
 * How far one server goes: one national session, participants added ten at a time (accounts made
 * through the admin API, real sign-in, the app's Socket.IO signalling, real WebRTC in a
 * load-client process: libwebrtc for the nine who send cameras and show tiles, light participants
 * with their own ICE, DTLS and SRTP for everyone else), each step held until steady and measured: worker CPU per
 * core, packets delivered, loss and freezes the participants saw, join times, the server's memory
 * and event-loop delay (the server in a process of its own, so that these are its alone), and
 * where it breaks and why. In the same run, the SFU alone (one producer,
 * a microphone's or the recorded camera's, to N plain consumers) as the ceiling the app is
 * compared with, for the same mix of packets. Prints its figures.
 *
 * BENCH_MAX_PARTICIPANTS (default 400, past where this 2-core machine breaks: 120–170 as held),
 * BENCH_STEP (10), BENCH_HOLD_SECONDS (20),
 * BENCH_BARE_LADDER (consumers, comma-separated).
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import * as mediasoup from 'mediasoup';
import { loadConfig } from '../server/config';
import { Database, reachDatabaseServer } from '../server/db/database';
import type { ParticipantPlan, ReceivedByKind } from '../tests/support/participantPlan';
import { apiClient, createAccount, createCenter, signIn, signInEach, TEST_PASSWORD } from '../tests/support/accounts';
import { createSessionSoon } from '../tests/support/sessions';
import { CEILING, measureBareSfu, type BareShape, type BareSource } from './capacity/bareSfu';
import type { LoadCommand, LoadReply } from './capacity/loadProtocol';
import type { NodeHeap, ResidentRegions, ServerCommand, ServerMemory, ServerReply } from './capacity/serverProtocol';
import { startBenchChild } from './benchChild';
import { median, spreadOf } from './timing';

const MAX = Number(process.env.BENCH_MAX_PARTICIPANTS ?? 400);
const STEP = Number(process.env.BENCH_STEP ?? 10);
const HOLD_MS = Number(process.env.BENCH_HOLD_SECONDS ?? 20) * 1000;
const BARE_LADDER = (process.env.BENCH_BARE_LADDER ?? '500,1000,1500,2000,2500,3000,3500,4000').split(',').map(Number);
const CORES = availableParallelism();
const CAMERAS = 9;
/** libwebrtc sends two simulcast layers of this picture (160×90 and 320×180): its own limit for the size. */
const CAMERA = { width: 640, height: 360, fps: 15 };
const SCREEN = { width: 960, height: 540, fps: 5 };
const MiB = 2 ** 20;

/**
 * Who sends what in a session: the first `speakers` have their microphone live, the first
 * `cameras` send a camera (the first of them also the presenter's screen), and everyone watches
 * nine tiles at the middle layer.
 */
interface Profile {
  name: string;
  speakers: number;
  cameras: number;
}

/**
 * The session (every microphone live: each person receives everyone's audio) and the
 * session as the network holds it ("dozens of participants, most of them watching and a few
 * speaking": three microphones, the rest listening). Both with nine cameras and the presenter's screen.
 */
const AS_HELD: Profile = { name: 'as held: 3 speak, the rest listen; 9 cameras, 1 screen', speakers: 3, cameras: CAMERAS };
/** What one participant of the session as held receives: the live microphones, the cameras and the screen. */
const CONSUMERS_AS_HELD = AS_HELD.speakers + AS_HELD.cameras + 1;
const PROFILES: Profile[] = [{ name: 'everyone speaks: every microphone live, 9 cameras, 1 screen', speakers: Number.POSITIVE_INFINITY, cameras: CAMERAS }, AS_HELD];
/** The session the memory target names: idle, during it and after it closes. */
const MEMORY_SESSION = 50;
/** How many times that session is held in a row: the target reads the first. */
const MEMORY_ROUNDS = 3;

const planOf = (profile: Profile, n: number): ParticipantPlan => ({
  microphone: n < profile.speakers,
  ...(n < profile.cameras ? { camera: CAMERA } : {}),
  ...(n === 0 ? { screen: SCREEN } : {}),
  watchedCameras: CAMERAS,
  cameraLayer: 1,
});

/**
 * Who runs libwebrtc and shows its tiles, counting their frames and freezes: the presenter (camera
 * and screen) and one viewer just past the cameras. Everyone else is a light participant
 * (tests/support/lightParticipant.ts): the same sign-in, signalling, ICE, DTLS and SRTP, its
 * packets counted and nothing decoded, its camera replayed from one recorded through the app.
 * With libwebrtc for everyone, its decoding and jitter buffers took the machine at 10–30
 * participants, long before the server.
 */
const VIEWER = CAMERAS;
const isLight = (n: number) => n !== 0 && n !== VIEWER;

/** The frames per second the tiles of the first `people` participants show when nothing is lost (light ones show none). */
function expectedFramesPerSecond(profile: Profile, people: number): number {
  const cameras = Math.min(profile.cameras, people);
  let frames = 0;
  for (let n = 0; n < people; n++) {
    if (isLight(n)) continue;
    frames += (n < cameras ? cameras - 1 : cameras) * CAMERA.fps;
    if (n !== 0) frames += SCREEN.fps;
  }
  return frames;
}

type Child<Command, Reply> = ReturnType<typeof startBenchChild<Command, Reply>>;

/** Sends `command` to a child process that answers one at a time, in order; answers its reply, which must be of type `expect`. */
async function ask<Command, Reply extends { type: string }, T extends Reply['type']>(
  child: Child<Command, Reply>,
  command: Command,
  expect: T,
): Promise<Extract<Reply, { type: T }>> {
  child.send(command);
  const reply = await child.next();
  if (reply.type === expect) return reply as Extract<Reply, { type: T }>;
  throw new Error(reply.type === 'error' ? (reply as { message?: string }).message : `unexpected ${reply.type}`);
}

/** The server, in a process of its own (capacity/serverProcess.ts): the memory, CPU and event-loop delay it reports are then the server's alone. */
const serverProcess = startBenchChild<ServerCommand, ServerReply>(new URL('./capacity/serverProcess.ts', import.meta.url));

/**
 * The load-client processes, each answering one command at a time, in order: one for the
 * participants running libwebrtc (two such processes cost more in all than one, 143 % of a core
 * for 10 participants against 113 %), one for the light ones, so that counting a full room's
 * packets does not delay the frames the libwebrtc viewers time for freezes.
 */
type LoadProcess = Child<LoadCommand, LoadReply>;
const loads: Record<'libwebrtc' | 'light', LoadProcess> = {
  libwebrtc: startBenchChild<LoadCommand, LoadReply>(new URL('./capacity/loadClients.ts', import.meta.url)),
  light: startBenchChild<LoadCommand, LoadReply>(new URL('./capacity/loadClients.ts', import.meta.url)),
};

/** What both load processes received (libwebrtc's participants first), and their CPU time together. */
async function sampleClients(): Promise<{ received: ReceivedByKind[]; unreadable: string[]; cpuMs: number }> {
  const [full, light] = await Promise.all([ask(loads.libwebrtc, { type: 'sample' }, 'sample'), ask(loads.light, { type: 'sample' }, 'sample')]);
  return { received: [...full.received, ...light.received], unreadable: [...full.unreadable, ...light.unreadable], cpuMs: full.cpuMs + light.cpuMs };
}

const everyLoad = <T extends LoadReply['type']>(command: LoadCommand, expect: T) => Promise.all(Object.values(loads).map((load) => ask(load, command, expect)));

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
/** Datagrams this machine's kernel dropped because a socket's receive buffer was full (any socket: workers' or participants'). */
function udpReceiveDrops(): number {
  const [names, values] = readFileSync('/proc/net/snmp', 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('Udp:'))
    .map((line) => line.split(/\s+/));
  return Number(values?.[names?.indexOf('RcvbufErrors') ?? -1] ?? Number.NaN);
}

interface Step {
  people: number;
  workersCore: number;
  serverCore: number;
  microsPerPacket: number;
  /** Of that, the part spent in the kernel (sending each packet to its socket). */
  kernelMicrosPerPacket: number;
  /** The share of the packets delivered that were video (cameras and the screen). */
  videoShare: number;
  /** Why this step failed the session: loss, freezes, missing frames, a participant who could not enter. */
  broke?: string;
}

/** Adds participants of `profile` to the session STEP at a time, measuring each step held, until one breaks or MAX is reached. */
async function stepUp(profile: Profile, sessionId: string): Promise<Step[]> {
  const steps: Step[] = [];
  let entered = 0;
  while (entered < MAX) {
    const joins: number[] = [];
    const target = Math.min(MAX, entered + STEP);
    for (; entered < target; entered++) {
      try {
        joins.push(await enter(profile, sessionId, entered));
      } catch (error) {
        steps.push({
          people: entered + 1,
          workersCore: 0,
          serverCore: 0,
          microsPerPacket: 0,
          kernelMicrosPerPacket: 0,
          videoShare: 0,
          broke: `participant ${entered + 1} could not enter: ${error instanceof Error ? error.message : String(error)}`,
        });
        return steps;
      }
    }
    // Past the first seconds, when each new stream climbs from its lowest layer.
    await sleep(10_000);
    const before = await sample();
    await sleep(HOLD_MS);
    const after = await sample();
    const seconds = (after.at - before.at) / 1000;
    // Each worker's share of a core over the window: all of it, and the part in the kernel.
    const workerShares = after.server.workers.map(({ slot, usage }) => {
      const earlier = before.server.workers.find((worker) => worker.slot === slot)?.usage;
      if (!earlier) return { core: 0, kernel: 0 };
      const kernel = (usage.ru_stime - earlier.ru_stime) / (seconds * 1000);
      return { core: (usage.ru_utime - earlier.ru_utime) / (seconds * 1000) + kernel, kernel };
    });
    const workerCores = workerShares.map(({ core }) => core);
    const kernelCore = workerShares.reduce((sum, { kernel }) => sum + kernel, 0);
    const serverCore = (after.server.cpu.user + after.server.cpu.system - before.server.cpu.user - before.server.cpu.system) / 1000 / (seconds * 1000);
    const clientsCore = (after.clients.cpuMs - before.clients.cpuMs) / (seconds * 1000);
    // Participants whose statistics could not be read (their connection gone) are left out of both samples.
    const readable = Math.min(before.clients.received.length, after.clients.received.length);
    const [a, b] = [totalsOf(before.clients.received.slice(0, readable)), totalsOf(after.clients.received.slice(0, readable))];
    const unreadable = [...new Set([...before.clients.unreadable, ...after.clients.unreadable])];
    const videoDelivered = (b.video.received - a.video.received) / seconds;
    const delivered = (b.audio.received - a.audio.received) / seconds + videoDelivered;
    const audioLoss = lossOf(a.audio, b.audio);
    const videoLoss = lossOf(a.video, b.video);
    const freezes = b.freezes - a.freezes;
    const framesExpected = expectedFramesPerSecond(profile, entered);
    // No tiles shown (everyone light): no frames to count.
    const framesShown = framesExpected > 0 ? (b.frames - a.frames) / seconds / framesExpected : 1;
    const room = await ask(serverProcess, { type: 'room', sessionId }, 'room');
    const rss = after.server.memory;
    const workersCore = workerCores.reduce((sum, core) => sum + core, 0);
    const joinSpread = spreadOf(joins);
    console.log(
      [
        String(entered).padStart(6),
        String(room.routers).padStart(7),
        String(room.consumers).padStart(9),
        `${pct(workersCore)} (${workerCores.map((core) => pct(core)).join(', ')})`.padEnd(23),
        pct(serverCore).padStart(11),
        pct(clientsCore).padStart(12),
        delivered.toFixed(0).padStart(15),
        pct(audioLoss).padStart(10),
        pct(videoLoss).padStart(10),
        (framesExpected > 0 ? pct(framesShown) : '–').padStart(12),
        String(freezes).padStart(7),
        `${joinSpread.median.toFixed(0)}/${joinSpread.max.toFixed(0)}`.padStart(16),
        `${(rss.node / MiB).toFixed(0)}+${(rss.workers / MiB).toFixed(0)}`.padStart(16),
        after.server.loopP99Ms.toFixed(1).padStart(11),
        String(after.udpDrops - before.udpDrops).padStart(9),
      ].join('  '),
    );
    const why = [
      audioLoss >= 0.01 ? `audio loss ${pct(audioLoss)}` : '',
      videoLoss >= 0.01 ? `video loss ${pct(videoLoss)}` : '',
      freezes > 0 ? `${freezes} video freezes` : '',
      framesShown < 0.9 ? `tiles showed ${pct(framesShown)} of the frames sent` : '',
      unreadable.length ? `${unreadable.length} participants' connections unreadable (${unreadable[0]})` : '',
    ].filter(Boolean);
    const busy = workersCore + serverCore + clientsCore;
    const broke = why.length
      ? `${why.join(', ')}; the machine's ${CORES} cores were ${pct(busy / CORES)} busy (media workers ${pct(workersCore)}, server ${pct(serverCore)}, load clients ${pct(clientsCore)} of one core)`
      : undefined;
    steps.push({
      people: entered,
      workersCore,
      serverCore,
      microsPerPacket: (workersCore * 1e6) / Math.max(1, delivered),
      kernelMicrosPerPacket: (kernelCore * 1e6) / Math.max(1, delivered),
      videoShare: videoDelivered / Math.max(1, delivered),
      broke,
    });
    if (broke) break;
  }
  return steps;
}

/** Worker CPU per forwarded packet (µs): all of it, and the part in the kernel. */
interface PacketCost {
  micros: number;
  kernel: number;
}

/** The median of each part of `steps`' cost per packet. */
const medianCost = (steps: readonly { microsPerPacket: number; kernelMicrosPerPacket: number }[]): PacketCost => ({
  micros: median(steps.map((step) => step.microsPerPacket)),
  kernel: median(steps.map((step) => step.kernelMicrosPerPacket)),
});

const describeCost = ({ micros, kernel }: PacketCost) => `${micros.toFixed(2)} µs (${kernel.toFixed(2)} in the kernel, ${(micros - kernel).toFixed(2)} in the worker's own code)`;

/** The SFU alone forwarding `source` up `ladder`, its consumers laid out as `shape` says: prints each step, answers its median worker CPU per forwarded packet. */
async function measureBare(worker: mediasoup.types.Worker, source: BareSource, what: string, ladder = BARE_LADDER, shape = CEILING): Promise<PacketCost> {
  const { steps, pace } = await measureBareSfu(worker, source, ladder, Math.min(HOLD_MS, 10_000), shape);
  console.log(`\nthe SFU alone: ${what} to N plain SRTP consumers, one worker, ${shape.described}`);
  console.log('consumers  delivered pkt/s  loss     worker core  µs/packet  of which kernel');
  for (const step of steps) {
    console.log(
      `${String(step.consumers).padStart(9)}  ${step.deliveredPerSecond.toFixed(0).padStart(15)}  ${pct(step.loss).padStart(7)}  ${pct(step.workerCore).padStart(11)}  ${step.microsPerPacket.toFixed(2).padStart(9)}  ${step.kernelMicrosPerPacket.toFixed(2).padStart(15)}`,
    );
  }
  const cost = medianCost(steps);
  const last = steps.at(-1);
  const limit =
    last && last.deliveredPerSecond < 0.9 * last.consumers * pace
      ? `this process could not send and count more than ${last.deliveredPerSecond.toFixed(0)} packets/s`
      : `at ${last?.consumers} consumers: loss ${pct(last?.loss ?? 0)}, worker ${pct(last?.workerCore ?? 0)} of a core`;
  console.log(
    `median ${describeCost(cost)} of worker CPU per forwarded packet: ≈ ${Math.round(1e6 / (cost.micros * pace))} such streams per core; the ladder stopped where ${limit}`,
  );
  return cost;
}

/** Participant `n` of `profile` enters the session; answers how long the join took (ms). */
async function enter(profile: Profile, sessionId: string, n: number): Promise<number> {
  const load = isLight(n) ? loads.light : loads.libwebrtc;
  const plan = planOf(profile, n);
  return (await ask(load, { type: 'enter', url: started.url, sessionId, cookie: cookies[n]!, plan, light: isLight(n) }, 'entered')).joinMs;
}

/** Everyone leaves the session, and its room closes. */
async function leaveAll(sessionId: string): Promise<void> {
  await everyLoad({ type: 'leaveAll' }, 'left');
  await roomClosed(sessionId);
}

/** The participants' receipts, and the server's workers (each and its CPU), its CPU, memory and event loop since the last sample. */
async function sample() {
  const [clients, server] = await Promise.all([sampleClients(), ask(serverProcess, { type: 'sample' }, 'sample')]);
  return { clients, server, udpDrops: udpReceiveDrops(), at: performance.now() };
}

/** Waits (up to 30 s) until a session's room has closed. */
async function roomClosed(sessionId: string): Promise<void> {
  for (let waited = 0; (await ask(serverProcess, { type: 'room', sessionId }, 'room')).open && waited < 30; waited++) await sleep(1000);
}

type ServerUsage = { rss: ServerMemory; heap: NodeHeap; regions: ResidentRegions };

/** The server's memory (its Node process and its media workers), after a full collection: its live heap, and where Node's resident memory lies. */
async function memory(): Promise<ServerUsage> {
  const { memory: rss, heap, regions } = await ask(serverProcess, { type: 'memory', collect: true }, 'memory');
  return { rss, heap, regions };
}

const config = loadConfig();
const started = await ask(serverProcess, { type: 'start', workers: CORES }, 'started');
// The bench's own connection to the server's database, to make the network it seeds.
const db = await Database.open({
  uri: (await reachDatabaseServer({ ...config.database, dataDir: started.dataDir }, { shareRunning: true })).uri,
  dataDir: started.dataDir,
  dbName: started.dbName,
});
let cookies: string[] = [];
try {
  console.log(`machine: ${CORES} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, ${CORES} media workers`);

  // The network: 36 centres, an administrator who makes the accounts over the API, one session all are invited to.
  const centers = await Promise.all(Array.from({ length: 36 }, () => createCenter(db)));
  const admin = await createAccount(db, ['admin'], centers[0]!, 'Administradora');
  const api = apiClient(started.url, await signIn(started.url, admin.email));
  const coordinator = await createAccount(db, ['coordinator'], centers[0]!, 'Coordinadora');
  // Four more: a camera recorded once, its three layers, which light participants replay.
  const emails = Array.from({ length: MAX + 4 }, (_, n) => `participante.${n}@capacidad.mx`);
  for (const [n, email] of emails.entries()) {
    const created = await api('POST', '/users', {
      name: `Participante ${n}`,
      email,
      roles: [n === 0 ? 'presenter' : 'expert'],
      centerId: centers[n % centers.length],
      password: TEST_PASSWORD,
    });
    if (created.status !== 201) throw new Error(`account not created: ${created.status} ${JSON.stringify(created.body)}`);
  }
  cookies = await signInEach(started.url, emails);
  const sessionFor = (title: string) => createSessionSoon(db, { hostCenterId: centers[0]!, invitedCenterIds: centers.slice(1), createdBy: coordinator.id, title });
  const recordingSession = await sessionFor('Grabación de una cámara');
  const [cameraCookie, ...recorderCookies] = cookies.slice(MAX);
  await ask(
    loads.libwebrtc,
    {
      type: 'enter',
      url: started.url,
      sessionId: recordingSession,
      cookie: cameraCookie!,
      plan: { microphone: false, camera: CAMERA, watchedCameras: 0, cameraLayer: 0 },
      light: false,
    },
    'entered',
  );
  const recorded = await ask(loads.light, { type: 'record', url: started.url, sessionId: recordingSession, cookies: recorderCookies }, 'recorded');
  await ask(loads.libwebrtc, { type: 'leaveAll' }, 'left');
  const layers = recorded.recording.map(({ width, height, packets, span }) => `${width}×${height}, ${packets.length} packets in ${(span / 90).toFixed(0)} ms`);
  console.log(`\na camera recorded through the app for light participants to replay: ${layers.join(', ')}`);
  await roomClosed(recordingSession);
  await sleep(3000);
  // The SFU alone, while the app is idle: a microphone's packets, and the camera layer everyone watches.
  const bareWorker = await mediasoup.createWorker({ logLevel: 'warn', workerBin: config.media.workerBin });
  const watchedLayer = recorded.recording[Math.min(1, recorded.recording.length - 1)]!;
  const microphone: BareSource = { kind: 'audio' };
  const camera: BareSource = { kind: 'video', layer: watchedLayer };
  const cameraLabel = `one camera layer replayed from the recording (${watchedLayer.width}×${watchedLayer.height})`;
  const bareMicros = {
    audio: await measureBare(bareWorker, microphone, 'one Opus producer (50 packets/s)'),
    video: await measureBare(bareWorker, camera, cameraLabel),
  };
  // The same forwarding laid out as the session of 50 as held: a transport per participant, with what one receives, to a socket of its own.
  const asParticipants: BareShape = {
    consumersPerTransport: CONSUMERS_AS_HELD,
    sinkPerTransport: true,
    described: `${CONSUMERS_AS_HELD} consumers to a transport as one participant receives, each transport to a UDP sink of its own`,
  };
  const participantsLadder = [50 * CONSUMERS_AS_HELD];
  const shapedMicros = {
    audio: await measureBare(bareWorker, microphone, 'one Opus producer (50 packets/s)', participantsLadder, asParticipants),
    video: await measureBare(bareWorker, camera, cameraLabel, participantsLadder, asParticipants),
  };
  bareWorker.close();
  const idle = await memory();
  // The memory target's session, before the step-ups, which go past its size; then the same
  // session again, to tell memory that grows with every session from memory kept once.
  const memoryPeople = Math.min(MEMORY_SESSION, MAX);
  const rounds: { during: ServerMemory; after: ServerUsage }[] = [];
  for (let round = 1; round <= MEMORY_ROUNDS; round++) {
    const memorySession = await sessionFor(`Memoria: una sesión nacional (${round})`);
    for (let n = 0; n < memoryPeople; n++) await enter(AS_HELD, memorySession, n);
    await sleep(10_000);
    const during = (await ask(serverProcess, { type: 'memory', collect: false }, 'memory')).memory;
    await leaveAll(memorySession);
    await sleep(10_000);
    rounds.push({ during, after: await memory() });
  }
  const { during, after } = rounds[0]!;

  const forwarding = new Map<Profile, { app: PacketCost; bare: PacketCost; shaped: PacketCost; videoShare: number }>();
  for (const profile of PROFILES) {
    const sessionId = await sessionFor(profile.name);
    console.log(`\nthe app, ${profile.name}: one session, participants added ${STEP} at a time, each step held ${HOLD_MS / 1000} s`);
    console.log(
      'people  routers  consumers  workers core (each)     server core  clients core  delivered pkt/s  audio loss  video loss  frames shown  freezes  join p50/max ms  node+workers MiB  loop p99 ms  udp drops',
    );
    const steps = await stepUp(profile, sessionId);
    const last = steps.at(-1);
    const held = steps.filter((step) => !step.broke);
    if (held.length) {
      // The bare SFU forwarding the same packets: its cost for a microphone's and for a camera's, weighted as the app delivered them.
      const videoShare = median(held.map((step) => step.videoShare));
      const mixed = (costs: typeof bareMicros): PacketCost => ({
        micros: (1 - videoShare) * costs.audio.micros + videoShare * costs.video.micros,
        kernel: (1 - videoShare) * costs.audio.kernel + videoShare * costs.video.kernel,
      });
      forwarding.set(profile, { app: medianCost(held), bare: mixed(bareMicros), shaped: mixed(shapedMicros), videoShare });
    }
    if (last?.broke) console.log(`breaks at ${last.people} participants: ${last.broke}`);
    else console.log(`held every step up to ${MAX} participants (BENCH_MAX_PARTICIPANTS)`);
    const lastHeld = steps.filter((step) => !step.broke).at(-1);
    if (lastHeld) {
      console.log(
        `largest step held: ${lastHeld.people} participants, media workers ${pct(lastHeld.workersCore)} of a core (${pct(lastHeld.workersCore / lastHeld.people)} per participant), server's Node ${pct(lastHeld.serverCore)}`,
      );
    }
    await leaveAll(sessionId);
  }
  for (const [profile, { app, bare, shaped, videoShare }] of forwarding) {
    console.log(
      `\nforwarding cost, ${profile.name}: app ${describeCost(app)} of worker CPU per delivered packet (median over the steps held); bare SFU forwarding the same mix (${pct(1 - videoShare)} microphone, ${pct(videoShare)} camera packets) ${describeCost(bare)}: ${(app.micros / bare.micros).toFixed(2)}× (target within 1.2×: ${app.micros <= 1.2 * bare.micros ? 'met' : 'not met'}); in the kernel ${(app.kernel / bare.kernel).toFixed(2)}×, in the worker's own code ${((app.micros - app.kernel) / (bare.micros - bare.kernel)).toFixed(2)}×; against Opus packets alone (${bareMicros.audio.micros.toFixed(2)} µs) ${(app.micros / bareMicros.audio.micros).toFixed(2)}×; against the bare SFU laid out as participants, the same mix ${describeCost(shaped)}: ${(app.micros / shaped.micros).toFixed(2)}× (in the kernel ${(app.kernel / shaped.kernel).toFixed(2)}×, in the worker's own code ${((app.micros - app.kernel) / (shaped.micros - shaped.kernel)).toFixed(2)}×)`,
    );
  }

  await sleep(10_000);
  const closed = (await memory()).rss;
  const total = (rss: ServerMemory) => rss.node + rss.workers;
  const mib = (rss: ServerMemory) => `${(total(rss) / MiB).toFixed(0)} MiB (Node ${(rss.node / MiB).toFixed(0)} + workers ${(rss.workers / MiB).toFixed(0)})`;
  const over = (rss: ServerMemory) => `${((total(rss) / total(idle.rss) - 1) * 100).toFixed(1)} % over idle`;
  console.log(
    `\nserver memory (RSS, the server's process alone): idle ${mib(idle.rss)}; with ${memoryPeople} participants (as held) ${mib(during)}; after that session closed ${mib(after.rss)}: ${over(after.rss)} (target within 10 %: ${total(after.rss) <= 1.1 * total(idle.rss) ? 'met' : 'not met'})`,
  );
  // V8's live objects and the pages it keeps, apart from the rest of Node's memory: tells a leak from memory not yet handed back.
  const heapOf = ({ rss, heap }: ServerUsage) =>
    `live objects ${(heap.used / MiB).toFixed(0)} MiB in ${(heap.total / MiB).toFixed(0)} MiB V8 keeps, ${(heap.external / MiB).toFixed(0)} MiB outside it held by objects, ${((rss.node - heap.total - heap.external) / MiB).toFixed(0)} MiB the rest (code, threads, native allocations)`;
  console.log(`Node after a collection, idle: ${heapOf(idle)}; after that session closed: ${heapOf(after)}`);
  const regionsOf = ({ regions }: ServerUsage) =>
    `files ${(regions.files / MiB).toFixed(0)}, main heap ${(regions.mainHeap / MiB).toFixed(0)}, anonymous ${(regions.anonymous / MiB).toFixed(0)} MiB`;
  console.log(
    `Node's resident memory by mapping (code and libraries' files; glibc's main heap; anonymous: V8's pages, threads' arenas, large allocations), idle: ${regionsOf(idle)}; after that session closed: ${regionsOf(after)}`,
  );
  const again = rounds
    .slice(1)
    .map(
      ({ during: held, after: closed }, index) =>
        `round ${index + 2}: with them ${mib(held)}, after ${mib(closed.rss)} (${over(closed.rss)}), live objects ${(closed.heap.used / MiB).toFixed(0)} MiB`,
    );
  console.log(`the same session of ${memoryPeople} again: ${again.join('; ')}`);
  console.log(`after the step-ups' sessions closed: ${mib(closed)}, ${over(closed)}`);
} finally {
  for (const load of Object.values(loads)) load.send({ type: 'quit' });
  await Promise.all(Object.values(loads).map((load) => load.exited));
  await db.close();
  serverProcess.send({ type: 'quit' });
  await serverProcess.exited;
}
