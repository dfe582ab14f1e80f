import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { restoreArchive } from '../db/backup/restore';
import { reachDatabaseServer } from '../db/database';
import { printProgress, runTool } from './tool';

const USAGE = 'usage: npm run restore -- ARCHIVE_DIRECTORY [--force] [--database NAME]';

/**
 * `npm run restore`: an archive of `npm run backup` into an empty database (any database with
 * --force, which replaces what it holds). The embedded database must not be in use by a server.
 */
runTool('restore', async () => {
  const { values, positionals } = parseArgs({
    options: { force: { type: 'boolean', default: false }, database: { type: 'string' }, help: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) return console.log(USAGE);
  if (positionals.length !== 1) throw new Error(`name one archive directory\n${USAGE}`);
  const config = loadConfig();
  const server = await reachDatabaseServer(config.database);
  try {
    const { manifest, schemaVersion } = await restoreArchive({ uri: server.uri, dbName: values.database }, positionals[0]!, {
      replace: values.force,
      onProgress: printProgress,
    });
    const migrated = schemaVersion > manifest.schemaVersion ? `, migrated from layout ${manifest.schemaVersion} to ${schemaVersion}` : '';
    console.log(`restored the backup of ${manifest.createdAt} (OncoBoard ${manifest.oncoboardVersion})${migrated}`);
  } finally {
    await server.embedded?.stop();
  }
});
