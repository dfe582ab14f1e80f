/**
 * A stand-in server for the durability tests: opens the embedded database in the directory it is
 * given and writes chat lines as fast as it can, printing each one's id once the database has
 * acknowledged it. The test kills this process, or its database, and looks for every printed id.
 */
import { Types } from 'mongoose';
import { Database } from '../../server/db/database';
import { loadConfig } from '../../server/config';

const dataDir = process.argv[2]!;
const db = await Database.open({ dataDir, embeddedBin: loadConfig().database.embeddedBin });
console.log(`database ${db.embeddedPid}`);
const sessionId = new Types.ObjectId();
const writer = async () => {
  for (;;) {
    const message = await db.models.chatMessages.create({ sessionId, userId: new Types.ObjectId(), centerId: new Types.ObjectId(), displayName: 'Dra. López', text: 'Se confirma el protocolo' });
    console.log(`acked ${message._id}`);
  }
};
await Promise.all(Array.from({ length: 4 }, writer));
