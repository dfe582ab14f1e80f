import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

/** What one direction of the link does to packets (tools/linkemu/conditions.go). */
export interface LinkShape {
  /** 0: no limit. */
  rateKbps: number;
  /** One way, on top of the time spent queued and sent. */
  delayMs: number;
  /** Fraction of packets lost at random, 0 to 1. */
  loss: number;
  /** A packet that would wait longer than this to be sent is dropped; 500 until set. */
  queueMs: number;
}

/**
 * Up: from the constrained participant to the server. A change keeps what it leaves out;
 * a new link is open: no rate limit, delay or loss.
 */
export interface LinkConditions {
  up?: Partial<LinkShape>;
  down?: Partial<LinkShape>;
  /** Drops everything, including what is already on its way. */
  cut?: boolean;
}

export interface DirectionStats {
  forwarded: number;
  lost: number;
  queueDrops: number;
  cutDrops: number;
  /** Refused by the receiving device (e.g. down). */
  failed: number;
  /** Time the packets put on the wire waited in its queue, summed: over the packets, how long the link's queue stands. */
  queuedMs: number;
}

export interface LinkStats {
  up: DirectionStats;
  down: DirectionStats;
}

type Child = ChildProcessByStdio<Writable, Readable, Readable>;

/** The linkemu process (tools/linkemu): its two TUN devices exist while it runs; it answers each request line with one line, in order. */
export class LinkEmulator {
  private readonly waiting: Array<{ resolve(line: string): void; reject(error: Error): void }> = [];
  private ended: Error | undefined;

  private constructor(private readonly child: Child) {
    createInterface({ input: child.stdout }).on('line', (line) => this.waiting.shift()?.resolve(line));
    const end = (error: Error) => {
      this.ended ??= error;
      for (const waiter of this.waiting.splice(0)) waiter.reject(this.ended);
    };
    child.on('error', end);
    child.on('exit', (code, signal) => end(new Error(`linkemu exited (${signal ?? code})`)));
  }

  /** Starts linkemu with devices a (the constrained side) and b, and waits until both exist. */
  static async start(bin: string, devices: { a: string; b: string }, conditions: LinkConditions): Promise<LinkEmulator> {
    // Its stdin is the leash: linkemu exits when it closes, so it never outlives this process. Its
    // stderr is piped on, never inherited: a child holding the test worker's own output open would
    // keep vitest waiting for that output to end.
    const child = spawn(bin, ['-a', devices.a, '-b', devices.b, '-conditions', JSON.stringify(conditions)], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr.pipe(process.stderr);
    const emulator = new LinkEmulator(child);
    const first = await emulator.nextLine();
    if (first !== 'ready') throw new Error(`linkemu: expected "ready", got ${first}`);
    return emulator;
  }

  /** Changes the conditions; resolves once they are in force. */
  async set(conditions: LinkConditions): Promise<void> {
    await this.request(conditions);
  }

  async stats(): Promise<LinkStats> {
    return ((await this.request({ stats: true })) as { stats: LinkStats }).stats;
  }

  /** Closes linkemu's stdin and waits for it to exit; its devices go with it. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.stdin.end();
    await exited;
  }

  private async request(message: object): Promise<unknown> {
    const answer = this.nextLine();
    this.child.stdin.write(`${JSON.stringify(message)}\n`);
    const parsed = JSON.parse(await answer) as { error?: string };
    if (parsed.error) throw new Error(`linkemu: ${parsed.error}`);
    return parsed;
  }

  private nextLine(): Promise<string> {
    if (this.ended) return Promise.reject(this.ended);
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }
}
