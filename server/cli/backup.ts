import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { writeArchive } from '../db/backup/archiveWriter';
import { connectTo, reachDatabaseServer } from '../db/database';
import { oncoboardVersion, printProgress, runTool } from './tool';

const USAGE = 'usage: npm run backup -- [--to DIRECTORY] [--database NAME]';

/**
 * `npm run backup`: every collection, case files included, into a new archive directory. The
 * embedded database is read through the running server's socket when a server holds DATA_DIR.
 */
runTool('backup', async () => {
  const { values } = parseArgs({
    options: { to: { type: 'string', default: 'backups' }, database: { type: 'string' }, help: { type: 'boolean' } },
    strict: true,
  });
  if (values.help) return console.log(USAGE);
  const config = loadConfig();
  const server = await reachDatabaseServer(config.database, { shareRunning: true });
  try {
    const connection = await connectTo(server.uri, values.database);
    try {
      const { directory, manifest } = await writeArchive(connection.db!, values.to, { oncoboardVersion: oncoboardVersion(), onProgress: printProgress });
      const documents = manifest.collections.reduce((sum, entry) => sum + entry.documents, 0);
      console.log(`backup written: ${manifest.collections.length} collections, ${documents} documents, layout ${manifest.schemaVersion}`);
      console.log(directory);
    } finally {
      await connection.close();
    }
  } finally {
    await server.embedded?.stop();
  }
});
