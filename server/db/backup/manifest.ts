import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export const MANIFEST_FILE = 'manifest.json';
const FORMAT = 'oncoboard-backup/1';

const collectionSchema = z.object({
  name: z.string().min(1),
  /** The gzip-compressed EJSON lines, in the archive directory. */
  file: z.string().regex(/^[^/\\]+\.jsonl\.gz$/),
  documents: z.number().int().min(0),
  /** Of the uncompressed lines, each with its line feed. */
  bytes: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

const manifestSchema = z.object({
  format: z.literal(FORMAT),
  oncoboardVersion: z.string(),
  /** The layout the data had when it was read: its `migrations` record. */
  schemaVersion: z.number().int().min(0),
  createdAt: z.iso.datetime(),
  collections: z.array(collectionSchema),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type CollectionEntry = z.infer<typeof collectionSchema>;

/** The archive cannot be restored as it is: missing, damaged, truncated or not a backup at all. */
export class BackupArchiveError extends Error {
  override name = 'BackupArchiveError';
}

export function newManifest(fields: Omit<Manifest, 'format'>): Manifest {
  return { format: FORMAT, ...fields };
}

export async function writeManifest(directory: string, manifest: Manifest): Promise<void> {
  await writeFile(path.join(directory, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
}

export async function readManifest(directory: string): Promise<Manifest> {
  const file = path.join(directory, MANIFEST_FILE);
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new BackupArchiveError(error.code === 'ENOENT' ? `${directory} is not an OncoBoard backup: it has no ${MANIFEST_FILE}` : `cannot read ${file}: ${error.message}`);
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BackupArchiveError(`${file} is damaged: it is not JSON`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) throw new BackupArchiveError(`${file} is not an OncoBoard backup manifest: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
