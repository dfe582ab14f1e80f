/**
 * The participants of bench/signalling.ts, in a process of their own: each signed-in socket enters
 * the room with media, one after another, sends a microphone and resumes what it receives (what
 * was made paused); those already in the room receive each new microphone as a page does (the
 * consumer the server offered with the news, or one they ask for). Against the app they can keep a
 * transcript of what it said, for a bare Socket.IO server to say again.
 */
import { performance } from 'node:perf_hooks';
import { consumerResumes } from '../client/services/consumerResumes';
import { microphoneRtpParameters } from '../tests/support/rtp';
import { connect, leaveAll, request, type TestSocket } from '../tests/support/socketClient';
import { benchParent } from './benchChild';

export interface JoinPlan {
  url: string;
  sessionId: string;
  /** One signed-in account's cookie per participant, in joining order. */
  cookies: string[];
  /** Whether to keep a transcript of what the server answered and pushed. */
  transcribe: boolean;
}
/** The plan, then when to enter, then when to leave (once the bench stopped counting). */
export type ToClients = JoinPlan | 'go' | 'leave';

/** Something the server pushed to one participant (by joining order): the event and its payload. */
export type Push = [participant: number, event: string, payload: unknown];

/**
 * What the server said during the joins: each participant's answers, in order for each request
 * name, and what it pushed while each participant was entering (until room:join was answered) and
 * afterwards (sending its microphone, until everyone received it).
 */
export interface Transcript {
  answers: Record<string, unknown[]>[];
  pushes: { entering: Push[]; sending: Push[] }[];
}
/**
 * Where the joins' time went, summed over them (ms): entering with transports and consumers,
 * sending the microphone, resuming what it receives, and everyone already there receiving its microphone.
 */
export interface JoinPhases {
  enter: number;
  produce: number;
  resume: number;
  heard: number;
}
export type FromClients = 'ready' | { joinMs: number[]; phases: JoinPhases; requests: number; transcript?: Transcript };

const parent = benchParent<ToClients, FromClients>();
const plan = (await parent.next()) as JoinPlan;
// A page's socket is open before it enters (it carries the notices too): connecting is not timed.
const sockets = await Promise.all(plan.cookies.map((cookie) => connect(plan.url, cookie)));
const transcript: Transcript | undefined = plan.transcribe ? { answers: sockets.map(() => ({})), pushes: [] } : undefined;
/** Where what the server pushes now goes in the transcript. */
let pushedTo: Push[] | undefined;

/** Keeps every answer a socket is given (whatever asked: the page's own resumes too), by request name. */
function keepAnswers(socket: TestSocket, answers: Record<string, unknown[]>): void {
  const asking = socket as unknown as { emitWithAck(event: string, payload: unknown): Promise<unknown> };
  const emitWithAck = asking.emitWithAck.bind(socket);
  asking.emitWithAck = async (event, payload) => {
    const answer = await emitWithAck(event, payload);
    (answers[event] ??= []).push(answer);
    return answer;
  };
}
if (transcript)
  for (const [participant, socket] of sockets.entries()) {
    keepAnswers(socket, transcript.answers[participant]!);
    socket.onAny((event: string, payload: unknown) => pushedTo?.push([participant, event, payload]));
  }
const { routerRtpCapabilities: rtpCapabilities } = await request(sockets[0]!, 'media:capabilities', {});

let requests = 0;
/** How many pages receive each microphone, and who waits for a count. */
const receivedBy = new Map<string, number>();
const awaited = new Map<string, { pages: number; done: () => void }>();
function countReceived(producerId: string): void {
  const pages = (receivedBy.get(producerId) ?? 0) + 1;
  receivedBy.set(producerId, pages);
  const waiter = awaited.get(producerId);
  if (waiter && pages >= waiter.pages) waiter.done();
}
const receivedByAll = (producerId: string, pages: number) =>
  new Promise<void>((done) => {
    if ((receivedBy.get(producerId) ?? 0) >= pages) done();
    else awaited.set(producerId, { pages, done });
  });

function receiveLater(socket: TestSocket, recvTransportId: () => string | undefined): void {
  const resume = consumerResumes(socket);
  socket.on('room:producerAdded', ({ producerId, consumer }) => {
    const transportId = recvTransportId();
    if (!transportId) return;
    void (async () => {
      const { consumerId, paused } = consumer ?? (await request(socket, 'media:consume', { transportId, producerId, rtpCapabilities }));
      if (paused) await resume(consumerId);
      countReceived(producerId);
    })().catch((error: unknown) => {
      console.error('a page could not receive a new microphone', error);
      process.exit(1);
    });
  });
}

const recvTransports = new Map<TestSocket, string>();
for (const socket of sockets) {
  receiveLater(socket, () => recvTransports.get(socket));
  socket.onAnyOutgoing(() => (requests += 1));
}
parent.send('ready');
await parent.next();

const joinMs: number[] = [];
const phases: JoinPhases = { enter: 0, produce: 0, resume: 0, heard: 0 };
for (const [index, socket] of sockets.entries()) {
  const pushes: Transcript['pushes'][number] = { entering: [], sending: [] };
  transcript?.pushes.push(pushes);
  pushedTo = pushes.entering;
  const start = performance.now();
  const joined = await request(socket, 'room:join', { sessionId: plan.sessionId, media: { rtpCapabilities, send: true } });
  if (joined.status !== 'joined' || !joined.media?.transports.send) throw new Error(`not entered with media: ${JSON.stringify(joined)}`);
  const { transports, consumers } = joined.media;
  recvTransports.set(socket, transports.recv.id);
  pushedTo = pushes.sending;
  const entered = performance.now();
  const { producerId } = await request(socket, 'media:produce', {
    transportId: transports.send!.id,
    kind: 'audio',
    rtpParameters: microphoneRtpParameters(10_000 + index),
    source: 'microphone',
  });
  const produced = performance.now();
  const paused = consumers.filter((consumer) => consumer.paused);
  if (paused.length) await request(socket, 'media:resumeConsumers', { consumerIds: paused.map(({ consumerId }) => consumerId) });
  const resumed = performance.now();
  await receivedByAll(producerId, index);
  const end = performance.now();
  joinMs.push(end - start);
  phases.enter += entered - start;
  phases.produce += produced - entered;
  phases.resume += resumed - produced;
  phases.heard += end - resumed;
}
pushedTo = undefined;
parent.send({ joinMs, phases, requests, ...(transcript ? { transcript } : {}) });
await parent.next();
await leaveAll(sockets);
parent.done();
