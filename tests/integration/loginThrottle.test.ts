import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { LoginThrottle } from '../../server/domain/loginThrottle';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';

let db: Database;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  if (db) await dropTestDatabase(db);
});

/** A throttle of `max` failures per minute, on a clock the test moves. */
function throttleAt(clock: { now: number }, max: number, name = 'email'): LoginThrottle {
  return new LoginThrottle(db.models, name, max, 60_000, () => clock.now);
}

describe('the sign-in throttle, kept in the database', () => {
  it('refuses a key after its allowance of failures until the oldest ages out of the window, without counting refused tries', async () => {
    const clock = { now: 1_000_000 };
    const throttle = throttleAt(clock, 3);
    for (let i = 0; i < 3; i++) {
      expect(await throttle.attempt('a@b.mx')).toBe(0);
      clock.now += 10_000;
    }
    expect(await throttle.attempt('a@b.mx')).toBe(30_000);
    expect(await throttle.attempt('a@b.mx')).toBe(30_000);
    expect(await throttle.attempt('otra@b.mx')).toBe(0);
    clock.now += 30_001;
    expect(await throttle.attempt('a@b.mx')).toBe(0);
  });

  it('forgets failures after a success, and takes back one counted attempt, so a hospital signing in all day through one address is never locked out', async () => {
    const clock = { now: 1_000_000 };
    const byEmail = throttleAt(clock, 1);
    expect(await byEmail.attempt('k@b.mx')).toBe(0);
    expect(await byEmail.attempt('k@b.mx')).toBeGreaterThan(0);
    await byEmail.reset('k@b.mx');
    expect(await byEmail.attempt('k@b.mx')).toBe(0);

    const byAddress = throttleAt(clock, 2, 'address');
    for (let i = 0; i < 10; i++) {
      expect(await byAddress.attempt('10.0.0.1')).toBe(0);
      await byAddress.forgiveOne('10.0.0.1');
    }
    expect(await byAddress.attempt('10.0.0.1')).toBe(0);
    expect(await byAddress.attempt('10.0.0.1')).toBe(0);
    expect(await byAddress.attempt('10.0.0.1')).toBeGreaterThan(0);
  });

  it('lets through only the allowance of guesses sent at once, on any instance, and keeps neither the email nor the address', async () => {
    const clock = { now: 1_000_000 };
    // Two instances of the server, each with its own throttle object, on one database.
    const [here, there] = [throttleAt(clock, 5), throttleAt(clock, 5)];
    const waits = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? here : there).attempt('objetivo@oncoboard.mx')));
    expect(waits.filter((wait) => wait === 0)).toHaveLength(5);
    const stored = JSON.stringify(await db.models.signInFailures.find().lean());
    expect(stored).not.toContain('objetivo');
    expect(stored).not.toContain('10.0.0.1');
  });
});
