import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('refuses a document that breaks the schema and keeps what was saved', async () => {
    const ledger = new PresenceLedger(db.models);
    const before = await ledger.history(SESSION_A);
    await expect(ledger.append(SESSION_A, [{ ...ortiz, kind: 'wander' as 'join', at: new Date() }])).rejects.toThrow(/kind/);
    expect(await ledger.history(SESSION_A)).toEqual(before);
  });

  it('reports itself connected', () => {
    expect(db.state).toBe('connected');
  });
});
