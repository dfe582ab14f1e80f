import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/**
 * Milliseconds on the machine's monotonic clock (CLOCK_MONOTONIC, what process.hrtime reads), the
 * same in every process: a time taken in the bench and one taken in its child compare directly.
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** A stream of messages, read one at a time in order, until its sender is gone. */
class Inbox<T> {
  private readonly queued: T[] = [];
  private readonly waiting: { resolve: (message: T) => void; reject: (error: Error) => void }[] = [];
  private ended?: Error;

  push(message: T): void {
    const reader = this.waiting.shift();
    if (reader) reader.resolve(message);
    else this.queued.push(message);
  }

  /** No more messages: whoever waits for one, or asks later, is told why. */
  end(why: Error): void {
    this.ended = why;
    for (const reader of this.waiting.splice(0)) reader.reject(why);
  }

  next(): Promise<T> {
    if (this.queued.length) return Promise.resolve(this.queued.shift()!);
    if (this.ended) return Promise.reject(this.ended);
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }
}

/**
 * Starts `module` (a bench's client side) in a Node process of its own, with the same TypeScript
 * loader: what it does then costs the server's process nothing, so that process's CPU time is the
 * server's alone. `In` is what the bench tells it, `Out` what it answers.
 */
export function startBenchChild<In, Out>(module: URL): { send: (message: In) => void; next: () => Promise<Out>; exited: Promise<void> } {
  // Advanced serialization: messages may carry Buffers (a recorded camera's packets).
  const child: ChildProcess = fork(module, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
  const inbox = new Inbox<Out>();
  child.on('message', (message) => inbox.push(message as Out));
  // A child that stops fails the bench if it still waits for an answer, rather than leaving it waiting forever.
  // 'close', not 'exit': a child may exit before its last message has been read off the IPC channel.
  const exited = once(child, 'close').then(([code, signal]) => {
    inbox.end(new Error(`bench child ${module.pathname} ended (${String(code ?? signal)}) before answering`));
    if (code !== 0) throw new Error(`bench child ${module.pathname} exited with ${String(code ?? signal)}`);
  });
  return { send: (message) => child.send(message as object), next: () => inbox.next(), exited };
}

/** The child's side of startBenchChild: what the bench tells it, and a way to answer. */
export function benchParent<In, Out>(): { send: (message: Out) => void; next: () => Promise<In>; done: () => void } {
  if (!process.send) throw new Error('run by startBenchChild, not on its own');
  const inbox = new Inbox<In>();
  const sending = new Set<Promise<void>>();
  process.on('message', (message) => inbox.push(message as In));
  // The bench gone, a child still waiting for its word ends with an error instead of lingering.
  process.on('disconnect', () => inbox.end(new Error('the bench is gone')));
  return {
    send: (message) => {
      const sent = new Promise<void>((resolve) => process.send!(message, undefined, undefined, () => resolve()));
      sending.add(sent);
      void sent.then(() => sending.delete(sent));
    },
    next: () => inbox.next(),
    // The IPC channel keeps the child alive: closing it (once every answer is written) lets it exit once its sockets are closed.
    done: () => void Promise.all(sending).then(() => process.disconnect()),
  };
}
