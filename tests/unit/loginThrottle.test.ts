import { describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../server/domain/loginThrottle';

describe('login throttle', () => {
  it('refuses a key after its allowance of failures until the oldest ages out of the window', () => {
    let now = 0;
    const throttle = new LoginThrottle(3, 60_000, () => now);
    for (let i = 0; i < 3; i++) {
      expect(throttle.retryAfterMs('a@b.mx')).toBe(0);
      throttle.recordFailure('a@b.mx');
      now += 10_000;
    }
    expect(throttle.retryAfterMs('a@b.mx')).toBe(30_000);
    expect(throttle.retryAfterMs('otra@b.mx')).toBe(0);
    now += 30_001;
    expect(throttle.retryAfterMs('a@b.mx')).toBe(0);
  });

  it('forgets failures after a success', () => {
    const throttle = new LoginThrottle(1, 60_000, () => 0);
    throttle.recordFailure('k');
    expect(throttle.retryAfterMs('k')).toBeGreaterThan(0);
    throttle.reset('k');
    expect(throttle.retryAfterMs('k')).toBe(0);
  });
});
