import type { mongo } from 'mongoose';
import { connectTo, Database } from '../database';
import { SCHEMA_VERSION, storedSchemaVersion } from '../migrations';
import { documentsOf, verifyArchive } from './archiveReader';
import { collectionNames } from './collections';
import { BackupArchiveError, readManifest, type CollectionEntry, type Manifest } from './manifest';
import { collectionProgress, type OnProgress } from './progress';

/** The target database holds documents, and replacing them was not asked for. */
export class RestoreRefusedError extends Error {
  override name = 'RestoreRefusedError';
}

/** Documents (or bytes of their lines) written at a time. */
const BATCH = { documents: 500, bytes: 8 * 2 ** 20 };

/**
 * Restores the archive in `directory` into the database `dbName` at `uri`. Nothing is written
 * unless the archive's layout is one this OncoBoard knows, every file matches the manifest and the
 * database is empty (or `replace` says to drop what it holds). The database is then opened as the
 * server opens it at start: its indexes are made and an older layout is migrated.
 */
export async function restoreArchive(
  target: { uri: string; dbName?: string },
  directory: string,
  options: { replace?: boolean; onProgress?: OnProgress } = {},
): Promise<{ manifest: Manifest; schemaVersion: number }> {
  const manifest = await readManifest(directory);
  if (manifest.schemaVersion > SCHEMA_VERSION) {
    throw new BackupArchiveError(
      `the archive was written by OncoBoard ${manifest.oncoboardVersion} (layout ${manifest.schemaVersion}); ` +
        `this one knows up to layout ${SCHEMA_VERSION}: restore it with OncoBoard ${manifest.oncoboardVersion} or later`,
    );
  }
  await verifyArchive(directory, manifest, options.onProgress);

  const connection = await connectTo(target.uri, target.dbName);
  try {
    const db = connection.db!;
    const existing = await collectionNames(db);
    const holding = await collectionsWithDocuments(db, existing);
    if (holding.length > 0 && !options.replace) {
      throw new RestoreRefusedError(
        `the database "${db.databaseName}" is not empty (${holding.join(', ')} hold documents): nothing was written. ` +
          'Restore into an empty database, or pass --force to replace everything in it',
      );
    }
    for (const name of existing) await db.collection(name).drop();
    for (const entry of manifest.collections) await insertCollection(db, directory, entry, options.onProgress);
  } finally {
    await connection.close();
  }
  const opened = await Database.open({ uri: target.uri, dataDir: '', dbName: target.dbName });
  try {
    return { manifest, schemaVersion: await storedSchemaVersion(opened.connection.db!) };
  } finally {
    await opened.close();
  }
}

async function collectionsWithDocuments(db: mongo.Db, names: string[]): Promise<string[]> {
  const holding: string[] = [];
  for (const name of names) if (await db.collection(name).findOne({}, { projection: { _id: 1 } })) holding.push(name);
  return holding;
}

async function insertCollection(db: mongo.Db, directory: string, entry: CollectionEntry, onProgress?: OnProgress): Promise<void> {
  const collection = db.collection(entry.name);
  // An empty collection is restored too: the server may have made it, with its indexes.
  await db.createCollection(entry.name);
  const progress = collectionProgress(onProgress, 'restore', entry.name);
  const written = { documents: 0, bytes: 0 };
  let batch: mongo.Document[] = [];
  let batchBytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await collection.insertMany(batch, { ordered: true });
    written.documents += batch.length;
    written.bytes += batchBytes;
    batch = [];
    batchBytes = 0;
    progress.step(written);
  };
  for await (const { document, bytes } of documentsOf(directory, entry)) {
    batch.push(document);
    batchBytes += bytes;
    if (batch.length >= BATCH.documents || batchBytes >= BATCH.bytes) await flush();
  }
  await flush();
  progress.done(written);
}
