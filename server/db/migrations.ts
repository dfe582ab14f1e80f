import type { Connection, mongo, Types } from 'mongoose';
import { log } from '../logger';
import { chunkId } from './fileStore';

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
  {
    version: 2,
    description: 'chat lines gathered into one chat record per session',
    run: async (db) => gatherBySession(db, 'chatmessages', 'chats', 'lines', { keepIds: true }),
  },
  {
    version: 3,
    description: 'sign-ins keyed by the hash of their token; expired ones removed',
    run: keySignInsByToken,
  },
  {
    version: 4,
    description: 'votes and recommendations keyed by their case, minutes by their session',
    run: async (db) => {
      await keyByOwner(db, 'votes', 'caseId');
      await keyByOwner(db, 'recommendations', 'caseId');
      await keyByOwner(db, 'minutes', 'sessionId');
    },
  },
  {
    version: 5,
    description: 'opinions gathered into one document per case, one entry per author',
    run: gatherOpinionsByCase,
  },
  {
    version: 6,
    description: 'case file chunks keyed by their file and number',
    run: keyFileChunks,
  },
];

export const SCHEMA_VERSION = migrations.at(-1)!.version;
const STATE = 'schema';

/** The layout the data is in: the last migration applied to it (0: none, or no data yet). */
export async function storedSchemaVersion(db: mongo.Db): Promise<number> {
  return (await schemaState(db).findOne({ _id: STATE }))?.version ?? 0;
}

function schemaState(db: mongo.Db) {
  return db.collection<{ _id: string; version: number }>('migrations');
}

/** Applies the migrations the database has not had yet; returns the versions applied. */
export async function migrate(connection: Connection): Promise<number[]> {
  const db = connection.db!;
  const current = await storedSchemaVersion(db);
  if (current > SCHEMA_VERSION) {
    throw new Error(`the database was written by a newer OncoBoard (layout ${current}; this one knows up to ${SCHEMA_VERSION}): upgrade OncoBoard`);
  }
  const applied: number[] = [];
  for (const migration of migrations.filter((candidate) => candidate.version > current)) {
    const started = Date.now();
    log.info('migrating the database', { version: migration.version, description: migration.description });
    await migration.run(db);
    await schemaState(db).updateOne({ _id: STATE }, { $set: { version: migration.version } }, { upsert: true });
    log.info('database migrated', { version: migration.version, ms: Date.now() - started });
    applied.push(migration.version);
  }
  return applied;
}

async function gatherAttendanceRecords(db: mongo.Db): Promise<void> {
  await gatherBySession(db, 'presenceevents', 'attendances', 'marks');
  await gatherBySession(db, 'attendancecorrections', 'attendances', 'corrections');
  await db.collection('sessions').updateMany({ attendanceRevision: { $exists: false } }, { $set: { attendanceRevision: 0 } });
}

/**
 * Moves the documents of `source` (one per line, each with a sessionId) into `field` of one
 * `target` document per session, oldest first, then drops `source`. The whole field is set, so a
 * run interrupted half-way and run again counts nothing twice.
 */
async function gatherBySession(db: mongo.Db, source: string, target: string, field: string, options: { keepIds?: boolean } = {}): Promise<void> {
  const lines = await db.collection(source).find().sort({ at: 1 }).toArray();
  const bySession = new Map<string, { sessionId: unknown; lines: mongo.Document[] }>();
  for (const { _id, sessionId, ...line } of lines) {
    const key = String(sessionId);
    if (!bySession.has(key)) bySession.set(key, { sessionId, lines: [] });
    bySession.get(key)!.lines.push(options.keepIds ? { _id, ...line } : line);
  }
  for (const { sessionId, lines: ofSession } of bySession.values()) {
    await db.collection(target).updateOne({ _id: sessionId as never }, { $set: { [field]: ofSession } }, { upsert: true });
  }
  log.info('lines gathered by session', { source, target, lines: lines.length, sessions: bySession.size });
  await db.collection(source).drop().catch(ignoreMissing);
}

/** A document of the earlier layout, read without assuming its fields' types. */
type Stored = Record<string, unknown>;

async function keySignInsByToken(db: mongo.Db): Promise<void> {
  const signIns = db.collection<Stored>('authsessions');
  await signIns.dropIndex('tokenHash_1').catch(ignoreMissing);
  const now = new Date();
  for (const { _id, tokenHash, ...signIn } of await signIns.find({ tokenHash: { $exists: true } }).toArray()) {
    if (signIn.expiresAt instanceof Date && signIn.expiresAt > now) await signIns.insertOne({ ...signIn, _id: tokenHash as never });
    await signIns.deleteOne({ _id });
  }
}

/**
 * Gives each document of a collection that holds one per case (or session) that owner's id as
 * its `_id`. The copy is written before the original goes, so a crash in between loses nothing
 * and a second run finishes the move.
 */
async function keyByOwner(db: mongo.Db, collection: string, owner: string): Promise<void> {
  const docs = db.collection<Stored>(collection);
  // The owner's unique index would refuse the copy while the original stands; `_id` is unique now.
  await docs.dropIndex(`${owner}_1`).catch(ignoreMissing);
  let moved = 0;
  for (const { _id, ...doc } of await docs.find().toArray()) {
    if (String(_id) === String(doc[owner])) continue;
    await docs.replaceOne({ _id: doc[owner] as never }, doc, { upsert: true });
    await docs.deleteOne({ _id });
    moved += 1;
  }
  log.info('documents keyed by their owner', { collection, owner, moved });
}

async function gatherOpinionsByCase(db: mongo.Db): Promise<void> {
  const old = db.collection<Stored>('opinions');
  const byCase = new Map<string, { caseId: unknown; sessionId: unknown; byAuthor: Record<string, Stored> }>();
  for (const { caseId, sessionId, authorId, authorName, centerId, specialty, category, stance, text, published, updatedAt } of await old.find().toArray()) {
    if (!byCase.has(String(caseId))) byCase.set(String(caseId), { caseId, sessionId, byAuthor: {} });
    byCase.get(String(caseId))!.byAuthor[String(authorId)] = { authorName, centerId, specialty, category, stance, text, published, updatedAt };
  }
  for (const { caseId, sessionId, byAuthor } of byCase.values()) {
    await db.collection('caseopinions').updateOne({ _id: caseId as never }, { $set: { sessionId, byAuthor } }, { upsert: true });
  }
  log.info('opinions gathered by case', { cases: byCase.size });
  await old.drop().catch(ignoreMissing);
}

function ignoreMissing(error: unknown): void {
  if (!(error instanceof Error && /ns not found|not found|does not exist/i.test(error.message))) throw error;
}

/**
 * Gives each chunk of a case file the `_id` that `chunkId` derives from its file and number, so
 * that a file is read by `_id` alone. As in `keyByOwner`, the copy is written before the original goes.
 */
async function keyFileChunks(db: mongo.Db): Promise<void> {
  const chunks = db.collection<Stored>('attachments.chunks');
  // The (files_id, n) unique index would refuse the copy while the original stands.
  await chunks.dropIndex('files_id_1_n_1').catch(ignoreMissing);
  let moved = 0;
  for (const { _id, files_id: fileId, n } of await chunks.find({}, { projection: { data: 0 } }).toArray()) {
    const key = chunkId(fileId as Types.ObjectId, n as number);
    if (key.equals(_id)) continue;
    const chunk = (await chunks.findOne({ _id }, { projection: { _id: 0 } }))!;
    await chunks.replaceOne({ _id: key }, chunk, { upsert: true });
    await chunks.deleteOne({ _id });
    moved += 1;
  }
  log.info('file chunks keyed by their file and number', { moved });
}
