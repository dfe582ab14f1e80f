/**
 * A stand-in server for the durability tests: opens the embedded database in the directory it is
 * given and writes audit entries (one document per write, as the app appends them) as fast as it
 * can, printing each one's id once the database has acknowledged it. The test kills this process,
 * or its database, and looks for every printed id.
 */
import { Database } from '../../server/db/database';
import { loadConfig } from '../../server/config';

const dataDir = process.argv[2]!;
const db = await Database.open({ dataDir, embeddedBin: loadConfig().database.embeddedBin });
console.log(`database ${db.embeddedPid}`);
const writer = async () => {
  for (;;) {
    const entry = await db.models.auditEntries.create({ action: 'update', entity: 'case', entityId: 'YUC-2026-014', summary: 'diagnóstico actualizado' });
    console.log(`acked ${entry._id}`);
  }
};
await Promise.all(Array.from({ length: 4 }, writer));
