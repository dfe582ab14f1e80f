import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../server/config';
import { Database } from '../server/db/database';
import { startTestServer, type TestServer } from '../tests/support/testServer';

/** The app on a database of the bench's own (a fresh data directory), and how to remove both. */
export async function benchServer(): Promise<{ db: Database; server: TestServer; close: () => Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'oncoboard-bench-'));
  const db = await Database.open({ ...loadConfig().database, dataDir, dbName: `oncoboard_bench_${Date.now()}` });
  const server = await startTestServer(db);
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

/**
 * Resolves once everyone who entered the session's room has left and the ledger holds it. The room
 * acknowledges a leave before writing it down: closing the database sooner would lose the write.
 */
export async function roomLeftBehind(db: Database, sessionId: string): Promise<void> {
  for (;;) {
    const [record, session] = await Promise.all([db.models.attendances.findById(sessionId).lean(), db.models.sessions.findById(sessionId, { attendanceRevision: 1 }).lean()]);
    const marks = record?.marks ?? [];
    const joins = marks.filter((mark) => mark.kind === 'join').length;
    // Each mark written raises the session's attendance revision once, just after.
    if (joins * 2 === marks.length && session?.attendanceRevision === marks.length) return;
    await sleep(50);
  }
}
