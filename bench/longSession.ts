/**
 * A long national session's writes, as its hundreds of joins, leaves and chat lines arrive: each
 * presence mark written the way a join writes it (PresenceLedger.record) and each chat line the way
 * the room's chat says it (LiveSession.say), one after another on one session, timed in blocks of
 * BENCH_BLOCK (100) up to BENCH_APPENDS (400), beside the bare counterpart: the same mark or line
 * inserted as a document of its own, the cheapest durable write of the same data. The page that
 * enters then reads the chat's latest lines and the ledger reads the marks: both timed at the end.
 * Real embedded database (or MONGODB_URI). Prints its figures.
 */
import { performance } from 'node:perf_hooks';
import { Types } from 'mongoose';
import type { Actor } from '../server/domain/actor';
import { createAccount, createCenter } from '../tests/support/accounts';
import { createSessionSoon } from '../tests/support/sessions';
import { benchServer } from './benchServer';
import { countCpu } from './serverCpu';
import { spreadOf } from './timing';

const APPENDS = Number(process.env.BENCH_APPENDS ?? 400);
const BLOCK = Number(process.env.BENCH_BLOCK ?? 100);

/** One block's figures: wall time per write (median) and the database process's CPU per write. */
interface Block {
  medianMs: number;
  databaseMs?: number;
}

async function timeBlock(write: (index: number) => Promise<unknown>, from: number): Promise<Block> {
  const stop = await countCpu(async () => []);
  const times: number[] = [];
  for (let index = from; index < from + BLOCK; index++) {
    const start = performance.now();
    await write(index);
    times.push(performance.now() - start);
  }
  const { database } = await stop();
  return { medianMs: spreadOf(times).median, ...(database === undefined ? {} : { databaseMs: database / BLOCK }) };
}

const { db, server, close } = await benchServer();
try {
  const center = await createCenter(db);
  const coordinator = await createAccount(db, ['coordinator'], center, 'Coordinadora');
  const sessionId = await createSessionSoon(db, { hostCenterId: center, createdBy: coordinator.id, title: 'Banco: una sesión nacional larga' });
  const speaker = { id: coordinator.id, name: 'Coordinadora', centerId: center } as Actor;
  const { presence, live } = server.services;
  const bare = db.connection.collection(`bench_bare_${Date.now()}`);
  const markOf = (index: number) => ({
    userId: new Types.ObjectId().toHexString(),
    centerId: center,
    peerId: `peer ${index}`,
    displayName: `Participante ${index}`,
    kind: index % 2 ? ('leave' as const) : ('join' as const),
  });
  const writes: [string, (index: number) => Promise<unknown>, (index: number) => Promise<unknown>][] = [
    [
      'presence mark (a join or leave)',
      (index) => presence.record({ ...markOf(index), sessionId }),
      (index) => bare.insertOne({ ...markOf(index), sessionId: new Types.ObjectId(sessionId), at: new Date() }),
    ],
    [
      'chat line',
      (index) => live.say(speaker, sessionId, `Mensaje ${index} sobre el caso en discusión`),
      (index) =>
        bare.insertOne({ sessionId: new Types.ObjectId(sessionId), userId: new Types.ObjectId(speaker.id), displayName: speaker.name, text: `Mensaje ${index}`, at: new Date() }),
    ],
  ];
  console.log(`a long session: ${APPENDS} presence marks, then ${APPENDS} chat lines, written one after another to one session, timed ${BLOCK} at a time`);
  console.log('bare: the same mark or line inserted as a document of its own');
  console.log(
    `${'write'.padEnd(34)}${'already'.padStart(8)}${'app ms'.padStart(9)}${'bare ms'.padStart(9)}${'app/bare'.padStart(10)}${'db cpu app'.padStart(12)}${'db cpu bare'.padStart(13)}`,
  );
  for (const [label, app, bareWrite] of writes) {
    for (let from = 0; from < APPENDS; from += BLOCK) {
      const appBlock = await timeBlock(app, from);
      const bareBlock = await timeBlock(bareWrite, from);
      const cpu = (block: Block) => (block.databaseMs === undefined ? '' : `${block.databaseMs.toFixed(2)} ms`);
      console.log(
        `${label.padEnd(34)}${String(from).padStart(8)}${appBlock.medianMs.toFixed(2).padStart(9)}${bareBlock.medianMs.toFixed(2).padStart(9)}${`${(appBlock.medianMs / bareBlock.medianMs).toFixed(2)}×`.padStart(10)}${cpu(appBlock).padStart(12)}${cpu(bareBlock).padStart(13)}`,
      );
    }
  }
  const readStart = performance.now();
  const { marks } = await presence.read(sessionId);
  const ledgerMs = performance.now() - readStart;
  const chatStart = performance.now();
  const chat = await live.chat(sessionId);
  const chatMs = performance.now() - chatStart;
  console.log(
    `reads at the end: the session's ${marks.length} marks in ${ledgerMs.toFixed(1)} ms; the latest ${chat.length} chat lines (what a page entering shows) in ${chatMs.toFixed(1)} ms`,
  );
  await bare.drop();
} finally {
  await close();
}
