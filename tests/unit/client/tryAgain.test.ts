import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tryAgain, type TryAgain } from '../../../client/media/tryAgain';

const UNANSWERED = new Error('no answer within 10000 ms');
const REFUSED = new Error('a participant holds at most 2 send transports');

/** A repair whose tries fail as `outcomes` says, one per try (then succeed); counts its tries. */
function repair(outcomes: Error[]) {
  const tries = { count: 0 };
  const attempt = async () => {
    const outcome = outcomes[tries.count++];
    if (outcome) throw outcome;
  };
  return { tries, attempt };
}

function policy(overrides: Partial<TryAgain> = {}): TryAgain {
  return { everyMs: 3_000, refusals: 3, reachable: () => true, unanswered: (error) => error === UNANSWERED, stopped: () => false, ...overrides };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('sending anew after a change the link left unanswered', () => {
  it('keeps trying while its tries go unanswered (the link is down), then succeeds once the link answers', async () => {
    const { tries, attempt } = repair([UNANSWERED, UNANSWERED, UNANSWERED, UNANSWERED]);
    const done = tryAgain(attempt, policy());
    await vi.advanceTimersByTimeAsync(4 * 3_000);
    await expect(done).resolves.toBeUndefined();
    expect(tries.count).toBe(5);
  });

  it('gives up on the third refusal, and says why (the person is then told)', async () => {
    const { tries, attempt } = repair([REFUSED, UNANSWERED, REFUSED, REFUSED]);
    const done = tryAgain(attempt, policy());
    const outcome = expect(done).rejects.toBe(REFUSED);
    await vi.advanceTimersByTimeAsync(3 * 3_000);
    await outcome;
    expect(tries.count).toBe(4);
  });

  it('does not try while the socket is down, and tries as soon as it is back', async () => {
    let connected = false;
    const { tries, attempt } = repair([]);
    const done = tryAgain(attempt, policy({ reachable: () => connected }));
    await vi.advanceTimersByTimeAsync(30_000);
    expect(tries.count).toBe(0);
    connected = true;
    await vi.advanceTimersByTimeAsync(3_000);
    await expect(done).resolves.toBeUndefined();
    expect(tries.count).toBe(1);
  });

  it('stops when the session ends (she left the room meanwhile)', async () => {
    let ended = false;
    const { tries, attempt } = repair(Array<Error>(100).fill(UNANSWERED));
    const done = tryAgain(attempt, policy({ stopped: () => ended }));
    await vi.advanceTimersByTimeAsync(2 * 3_000);
    ended = true;
    await vi.advanceTimersByTimeAsync(3_000);
    await expect(done).resolves.toBeUndefined();
    expect(tries.count).toBe(3);
  });
});
