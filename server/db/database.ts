import mongoose, { type Connection } from 'mongoose';
import type { Config } from '../config';
import type { DatabaseState } from '../../shared/health';
import { EmbeddedMongo } from './embeddedMongo';
import { registerModels, type Models } from './models';
import { log } from '../logger';

export const DEFAULT_DATABASE_NAME = 'oncoboard';

/** The app's database: a mongoose connection, plus the embedded server when it started one. */
export class Database {
  private constructor(
    readonly connection: Connection,
    readonly models: Models,
    private readonly embedded?: EmbeddedMongo,
  ) {}

  /** Connects to `uri`, or starts the embedded server when there is none. */
  static async open(options: { uri?: string; dataDir: string; embeddedJar?: string; dbName?: string }): Promise<Database> {
    let embedded: EmbeddedMongo | undefined;
    let uri = options.uri;
    if (!uri) {
      if (!options.embeddedJar) throw new Error('MONGODB_URI is unset and no embedded database is built: run "npm run setup"');
      embedded = await EmbeddedMongo.start({ jarPath: options.embeddedJar, dataDir: options.dataDir });
      uri = embedded.uri;
    }
    try {
      const connection = await mongoose
        .createConnection(uri, { dbName: options.dbName ?? DEFAULT_DATABASE_NAME, serverSelectionTimeoutMS: 10000 })
        .asPromise();
      const models = registerModels(connection);
      // Collections and indexes are created before first use: creating them implicitly from
      // concurrent first writes races on some MongoDB-compatible servers.
      await Promise.all(Object.values(models).map((model) => model.init()));
      log.info('database connected', { embedded: Boolean(embedded), dbName: connection.name });
      return new Database(connection, models, embedded);
    } catch (error) {
      await embedded?.stop();
      throw error;
    }
  }

  static fromConfig(config: Config): Promise<Database> {
    return Database.open(config.database);
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
