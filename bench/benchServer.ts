import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../server/config';
import { Database } from '../server/db/database';
import { startTestServer, type TestServer } from '../tests/support/testServer';

/** The app on a database of the bench's own (a fresh data directory), and how to remove both. */
export async function benchServer(options: Parameters<typeof startTestServer>[1] = {}): Promise<{ db: Database; server: TestServer; close: () => Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'oncoboard-bench-'));
  const db = await Database.open({ ...loadConfig().database, dataDir, dbName: `oncoboard_bench_${Date.now()}` });
  const server = await startTestServer(db, options);
  return {
    db,
    server,
    close: async () => {
      await server.close();
      await db.connection.dropDatabase();
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The value below which the share `q` of the sorted values lie. */
export function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
