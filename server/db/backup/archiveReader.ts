import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import type { mongo } from 'mongoose';
import { fromLine, LinesDigest } from './documentLines';
import { BackupArchiveError, type CollectionEntry, type Manifest } from './manifest';
import { collectionProgress, type OnProgress } from './progress';

/**
 * Reads every collection file of the archive once and checks it against the manifest (documents,
 * bytes, SHA-256 of the lines): a damaged or truncated archive is refused before anything is written.
 */
export async function verifyArchive(directory: string, manifest: Manifest, onProgress?: OnProgress): Promise<void> {
  const names = new Set(manifest.collections.map((entry) => entry.name));
  if (names.size !== manifest.collections.length) throw new BackupArchiveError(`the manifest of ${directory} names a collection twice`);
  for (const entry of manifest.collections) {
    const digest = new LinesDigest();
    const progress = collectionProgress(onProgress, 'verify', entry.name);
    for await (const line of linesOf(directory, entry)) {
      digest.add(line);
      progress.step(digest);
    }
    const sha256 = digest.sha256();
    if (digest.documents !== entry.documents || digest.bytes !== entry.bytes || sha256 !== entry.sha256) {
      throw new BackupArchiveError(
        `${path.join(directory, entry.file)} does not match the manifest (${digest.documents} documents and ${digest.bytes} bytes, ` +
          `${entry.documents} and ${entry.bytes} expected${sha256 === entry.sha256 ? '' : '; another checksum'}): the archive is damaged`,
      );
    }
    progress.done(digest);
  }
}

/** The documents of one collection file, in the order they were written. */
export async function* documentsOf(directory: string, entry: CollectionEntry): AsyncGenerator<{ document: mongo.Document; bytes: number }> {
  for await (const line of linesOf(directory, entry)) yield { document: fromLine(line.toString('utf8')), bytes: line.length };
}

/** The uncompressed lines of a collection file, each with its line feed, as written. */
async function* linesOf(directory: string, entry: CollectionEntry): AsyncGenerator<Buffer> {
  const file = path.join(directory, entry.file);
  const stream = createReadStream(file).pipe(createGunzip());
  let pending: Buffer[] = [];
  try {
    for await (const piece of stream as AsyncIterable<Buffer>) {
      let start = 0;
      for (let end = piece.indexOf(0x0a); end !== -1; end = piece.indexOf(0x0a, start)) {
        pending.push(piece.subarray(start, end + 1));
        yield Buffer.concat(pending);
        pending = [];
        start = end + 1;
      }
      if (start < piece.length) pending.push(piece.subarray(start));
    }
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    throw new BackupArchiveError(code === 'ENOENT' ? `${file} is missing from the archive` : `${file} is damaged or truncated (${message})`);
  } finally {
    stream.destroy();
  }
  if (pending.length > 0) yield Buffer.concat(pending);
}
