import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../server/config';
import { Database } from '../server/db/database';
import { startTestServer, type TestServer } from '../tests/support/testServer';

/** The app on a database of the bench's own (a fresh data directory, where its embedded database runs), and how to remove both. */
export async function benchServer(options: Parameters<typeof startTestServer>[1] = {}): Promise<{ db: Database; server: TestServer; dataDir: string; close: () => Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'oncoboard-bench-'));
  const db = await Database.open({ ...loadConfig().database, dataDir, dbName: `oncoboard_bench_${Date.now()}` });
  const server = await startTestServer(db, options);
  return {
    db,
    server,
    dataDir,
    close: async () => {
      await server.close();
      await db.connection.dropDatabase();
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Waits (15 s at most) until the room's leave marks have caught up with its joins: a page closed just before the database would lose its mark. */
export async function everyoneLeft(server: TestServer, sessionId: string): Promise<void> {
  const left = async () => {
    const marks = await server.services.presence.history(sessionId);
    return marks.filter((mark) => mark.kind === 'leave').length >= marks.filter((mark) => mark.kind === 'join').length;
  };
  for (let wait = 0; wait < 150 && !(await left()); wait++) await new Promise((resolve) => setTimeout(resolve, 100));
}
