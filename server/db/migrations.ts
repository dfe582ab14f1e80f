import type { Connection, mongo } from 'mongoose';
import { log } from '../logger';

/**
 * Changes of the stored layout, applied in order at start to data written by earlier versions.
 * The database keeps the number of the last one applied, so each runs once; each is also safe to
 * run again after a crash half-way.
 */
interface Migration {
  version: number;
  description: string;
  run(db: mongo.Db): Promise<void>;
}

const migrations: Migration[] = [
  {
    version: 1,
    description: 'room presence lines and attendance corrections gathered into one attendance record per session',
    run: gatherAttendanceRecords,
  },
];

export const SCHEMA_VERSION = migrations.at(-1)!.version;
const STATE = 'schema';

/** Applies the migrations the database has not had yet; returns the versions applied. */
export async function migrate(connection: Connection): Promise<number[]> {
  const db = connection.db!;
  const state = db.collection<{ _id: string; version: number }>('migrations');
  const current = (await state.findOne({ _id: STATE }))?.version ?? 0;
  if (current > SCHEMA_VERSION) {
    throw new Error(`the database was written by a newer OncoBoard (layout ${current}; this one knows up to ${SCHEMA_VERSION}): upgrade OncoBoard`);
  }
  const applied: number[] = [];
  for (const migration of migrations.filter((candidate) => candidate.version > current)) {
    const started = Date.now();
    log.info('migrating the database', { version: migration.version, description: migration.description });
    await migration.run(db);
    await state.updateOne({ _id: STATE }, { $set: { version: migration.version } }, { upsert: true });
    log.info('database migrated', { version: migration.version, ms: Date.now() - started });
    applied.push(migration.version);
  }
  return applied;
}

async function gatherAttendanceRecords(db: mongo.Db): Promise<void> {
  const oldLines = db.collection('presenceevents');
  const oldCorrections = db.collection('attendancecorrections');
  const lines = await oldLines.find().sort({ at: 1 }).toArray();
  const corrections = await oldCorrections.find().sort({ at: 1 }).toArray();
  const records = new Map<string, { _id: unknown; marks: mongo.Document[]; corrections: mongo.Document[] }>();
  const recordOf = (sessionId: unknown) => {
    const key = String(sessionId);
    let record = records.get(key);
    if (!record) records.set(key, (record = { _id: sessionId, marks: [], corrections: [] }));
    return record;
  };
  for (const { _id, sessionId, ...mark } of lines) recordOf(sessionId).marks.push(mark);
  for (const { _id, sessionId, ...correction } of corrections) recordOf(sessionId).corrections.push(correction);
  // Whole records replace what an interrupted run may have written: nothing is counted twice.
  for (const { _id, ...record } of records.values()) await db.collection('attendances').replaceOne({ _id: _id as never }, record, { upsert: true });
  await db.collection('sessions').updateMany({ attendanceRevision: { $exists: false } }, { $set: { attendanceRevision: 0 } });
  log.info('attendance records gathered', { sessions: records.size, presenceLines: lines.length, corrections: corrections.length });
  for (const old of [oldLines, oldCorrections]) await old.drop().catch(ignoreMissing);
}

function ignoreMissing(error: unknown): void {
  if (!(error instanceof Error && /ns not found|not found/i.test(error.message))) throw error;
}
