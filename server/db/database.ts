import mongoose, { type Connection } from 'mongoose';
import type { Config } from '../config';
import type { DatabaseState } from '../../shared/health';
import { EmbeddedDatabase } from './embeddedDatabase';
import { countFailuresOf } from './failures';
import { migrate } from './migrations';
import { registerModels, type Models } from './models';
import { log } from '../logger';

export const DEFAULT_DATABASE_NAME = 'oncoboard';

export interface DatabaseLocation {
  /** Unset: the embedded database on `dataDir`. */
  uri?: string;
  dataDir: string;
  embeddedBin?: string;
}

/** Where the database answers: `uri`, or the embedded server, when this process started it. */
export interface ReachedServer {
  uri: string;
  embedded?: EmbeddedDatabase;
}

/**
 * Reaches the database server: `uri`, or the embedded one, started on `dataDir`. With
 * `shareRunning`, an embedded database another process already runs there is used as it is.
 */
export async function reachDatabaseServer(location: DatabaseLocation, options: { shareRunning?: boolean } = {}): Promise<ReachedServer> {
  if (location.uri) return { uri: location.uri };
  const running = options.shareRunning ? await EmbeddedDatabase.runningOn(location.dataDir) : undefined;
  if (running) return { uri: running };
  if (!location.embeddedBin) throw new Error('MONGODB_URI is unset and no embedded database is built: run "npm run setup"');
  const embedded = await EmbeddedDatabase.start({ binPath: location.embeddedBin, dataDir: location.dataDir });
  return { uri: embedded.uri, embedded };
}

/**
 * A connection to the database `dbName` (or the one the URI names, or `oncoboard`) as the app
 * makes it, without its models or migrations.
 */
export function connectTo(uri: string, dbName?: string, options: { embedded?: boolean } = {}): Promise<Connection> {
  return (
    mongoose
      // A write is acknowledged once journaled by a majority: durable, never only in memory.
      .createConnection(uri, {
        dbName: dbName ?? databaseNamedIn(uri) ?? DEFAULT_DATABASE_NAME,
        serverSelectionTimeoutMS: 10000,
        writeConcern: { w: 'majority', journal: true },
        // The embedded database is started again within a second or two when it dies: look for it as often.
        ...(options.embedded ? { heartbeatFrequencyMS: 500 } : {}),
      })
      .asPromise()
  );
}

/** The app's database: a mongoose connection, plus the embedded server when it started one. */
export class Database {
  private constructor(
    readonly connection: Connection,
    readonly models: Models,
    /** Operations of the models the database failed since the connection opened (see failures.ts). */
    readonly failures: { readonly count: number },
    private readonly embedded?: EmbeddedDatabase,
  ) {}

  /** Connects to `uri`, or starts the embedded server when there is none. */
  static async open(options: DatabaseLocation & { dbName?: string }): Promise<Database> {
    const { uri, embedded } = await reachDatabaseServer(options);
    try {
      const connection = await connectTo(uri, options.dbName, { embedded: Boolean(embedded) });
      const failures = countFailuresOf(connection);
      const models = registerModels(connection);
      // Unique indexes must exist before the first write they guard.
      await Promise.all(Object.values(models).map((model) => model.init()));
      await migrate(connection);
      log.info('database connected', { embedded: Boolean(embedded), dbName: connection.name });
      return new Database(connection, models, failures, embedded);
    } catch (error) {
      await embedded?.stop();
      throw error;
    }
  }

  static fromConfig(config: Config): Promise<Database> {
    return Database.open(config.database);
  }

  /** The embedded database's process id, when this app started one. */
  get embeddedPid(): number | undefined {
    return this.embedded?.pid;
  }

  get isEmbedded(): boolean {
    return this.embedded !== undefined;
  }

  get state(): DatabaseState {
    switch (this.connection.readyState) {
      case mongoose.ConnectionStates.connected:
        return 'connected';
      case mongoose.ConnectionStates.connecting:
        return 'connecting';
      default:
        return 'disconnected';
    }
  }

  async close(): Promise<void> {
    await this.connection.close();
    await this.embedded?.stop();
  }
}

/** The database a MongoDB URI names after its hosts (`mongodb://host/name?…`), as MongoDB's drivers read it. */
export function databaseNamedIn(uri: string): string | undefined {
  const name = /^mongodb(?:\+srv)?:\/\/[^/?]*\/([^?]+)/.exec(uri)?.[1];
  return name ? decodeURIComponent(name) : undefined;
}
