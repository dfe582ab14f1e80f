import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { Database } from '../../server/db/database';

/** A fresh database on the suite's server (embedded, or MONGODB_URI): one per test file. */
export async function openTestDatabase(): Promise<Database> {
  const uri = inject('mongoUri');
  return Database.open({ uri, dataDir: '', dbName: `oncoboard_test_${randomBytes(6).toString('hex')}` });
}

/** Drops the file's database and closes the connection. */
export async function dropTestDatabase(db: Database): Promise<void> {
  await db.connection.dropDatabase();
  await db.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
  }
}
