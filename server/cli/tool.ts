import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Progress } from '../db/backup/progress';

/** OncoBoard's version, from package.json: the backup manifest records it. */
export function oncoboardVersion(): string {
  const file = path.resolve(import.meta.dirname, '..', '..', 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

const VERBS: Record<Progress['phase'], string> = { backup: 'backed up', verify: 'verified', restore: 'restored' };

/** One line per collection when it is done, and one a second meanwhile for a long one. */
export function printProgress({ phase, collection, documents, bytes, done }: Progress): void {
  console.log(`${done ? VERBS[phase] : `${phase}…`} ${collection}: ${documents} documents, ${formatBytes(bytes)}`);
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 2 ** 20) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 2 ** 20).toFixed(1)} MB`;
}

/** Runs a command-line tool: its error in one clear line and exit code 1, else exit code 0. */
export function runTool(name: string, main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
