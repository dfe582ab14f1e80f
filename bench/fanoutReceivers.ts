/**
 * The receivers of bench/fanout.ts, in a process of their own: sockets that enter the room (without
 * media) and note when each chat line reaches each of them, on the clock the senders used.
 */
import { connect, leaveAll, request } from '../tests/support/socketClient';
import { benchParent, monotonicMs } from './benchChild';

export interface ReceiverPlan {
  url: string;
  sessionId: string;
  /** One per receiver: a signed-in account's cookie, or none where the server asks for no sign-in (the bare one). */
  cookies: (string | undefined)[];
}
/** After the plan, how many lines were sent: the receivers report once all reached everyone, or after a wait. */
export type ToReceivers = ReceiverPlan | { sent: number };
export type FromReceivers = 'ready' | { latenciesMs: number[] };

/** How long the last lines may still be on their way once the bench has sent them all. */
const STRAGGLER_WAIT_MS = 5_000;

const parent = benchParent<ToReceivers, FromReceivers>();
const plan = (await parent.next()) as ReceiverPlan;
const latenciesMs: number[] = [];
let expected = Number.POSITIVE_INFINITY;
let heardEveryone = () => {};
const sockets = await Promise.all(plan.cookies.map((cookie) => connect(plan.url, cookie)));
for (const socket of sockets) {
  const joined = await request(socket, 'room:join', { sessionId: plan.sessionId });
  if (joined.status !== 'joined') throw new Error(`not entered: ${JSON.stringify(joined)}`);
  // A line's text is its send time on the shared clock (monotonicMs).
  socket.on('chat:message', ({ text }) => {
    latenciesMs.push(monotonicMs() - Number(text));
    if (latenciesMs.length === expected) heardEveryone();
  });
}
parent.send('ready');

const { sent } = (await parent.next()) as { sent: number };
expected = sent * sockets.length;
if (latenciesMs.length < expected) {
  await new Promise<void>((resolve) => {
    const gaveUp = setTimeout(resolve, STRAGGLER_WAIT_MS);
    heardEveryone = () => {
      clearTimeout(gaveUp);
      resolve();
    };
  });
}
parent.send({ latenciesMs });
await leaveAll(sockets);
parent.done();
