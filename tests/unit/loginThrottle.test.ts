import { describe, expect, it } from 'vitest';
import { DUMMY_HASH } from '../../server/domain/authService';
import { LoginThrottle } from '../../server/domain/loginThrottle';
import { hashPassword } from '../../server/domain/passwords';

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

  it('takes back one counted attempt, so a hospital whose staff sign in all day through one address is never locked out', () => {
    const throttle = new LoginThrottle(2, 60_000, () => 0);
    for (let i = 0; i < 10; i++) {
      expect(throttle.retryAfterMs('10.0.0.1')).toBe(0);
      throttle.recordFailure('10.0.0.1');
      throttle.forgiveOne('10.0.0.1');
    }
    throttle.recordFailure('10.0.0.1');
    throttle.recordFailure('10.0.0.1');
    expect(throttle.retryAfterMs('10.0.0.1')).toBeGreaterThan(0);
  });
});

describe('the stand-in hash for unknown emails', () => {
  it('has the shape and cost parameters of a real hash, so an unknown email is checked as slowly as a known one', async () => {
    const shape = (encoded: string) => encoded.split('$').map((part, index) => (index < 4 ? part : part.length));
    expect(shape(DUMMY_HASH)).toEqual(shape(await hashPassword('cualquier-contraseña')));
  });
});
