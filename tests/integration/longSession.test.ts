import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { MARKS_PER_DOCUMENT } from '../../server/db/models/attendance';
import { LINES_PER_DOCUMENT } from '../../server/db/models/chat';
import type { Actor } from '../../server/domain/actor';
import { LiveSession } from '../../server/domain/liveSession';
import { PresenceLedger, type PresenceMarkInput } from '../../server/domain/presenceLedger';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';

let db: Database;

beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await dropTestDatabase(db);
});

const centerId = new Types.ObjectId().toHexString();
const mark = (name: string, kind: 'join' | 'leave' = 'join', at = new Date()): PresenceMarkInput => ({
  userId: new Types.ObjectId().toHexString(),
  centerId,
  peerId: `peer ${name}`,
  displayName: name,
  kind,
  at,
});

/** The largest number of marks any one stored document of the session holds. */
async function fullestDocument(sessionId: string): Promise<number> {
  const record = await db.models.attendances.findById(sessionId).lean();
  const later = await db.models.attendanceMarks.find().lean();
  return Math.max(record?.marks.length ?? 0, ...later.filter((chunk) => chunk._id.startsWith(`${sessionId}/`)).map((chunk) => chunk.marks.length));
}

describe('the attendance record of a long national session', () => {
  it('keeps every join and leave of hundreds, in the order they happened, none of its documents growing past its share', async () => {
    const sessionId = new Types.ObjectId().toHexString();
    const ledger = new PresenceLedger(db.models);
    const start = Date.parse('2026-12-02T16:00:00Z');
    const names = Array.from({ length: 5 * MARKS_PER_DOCUMENT + 3 }, (_, index) => `Participante ${index}`);
    for (const [index, name] of names.entries()) await ledger.append(sessionId, [mark(name, index % 2 ? 'leave' : 'join', new Date(start + index * 1000))]);

    const { marks } = await ledger.read(sessionId);
    expect(marks.map((entry) => entry.displayName)).toEqual(names);
    expect(marks.filter((entry) => entry.kind === 'leave')).toHaveLength(Math.floor(names.length / 2));
    expect(await fullestDocument(sessionId)).toBeLessThanOrEqual(MARKS_PER_DOCUMENT);
  });

  it('loses no mark when two servers write the same session at once, across a document boundary', async () => {
    const sessionId = new Types.ObjectId().toHexString();
    const [first, second] = [new PresenceLedger(db.models, undefined, 'uno'), new PresenceLedger(db.models, undefined, 'dos')];
    const written = Array.from({ length: 3 * MARKS_PER_DOCUMENT }, (_, index) => `Experto ${index}`);
    await Promise.all(written.map((name, index) => (index % 2 ? first : second).append(sessionId, [mark(name)])));
    const read = (await second.read(sessionId)).marks.map((entry) => entry.displayName);
    expect(read.sort()).toEqual([...written].sort());
  });

  it('reads a record written before marks were spread, and appends after its marks', async () => {
    const sessionId = new Types.ObjectId();
    const earlier = Array.from({ length: MARKS_PER_DOCUMENT + 8 }, (_, index) => ({ ...mark(`Antes ${index}`), instance: 'server' }));
    await db.models.attendances.collection.insertOne({ _id: sessionId, marks: earlier, corrections: [] });
    const ledger = new PresenceLedger(db.models);
    await ledger.record({ ...mark('Después'), sessionId: String(sessionId) });
    const { marks } = await ledger.read(String(sessionId));
    expect(marks.map((entry) => entry.displayName)).toEqual([...earlier.map((entry) => entry.displayName), 'Después']);
  });
});

describe('the chat of a long session', () => {
  const speaker = { id: new Types.ObjectId().toHexString(), name: 'Dra. Ramírez', centerId } as Actor;

  it('gives a page entering the room the latest 200 lines, oldest first, however long the chat grew', async () => {
    const sessionId = new Types.ObjectId().toHexString();
    const live = new LiveSession(db.models);
    const said = Array.from({ length: 3 * LINES_PER_DOCUMENT + 17 }, (_, index) => `Mensaje ${index}`);
    for (const text of said) await live.say(speaker, sessionId, text);
    expect((await live.chat(sessionId)).map((line) => line.text)).toEqual(said.slice(-200));
    const stored = await db.models.chatLines.find().lean();
    expect(Math.max(...stored.filter((chunk) => chunk._id.startsWith(`${sessionId}/`)).map((chunk) => chunk.lines.length))).toBeLessThanOrEqual(LINES_PER_DOCUMENT);
  });

  it('keeps a chat written before lines were spread, and adds after it', async () => {
    const sessionId = new Types.ObjectId();
    const earlier = ['Buenos días', 'Se escucha bien'].map((text, index) => ({
      _id: new Types.ObjectId(),
      userId: new Types.ObjectId(speaker.id),
      displayName: speaker.name,
      centerId: new Types.ObjectId(centerId),
      text,
      at: new Date(Date.now() - 60_000 + index),
    }));
    await db.models.chats.collection.insertOne({ _id: sessionId, lines: earlier });
    const live = new LiveSession(db.models);
    await live.say(speaker, String(sessionId), 'Presento el caso');
    expect((await live.chat(String(sessionId))).map((line) => line.text)).toEqual(['Buenos días', 'Se escucha bien', 'Presento el caso']);
  });
});
