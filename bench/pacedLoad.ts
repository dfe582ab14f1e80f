/**
 * bench/rest.ts's fixed rate, in a process of its own: one request every 1000/rate ms whatever
 * the answers do (an open loop, as independent people's pages are), each timed from when it was
 * due, so a server that falls behind shows it in the latencies rather than slowing the load.
 *
 * Why not autocannon's `-R`: each of its connections sends its share of a second back to back at
 * the top of the second and then waits for the next, so "200 a second" arrives as a burst of 200
 * at full speed; and it corrects for coordinated omission with an expected interval of 1 ms (the
 * per-connection rate read as milliseconds), adding a made-up sample for each millisecond of every
 * answer. Its full-speed figures (closed loop) are kept.
 */
import { Agent, request } from 'node:http';
import { benchParent, monotonicMs } from './benchChild';

export interface PacedPlan {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  rate: number;
  seconds: number;
}
export interface PacedResult {
  sent: number;
  /** Milliseconds from when each answered request was due to its last byte. */
  latenciesMs: number[];
  errors: number;
  non2xx: number;
  seconds: number;
}

/** Enough sockets that a slow answer never holds back the next request's start. */
const MAX_SOCKETS = 64;

function send(plan: PacedPlan, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(plan.url, { method: plan.method, headers: plan.headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(plan.body);
  });
}

const parent = benchParent<PacedPlan, PacedResult>();
const plan = await parent.next();
const agent = new Agent({ keepAlive: true, maxSockets: MAX_SOCKETS });
const result: PacedResult = { sent: 0, latenciesMs: [], errors: 0, non2xx: 0, seconds: plan.seconds };
const intervalMs = 1000 / plan.rate;
const total = Math.round(plan.rate * plan.seconds);
const start = monotonicMs();
const answers: Promise<void>[] = [];
// Each tick sends every request already due: a late timer sends late ones at once, timed from when they were due.
await new Promise<void>((resolve) => {
  const tick = setInterval(() => {
    const due = Math.min(total, Math.floor((monotonicMs() - start) / intervalMs) + 1);
    for (; result.sent < due; result.sent++) {
      const dueAt = start + result.sent * intervalMs;
      answers.push(
        send(plan, agent).then(
          (status) => {
            result.latenciesMs.push(monotonicMs() - dueAt);
            if (status < 200 || status > 299) result.non2xx += 1;
          },
          () => void (result.errors += 1),
        ),
      );
    }
    if (result.sent === total) {
      clearInterval(tick);
      resolve();
    }
  }, 1);
});
await Promise.all(answers);
agent.destroy();
parent.send(result);
parent.done();
