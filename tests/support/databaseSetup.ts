import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../server/config';
import { EmbeddedDatabase } from '../../server/db/embeddedDatabase';

/**
 * Integration tests talk to a real MongoDB-protocol server: the one MONGODB_URI names, or the
 * embedded one started here for the whole run (each test file then uses its own database).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.MONGODB_URI;
  if (external) {
    project.provide('mongoUri', external);
    return async () => {};
  }
  const { database } = loadConfig();
  if (!database.embeddedBin) throw new Error('embedded database not built: run "npm run setup"');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'oncoboard-it-'));
  const server = await EmbeddedDatabase.start({ binPath: database.embeddedBin, dataDir });
  project.provide('mongoUri', server.uri);
  return async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
