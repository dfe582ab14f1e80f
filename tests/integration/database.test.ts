import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../server/db/database';
import { PresenceLedger } from '../../server/domain/presenceLedger';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';

const SESSION_A = '0123456789abcdef0123456a';
const SESSION_B = '0123456789abcdef0123456b';
const lopez = { userId: '0123456789abcdef01234561', centerId: '0123456789abcdef01234571', peerId: 'p1', displayName: 'Dra. López' };
const ortiz = { userId: '0123456789abcdef01234562', centerId: '0123456789abcdef01234572', peerId: 'p2', displayName: 'Dr. Ortiz' };

describe('the database through mongoose', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => dropTestDatabase(db));

  it('writes presence events and reads them back in time order', async () => {
    const ledger = new PresenceLedger(db.models);
    await ledger.record({ ...lopez, sessionId: SESSION_A, kind: 'join' });
    await ledger.record({ ...ortiz, sessionId: SESSION_B, kind: 'join' });
    await ledger.record({ ...lopez, sessionId: SESSION_A, kind: 'leave' });

    const history = await ledger.history(SESSION_A);
    expect(history.map((event) => [event.displayName, event.kind])).toEqual([
      ['Dra. López', 'join'],
      ['Dra. López', 'leave'],
    ]);
    expect(history[0]!.at.getTime()).toBeLessThanOrEqual(history[1]!.at.getTime());
  });

  it('answers a presence mark once it is durable, and raises a held session’s attendance revision after it', async () => {
    const sessionId = new Types.ObjectId();
    await db.models.sessions.collection.insertOne({ _id: sessionId, status: 'ended', attendanceRevision: 4 });
    const ledger = new PresenceLedger(db.models);
    await ledger.record({ ...lopez, sessionId: String(sessionId), kind: 'leave' });
    expect((await ledger.history(String(sessionId))).map((event) => event.kind)).toEqual(['leave']);
    await vi.waitFor(async () => expect((await db.models.sessions.findById(sessionId).lean())?.attendanceRevision).toBe(5));
  });

  it('writes nothing to a live session for its marks: its revision rises only once it is held', async () => {
    const sessionId = new Types.ObjectId();
    await db.models.sessions.collection.insertOne({ _id: sessionId, status: 'live', attendanceRevision: 0 });
    const ledger = new PresenceLedger(db.models);
    const at = new Date();
    await ledger.append(String(sessionId), [{ ...lopez, kind: 'join', at }]);
    await ledger.correct(String(sessionId), {
      userId: ortiz.userId,
      credited: true,
      minutesPresent: 30,
      reason: 'en la sala de su hospital',
      by: lopez.userId,
      byName: 'Dra. López',
      at,
    });
    expect(await db.models.sessions.findById(sessionId).lean()).toMatchObject({ attendanceRevision: 0 });
    await db.models.sessions.updateOne({ _id: sessionId }, { $set: { status: 'ended' } });
    await ledger.append(String(sessionId), [{ ...lopez, kind: 'leave', at: new Date() }]);
    expect(await db.models.sessions.findById(sessionId).lean()).toMatchObject({ attendanceRevision: 1 });
    expect((await ledger.read(String(sessionId))).marks.map((mark) => mark.kind)).toEqual(['join', 'leave']);
  });

  it('refuses a document that breaks the schema and keeps what was saved', async () => {
    const ledger = new PresenceLedger(db.models);
    const before = await ledger.history(SESSION_A);
    await expect(ledger.append(SESSION_A, [{ ...ortiz, kind: 'wander' as 'join', at: new Date() }])).rejects.toThrow(/kind/);
    expect(await ledger.history(SESSION_A)).toEqual(before);
  });

  it('finds by equality exactly as MongoDB does: inside arrays, across unicode and quotes, never a missing or other-typed field', async () => {
    const records = db.connection.db!.collection('equality_probe');
    const centre = new Types.ObjectId();
    const tricky = 'Niño "Q" <b> & \u2028 \\ ñ';
    await records.insertMany([
      { _id: 'a' as never, code: tricky, centre, tags: ['x', tricky], n: 1 },
      { _id: 'b' as never, code: 'otro', centre: String(centre), tags: ['y'], n: 1 },
      { _id: 'c' as never, code: { nested: tricky }, tags: 'x', n: 2 },
      { _id: 'd' as never, centres: [centre], n: 2 },
    ]);
    const ids = async (filter: Record<string, unknown>) => (await records.find(filter).toArray()).map((doc) => doc._id).sort();
    expect(await ids({ code: tricky })).toEqual(['a']);
    expect(await ids({ centre })).toEqual(['a']);
    expect(await ids({ centres: centre })).toEqual(['d']);
    expect(await ids({ tags: 'x' })).toEqual(['a', 'c']);
    expect(await ids({ tags: tricky, n: 1 })).toEqual(['a']);
    expect(await ids({ _id: 'a', code: 'otro' })).toEqual([]);
    expect(await ids({ code: 'otro', n: 1 })).toEqual(['b']);
    expect(await ids({ missing: 'x' })).toEqual([]);
  });

  it('reports itself connected', () => {
    expect(db.state).toBe('connected');
  });
});
