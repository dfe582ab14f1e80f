import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { log } from '../logger';

export interface EmbeddedMongoOptions {
  /** The jar built by scripts/setup.sh from tools/embedded-mongo. */
  jarPath: string;
  /** Directory that holds the database file; created when missing. */
  dataDir: string;
  /** 0 picks a free loopback port. */
  port?: number;
  startTimeoutMs?: number;
}

/**
 * The MongoDB-wire-protocol server used when no MONGODB_URI is given (mongo-java-server with
 * its H2 file backend). It runs as a child process that exits when its stdin closes, so it
 * never outlives this process, even after a crash.
 */
export class EmbeddedMongo {
  private constructor(
    private readonly child: ChildProcess,
    readonly uri: string,
  ) {}

  static async start(options: EmbeddedMongoOptions): Promise<EmbeddedMongo> {
    if (!existsSync(options.jarPath)) {
      throw new Error(`embedded database jar not found at ${options.jarPath}: run "npm run setup" or set MONGODB_URI`);
    }
    const dataFile = path.join(path.resolve(options.dataDir), 'oncoboard.mv.db');
    const child = spawn('java', ['-Xmx512m', '-XX:+UseSerialGC', '-jar', options.jarPath, dataFile, String(options.port ?? 0)], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stderr: string[] = [];
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));

    const address = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`embedded database did not start within ${options.startTimeoutMs ?? 30000} ms`));
      }, options.startTimeoutMs ?? 30000);
      const lines = createInterface({ input: child.stdout! });
      lines.once('line', (line) => {
        clearTimeout(timer);
        const match = /^listening (\S+)$/.exec(line);
        if (match) resolve(match[1]!);
        else reject(new Error(`embedded database said: ${line}`));
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`cannot run java for the embedded database: ${error.message}`));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`embedded database exited with code ${code}: ${stderr.join('').trim()}`));
      });
    });
    log.info('embedded database started', { address, dataFile });
    return new EmbeddedMongo(child, `mongodb://${address}/`);
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Closes stdin (the server's signal to flush and exit) and waits; kills it if it hangs. */
  async stop(timeoutMs = 10000): Promise<void> {
    if (!this.running) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.stdin!.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
  }
}
