import mongoose, { type Connection } from 'mongoose';
import type { Config } from '../config';
import type { DatabaseState } from '../../shared/health';
import { EmbeddedDatabase } from './embeddedDatabase';
import { countFailuresOf } from './failures';
import { migrate } from './migrations';
import { registerModels, type Models } from './models';
import { log } from '../logger';

export const DEFAULT_DATABASE_NAME = 'oncoboard';

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
  static async open(options: { uri?: string; dataDir: string; embeddedBin?: string; dbName?: string }): Promise<Database> {
    let embedded: EmbeddedDatabase | undefined;
    let uri = options.uri;
    if (!uri) {
      if (!options.embeddedBin) throw new Error('MONGODB_URI is unset and no embedded database is built: run "npm run setup"');
      embedded = await EmbeddedDatabase.start({ binPath: options.embeddedBin, dataDir: options.dataDir });
      uri = embedded.uri;
    }
    try {
      const connection = await mongoose
        // A write is acknowledged once journaled by a majority: durable, never only in memory.
        .createConnection(uri, {
          dbName: options.dbName ?? DEFAULT_DATABASE_NAME,
          serverSelectionTimeoutMS: 10000,
          writeConcern: { w: 'majority', journal: true },
          // The embedded database is started again within a second or two when it dies: look for it as often.
          ...(embedded ? { heartbeatFrequencyMS: 500 } : {}),
        })
        .asPromise();
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
