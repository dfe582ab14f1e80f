import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect, createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A server program the tests run as a child process (coturn, nginx), with what it printed. */
export interface ChildServer {
  /** Everything it printed so far. */
  log(): string;
  /** Stops it: SIGTERM, then SIGKILL after 3 s. */
  close(): Promise<void>;
  /** Kills it and every process it started at once (SIGKILL), as a lost machine would, and resolves once it is gone. */
  kill(): Promise<void>;
}

/**
 * Starts `command` and resolves once `host`:`port` accepts TCP connections; fails, with what it
 * printed, if it exits first or is not listening in time (10 s unless told; then it leaves nothing running).
 */
export async function startChildServer(
  name: string,
  command: string,
  args: string[],
  listen: { host: string; port: number; timeoutMs?: number },
  env: NodeJS.ProcessEnv = process.env,
): Promise<ChildServer> {
  // Its own process group, so that what it starts (media workers) can be killed with it.
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env, detached: true });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = once(child, 'exit').catch(() => undefined);
  const server: ChildServer = {
    log: () => output,
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(3000).then(() => child.kill('SIGKILL'))]);
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      process.kill(-child.pid!, 'SIGKILL');
      await exited;
    },
  };
  const deadline = Date.now() + (listen.timeoutMs ?? 10_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
      throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}):\n${output}`);
    }
    if (await accepts(listen.host, listen.port)) return server;
    if (Date.now() > deadline) {
      await server.close();
      throw new Error(`${name} is not listening on ${listen.host}:${listen.port}:\n${output}`);
    }
    await sleep(100);
  }
}

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host)
      .on('connect', () => {
        socket.destroy();
        resolve(true);
      })
      .on('error', () => resolve(false));
  });
}

/** A TCP port of loopback free right now, for a server about to be started. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
