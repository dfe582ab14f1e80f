import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { errorFields, log } from '../logger';

export interface EmbeddedDatabaseOptions {
  /** The binary built by scripts/setup.sh from tools/ferretdb. */
  binPath: string;
  /** Directory that holds the database files and the socket; created owner-only when missing. */
  dataDir: string;
  startTimeoutMs?: number;
}

/** The file the previous embedded server (mongo-java-server with H2) kept its data in. */
const OLD_SERVER_FILE = 'oncoboard.mv.db';
const SOCKET_FILE = 'mongodb.sock';
/** sun_path holds 108 bytes with its terminating NUL. */
const MAX_SOCKET_PATH = 107;

export class EmbeddedDatabaseError extends Error {
  override name = 'EmbeddedDatabaseError';
}

/** Another process (a server, or a backup or restore) runs the embedded database on this data directory. */
export class EmbeddedDatabaseInUseError extends EmbeddedDatabaseError {
  override name = 'EmbeddedDatabaseInUseError';
}

function socketPathOf(dataDir: string): string {
  return path.join(path.resolve(dataDir), SOCKET_FILE);
}

function uriOf(socketPath: string): string {
  return `mongodb://${encodeURIComponent(socketPath)}/`;
}

/** Whether something accepts connections on the socket (a file left by a killed run refuses them). */
function answers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(socketPath);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Waits before restarting a database that died: doubling from the first, up to the last. */
const RESTART_DELAYS_MS = { first: 200, max: 5000 };
/** A run this long resets the delay: a database that dies now and then restarts at once. */
const STABLE_AFTER_MS = 30_000;

/**
 * The MongoDB-compatible server used when no MONGODB_URI is given: FerretDB with its SQLite
 * backend (tools/ferretdb), reached only through a Unix socket in the data directory that only
 * this account may open. It runs as a child process that exits when its stdin closes, so it never
 * outlives this process, even after a crash. If it dies, it is started again on the same data
 * and socket (with a growing pause if it keeps dying), and the driver reconnects by itself.
 */
export class EmbeddedDatabase {
  private child!: ChildProcess;
  private stopping = false;
  private restartDelayMs = RESTART_DELAYS_MS.first;
  private restartTimer?: NodeJS.Timeout;

  private constructor(
    private readonly options: EmbeddedDatabaseOptions & { dataDir: string },
    private readonly socketPath: string,
  ) {}

  get uri(): string {
    return uriOf(this.socketPath);
  }

  /** The URI of the embedded database another process runs on `dataDir`, if one answers there. */
  static async runningOn(dataDir: string): Promise<string | undefined> {
    const socketPath = socketPathOf(dataDir);
    return existsSync(socketPath) && (await answers(socketPath)) ? uriOf(socketPath) : undefined;
  }

  static async start(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
    if (!existsSync(options.binPath)) {
      throw new EmbeddedDatabaseError(`embedded database not found at ${options.binPath}: run "npm run setup" or set MONGODB_URI`);
    }
    const dataDir = path.resolve(options.dataDir);
    if (existsSync(path.join(dataDir, OLD_SERVER_FILE))) {
      throw new EmbeddedDatabaseError(
        `${dataDir} holds ${OLD_SERVER_FILE}, the data of OncoBoard's previous embedded database (mongo-java-server), which the ` +
          `embedded FerretDB cannot read. Nothing was changed. Move that directory aside (for example "mv ${dataDir} ${dataDir}.old") ` +
          'and start again: the demo data is seeded into the new database. To keep the old records, export them with the previous ' +
          'version and import them into a MongoDB named by MONGODB_URI.',
      );
    }
    const socketPath = socketPathOf(dataDir);
    if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH) {
      throw new EmbeddedDatabaseError(`DATA_DIR is too long for the database socket (${socketPath}): choose a shorter path`);
    }
    // A second database would take the socket from the first (whose server could then no longer
    // connect once it stops) and write the same files past the first one's write lock.
    if (await EmbeddedDatabase.runningOn(dataDir)) {
      throw new EmbeddedDatabaseInUseError(
        `the database in ${dataDir} is in use by another process (an OncoBoard server, or a backup or restore): stop it first (for example "systemctl stop oncoboard")`,
      );
    }
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const database = new EmbeddedDatabase({ ...options, dataDir }, socketPath);
    await database.launch();
    return database;
  }

  /** The database process (tests kill it to check what survives). */
  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Closes stdin (the server's signal to finish and exit) and waits; kills it if it hangs. */
  async stop(timeoutMs = 10000): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    if (!this.running) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.stdin!.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
  }

  private async launch(): Promise<void> {
    const child = spawn(this.options.binPath, [this.options.dataDir, this.socketPath], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    // What it says while starting explains a failed start; after that it is only logged.
    let startupErrors: string[] | null = [];
    child.stderr.on('data', (chunk: Buffer) => {
      startupErrors?.push(chunk.toString());
      log.warn('embedded database', { message: chunk.toString().trim() });
    });
    const timeoutMs = this.options.startTimeoutMs ?? 30000;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new EmbeddedDatabaseError(`embedded database did not start within ${timeoutMs} ms`));
      }, timeoutMs);
      const lines = createInterface({ input: child.stdout });
      lines.once('line', (line) => {
        clearTimeout(timer);
        if (line === `listening ${this.socketPath}`) resolve();
        else reject(new EmbeddedDatabaseError(`embedded database said: ${line}`));
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(new EmbeddedDatabaseError(`cannot run the embedded database: ${error.message}`));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new EmbeddedDatabaseError(`embedded database exited with code ${code}: ${(startupErrors ?? []).join('').trim()}`));
      });
    }).finally(() => (startupErrors = null));
    const startedAt = Date.now();
    child.once('exit', (code, signal) => {
      if (this.stopping) return;
      if (Date.now() - startedAt > STABLE_AFTER_MS) this.restartDelayMs = RESTART_DELAYS_MS.first;
      log.error('embedded database exited; starting it again', { code, signal, inMs: this.restartDelayMs });
      this.scheduleRestart();
    });
    log.info('embedded database started', { socketPath: this.socketPath, pid: child.pid });
  }

  private scheduleRestart(): void {
    this.restartTimer = setTimeout(() => {
      this.launch().catch((error: unknown) => {
        log.error('embedded database did not start again; retrying', errorFields(error));
        if (!this.stopping) this.scheduleRestart();
      });
    }, this.restartDelayMs);
    this.restartDelayMs = Math.min(this.restartDelayMs * 2, RESTART_DELAYS_MS.max);
  }
}
