import { describe, expect, it } from 'vitest';
import type { Actor } from '../../server/domain/actor';
import { RecentSignIns } from '../../server/domain/recentSignIns';

const coordinator: Actor = { id: 'u-coord', name: 'Dra. Ruiz', email: 'ruiz@oncoboard.mx', roles: ['coordinator'], centerId: 'c1', specialty: 'Oncología pediátrica' };
const expert: Actor = { ...coordinator, id: 'u-expert', name: 'Dr. Ortiz', roles: ['expert'] };
const farFuture = new Date('2099-01-01T00:00:00Z');

/** A database stand-in that counts its reads and answers whatever the account is now. */
function accounts(initial: Record<string, Actor | undefined>, expiresAt = farFuture) {
  const current = { ...initial };
  let reads = 0;
  return {
    current,
    reads: () => reads,
    check: (hash: string) => async () => {
      reads += 1;
      const actor = current[hash];
      return actor ? { actor, expiresAt } : undefined;
    },
  };
}

describe('recently checked sign-ins', () => {
  it('reads a page’s burst of requests once, and again once the few seconds are over', async () => {
    let now = 0;
    const recent = new RecentSignIns(3_000, () => now);
    const db = accounts({ t1: coordinator });
    for (let request = 0; request < 20; request++) expect(await recent.actorFor('t1', db.check('t1'))).toEqual(coordinator);
    expect(db.reads()).toBe(1);
    now = 3_000;
    await recent.actorFor('t1', db.check('t1'));
    expect(db.reads()).toBe(2);
  });

  it('reads an account again at once when it changes, and no one else’s', async () => {
    const recent = new RecentSignIns(3_000, () => 0);
    const db = accounts({ t1: coordinator, t2: expert });
    await recent.actorFor('t1', db.check('t1'));
    await recent.actorFor('t2', db.check('t2'));
    db.current.t1 = { ...coordinator, roles: ['attendee'] };
    recent.forget(coordinator.id);
    expect((await recent.actorFor('t1', db.check('t1')))?.roles).toEqual(['attendee']);
    await recent.actorFor('t2', db.check('t2'));
    expect(db.reads()).toBe(3);
  });

  it('does not keep a check that was under way when the account changed: it may have read it as it was', async () => {
    const recent = new RecentSignIns(3_000, () => 0);
    let answer: (value: { actor: Actor; expiresAt: Date }) => void = () => {};
    const slowCheck = recent.actorFor('t1', () => new Promise((resolve) => (answer = resolve)));
    recent.forget(coordinator.id);
    answer({ actor: coordinator, expiresAt: farFuture });
    expect(await slowCheck).toEqual(coordinator);
    const db = accounts({ t1: undefined });
    expect(await recent.actorFor('t1', db.check('t1'))).toBeUndefined();
    expect(db.reads()).toBe(1);
  });

  it('checks an invited guest every time: their sign-in also ends with their session', async () => {
    const recent = new RecentSignIns(3_000, () => 0);
    const guest: Actor = { ...coordinator, id: 'g1', roles: ['guest'], guest: { sessionId: 's1', kind: 'family', affiliation: '' } };
    const db = accounts({ t1: guest });
    await recent.actorFor('t1', db.check('t1'));
    await recent.actorFor('t1', db.check('t1'));
    expect(db.reads()).toBe(2);
  });

  it('never trusts a sign-in past its expiry, nor remembers one that failed', async () => {
    let now = 0;
    const recent = new RecentSignIns(3_000, () => now);
    const expiring = accounts({ t1: coordinator }, new Date(1_000));
    await recent.actorFor('t1', expiring.check('t1'));
    now = 1_000;
    await recent.actorFor('t1', expiring.check('t1'));
    expect(expiring.reads()).toBe(2);

    const unknown = accounts({});
    await recent.actorFor('t9', unknown.check('t9'));
    await recent.actorFor('t9', unknown.check('t9'));
    expect(unknown.reads()).toBe(2);
  });
});
