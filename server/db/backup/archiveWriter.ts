import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { mongo } from 'mongoose';
import { storedSchemaVersion } from '../migrations';
import { collectionNames } from './collections';
import { EXACT_TYPES, LinesDigest, toLine } from './documentLines';
import { newManifest, writeManifest, type CollectionEntry, type Manifest } from './manifest';
import { collectionProgress, type OnProgress } from './progress';

/** Documents the driver asks for at a time; a batch of file chunks is then about 25 MB at most. */
const BATCH_DOCUMENTS = 100;

/**
 * Writes every collection of `db` into a new archive directory under `parentDir`: per collection
 * its documents as gzip-compressed canonical EJSON lines, read once in one pass, then the
 * manifest. It is written under a `.partial` name and renamed when whole, so an archive with the
 * final name is always complete; a failed backup leaves nothing.
 */
export async function writeArchive(
  db: mongo.Db,
  parentDir: string,
  options: { oncoboardVersion: string; onProgress?: OnProgress },
): Promise<{ directory: string; manifest: Manifest }> {
  const createdAt = new Date();
  const directory = path.join(path.resolve(parentDir), `oncoboard-backup-${createdAt.toISOString().replace(/[:.]/g, '-')}`);
  const partial = `${directory}.partial`;
  // Patient records: readable by this account only, as the database itself.
  await mkdir(parentDir, { recursive: true, mode: 0o700 });
  await mkdir(partial, { mode: 0o700 });
  try {
    const schemaVersion = await storedSchemaVersion(db);
    const collections: CollectionEntry[] = [];
    for (const name of chunksLast(await collectionNames(db))) collections.push(await writeCollection(db.collection(name), partial, options.onProgress));
    const manifest = newManifest({ oncoboardVersion: options.oncoboardVersion, schemaVersion, createdAt: createdAt.toISOString(), collections });
    await writeManifest(partial, manifest);
    await rename(partial, directory);
    return { directory, manifest };
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Case file chunks are read after everything else: a file uploaded while the backup runs has all
 * its chunks stored before its files document and its case name it, so a file the archive names
 * has its bytes in it too.
 */
function chunksLast(names: string[]): string[] {
  const isChunks = (name: string) => name.endsWith('.chunks');
  return [...names.filter((name) => !isChunks(name)), ...names.filter(isChunks)];
}

async function writeCollection(collection: mongo.Collection, directory: string, onProgress?: OnProgress): Promise<CollectionEntry> {
  const file = `${encodeURIComponent(collection.collectionName)}.jsonl.gz`;
  const digest = new LinesDigest();
  const progress = collectionProgress(onProgress, 'backup', collection.collectionName);
  async function* lines(): AsyncGenerator<Buffer> {
    for await (const document of collection.find({}, { ...EXACT_TYPES, batchSize: BATCH_DOCUMENTS })) {
      const line = Buffer.from(toLine(document));
      digest.add(line);
      progress.step(digest);
      yield line;
    }
  }
  // flush: each file is on disk before the manifest says it is whole.
  await pipeline(lines, createGzip(), createWriteStream(path.join(directory, file), { mode: 0o600, flush: true }));
  progress.done(digest);
  return { name: collection.collectionName, file, documents: digest.documents, bytes: digest.bytes, sha256: digest.sha256() };
}
