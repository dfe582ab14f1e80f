import { describe, expect, it } from 'vitest';
import { CameraSteps, RETRY_PAUSED_CAMERA_MS } from '../../../client/media/cameraSteps';
import type { CameraAllowance } from '../../../client/media/mediaSession';

const THIN = 40_000;
const FINE = 400_000;

/** Feeds one estimate a second, as the room samples, and follows each change; answers what the camera may do each second. */
function run(steps: CameraSteps, estimates: (number | undefined)[], from: CameraAllowance, startAt: number): CameraAllowance[] {
  let current = from;
  return estimates.map((estimate, second) => {
    current = steps.next(current, estimate, startAt + second * 1000) ?? current;
    return current;
  });
}

const seconds = (count: number, estimate: number) => Array<number>(count).fill(estimate);

describe('one’s own camera on an uplink that thins and recovers', () => {
  it('pauses after three thin samples in a row, not after one', () => {
    const steps = new CameraSteps();
    expect(run(steps, [THIN, FINE, THIN, THIN, THIN], 'all', 0)).toEqual(['all', 'all', 'all', 'all', 'none']);
  });

  it('is not held back by samples without an estimate, which a congested uplink brings (its path checking itself again)', () => {
    const steps = new CameraSteps();
    expect(run(steps, [THIN, undefined, THIN, undefined, undefined, THIN], 'all', 0)).toEqual(['all', 'all', 'all', 'all', 'all', 'none']);
    expect(run(new CameraSteps(), [undefined, undefined, undefined], 'all', 0)).toEqual(['all', 'all', 'all']);
  });

  it('comes back after eight samples that say the link carries it', () => {
    const steps = new CameraSteps();
    run(steps, seconds(3, THIN), 'all', 0);
    expect(run(steps, [...seconds(7, FINE), THIN, ...seconds(8, FINE)], 'none', 3_000)).toEqual([
      ...seconds(7, 0).map(() => 'none'),
      'none',
      ...seconds(7, 0).map(() => 'none'),
      'all',
    ]);
  });

  it('tries again after a while when paused (the estimate cannot grow on nothing sent), waiting twice as long after each failed try', () => {
    const steps = new CameraSteps();
    run(steps, seconds(3, THIN), 'all', 0);
    const waiting = run(steps, seconds(RETRY_PAUSED_CAMERA_MS / 1000 + 1, THIN), 'none', 2_000);
    expect(waiting.indexOf('all')).toBe(RETRY_PAUSED_CAMERA_MS / 1000);
    // The try fails: paused again three samples later, and the next try comes after twice as long.
    const after = run(steps, seconds(3 + (2 * RETRY_PAUSED_CAMERA_MS) / 1000 + 1, THIN), 'all', 100_000);
    expect(after.slice(0, 3)).toEqual(['all', 'all', 'none']);
    expect(after.indexOf('all', 3)).toBe(2 + (2 * RETRY_PAUSED_CAMERA_MS) / 1000);
  });

  it('keeps sending once a try finds the link carries it, and waits the shortest time before its next try', () => {
    const steps = new CameraSteps();
    run(steps, seconds(3, THIN), 'all', 0);
    run(steps, seconds(RETRY_PAUSED_CAMERA_MS / 1000 + 1, THIN), 'none', 2_000);
    expect(run(steps, seconds(30, FINE), 'all', 30_000).every((allowance) => allowance === 'all')).toBe(true);
    run(steps, seconds(3, THIN), 'all', 60_000);
    expect(run(steps, seconds(RETRY_PAUSED_CAMERA_MS / 1000 + 1, THIN), 'none', 63_000).at(-1)).toBe('all');
  });

  it('says the link carries the camera again only after eight samples in a row say so, not at a try (speech stays in its thin-uplink packets until then)', () => {
    const steps = new CameraSteps();
    expect(run(steps, seconds(8, FINE), 'all', 0).at(-1)).toBe('all');
    expect(steps.holding).toBe(true);
    run(steps, seconds(3, THIN), 'all', 8_000);
    expect(steps.holding).toBe(false);
    expect(run(steps, seconds(RETRY_PAUSED_CAMERA_MS / 1000 + 1, THIN), 'none', 11_000).at(-1)).toBe('all');
    expect(steps.holding).toBe(false);
    run(steps, seconds(7, FINE), 'all', 40_000);
    expect(steps.holding).toBe(false);
    run(steps, [FINE], 'all', 47_000);
    expect(steps.holding).toBe(true);
  });
});
