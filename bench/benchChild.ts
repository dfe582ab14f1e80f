import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/**
 * Milliseconds on the machine's monotonic clock (CLOCK_MONOTONIC, what process.hrtime reads), the
 * same in every process: a time taken in the bench and one taken in its child compare directly.
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** A stream of messages, read one at a time in order. */
class Inbox<T> {
  private readonly queued: T[] = [];
  private readonly waiting: ((message: T) => void)[] = [];

  push(message: T): void {
    const reader = this.waiting.shift();
    if (reader) reader(message);
    else this.queued.push(message);
  }

  next(): Promise<T> {
    const message = this.queued.shift();
    if (message !== undefined) return Promise.resolve(message);
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}

/**
 * Starts `module` (a bench's client side) in a Node process of its own, with the same TypeScript
 * loader: what it does then costs the server's process nothing, so that process's CPU time is the
 * server's alone. `In` is what the bench tells it, `Out` what it answers.
 */
export function startBenchChild<In, Out>(module: URL): { send: (message: In) => void; next: () => Promise<Out>; exited: Promise<void> } {
  const child: ChildProcess = fork(module, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const inbox = new Inbox<Out>();
  child.on('message', (message) => inbox.push(message as Out));
  // A child that fails fails the bench, rather than leaving it waiting for an answer.
  const exited = once(child, 'exit').then(([code, signal]) => {
    if (code !== 0) throw new Error(`bench child ${module.pathname} exited with ${String(code ?? signal)}`);
  });
  const failed = exited.then(() => new Promise<never>(() => {}));
  return { send: (message) => child.send(message as object), next: () => Promise.race([inbox.next(), failed]), exited };
}

/** The child's side of startBenchChild: what the bench tells it, and a way to answer. */
export function benchParent<In, Out>(): { send: (message: Out) => void; next: () => Promise<In>; done: () => void } {
  if (!process.send) throw new Error('run by startBenchChild, not on its own');
  const inbox = new Inbox<In>();
  process.on('message', (message) => inbox.push(message as In));
  return {
    send: (message) => process.send!(message),
    next: () => inbox.next(),
    // The IPC channel keeps the child alive: closing it lets it exit once its sockets are closed.
    done: () => process.disconnect(),
  };
}
