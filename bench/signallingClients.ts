/**
 * The participants of bench/signalling.ts, in a process of their own: each signed-in socket enters
 * the room with media, one after another, sends a microphone and resumes what it receives.
 */
import { performance } from 'node:perf_hooks';
import { microphoneRtpParameters } from '../tests/support/rtp';
import { connect, leaveAll, request } from '../tests/support/socketClient';
import { benchParent } from './benchChild';

export interface JoinPlan {
  url: string;
  sessionId: string;
  /** One signed-in account's cookie per participant, in joining order. */
  cookies: string[];
}
export type ToClients = JoinPlan | 'go';
/** Where the joins' time went, summed over them (ms): entering with transports and consumers, sending the microphone, resuming. */
export interface JoinPhases {
  enter: number;
  produce: number;
  resume: number;
}
export type FromClients = 'ready' | { joinMs: number[]; phases: JoinPhases; requests: number };

const parent = benchParent<ToClients, FromClients>();
const plan = (await parent.next()) as JoinPlan;
// A page's socket is open before it enters (it carries the notices too): connecting is not timed.
const sockets = await Promise.all(plan.cookies.map((cookie) => connect(plan.url, cookie)));
const { routerRtpCapabilities: rtpCapabilities } = await request(sockets[0]!, 'media:capabilities', {});
parent.send('ready');
await parent.next();

const joinMs: number[] = [];
const phases: JoinPhases = { enter: 0, produce: 0, resume: 0 };
let requests = 0;
for (const [index, socket] of sockets.entries()) {
  const start = performance.now();
  const joined = await request(socket, 'room:join', { sessionId: plan.sessionId, media: { rtpCapabilities, send: true } });
  if (joined.status !== 'joined' || !joined.media?.transports.send) throw new Error(`not entered with media: ${JSON.stringify(joined)}`);
  const { transports, consumers } = joined.media;
  const entered = performance.now();
  await request(socket, 'media:produce', { transportId: transports.send!.id, kind: 'audio', rtpParameters: microphoneRtpParameters(10_000 + index), source: 'microphone' });
  const produced = performance.now();
  if (consumers.length) await request(socket, 'media:resumeConsumers', { consumerIds: consumers.map(({ consumerId }) => consumerId) });
  const end = performance.now();
  joinMs.push(end - start);
  phases.enter += entered - start;
  phases.produce += produced - entered;
  phases.resume += end - produced;
  requests += consumers.length ? 3 : 2;
}
parent.send({ joinMs, phases, requests });
await leaveAll(sockets);
parent.done();
