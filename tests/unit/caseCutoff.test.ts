import { describe, expect, it } from 'vitest';
import { caseCutoffFor, defaultCaseCutoffHours } from '../../shared/sessions';

const now = new Date('2026-11-30T15:00:00Z');
const inHours = (hours: number) => new Date(now.getTime() + hours * 3_600_000);

describe('the default case cut-off', () => {
  it('is a day before a session two days or more ahead', () => {
    expect(defaultCaseCutoffHours(inHours(48), now)).toBe(24);
    expect(defaultCaseCutoffHours(inHours(24 * 14), now)).toBe(24);
  });

  it('leaves presenters at least half the time left before a nearer session', () => {
    for (const hoursLeft of [47.5, 30, 9, 5, 3, 2, 1.9, 0.5]) {
      const startsAt = inHours(hoursLeft);
      const cutoff = caseCutoffFor(startsAt, defaultCaseCutoffHours(startsAt, now));
      expect(cutoff.getTime() - now.getTime()).toBeGreaterThanOrEqual((hoursLeft / 2) * 3_600_000);
      expect(cutoff.getTime()).toBeLessThanOrEqual(startsAt.getTime());
    }
    expect([30, 9, 5, 3].map((hours) => defaultCaseCutoffHours(inHours(hours), now))).toEqual([15, 4, 2, 1]);
  });

  it('takes cases until the start of a session called less than two hours ahead', () => {
    expect(defaultCaseCutoffHours(inHours(1.9), now)).toBe(0);
    expect(defaultCaseCutoffHours(inHours(-1), now)).toBe(0);
  });
});
