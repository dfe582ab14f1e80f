import { cameraAllowance } from './linkQuality';
import type { CameraAllowance } from './mediaSession';

/** The camera pauses after this many samples in a row say so, and comes back after this many say it may. */
const PAUSE_AFTER = 3;
const RESUME_AFTER = 8;
/** A camera paused for the link tries again after this long, twice as long after each failed try, up to the last. */
export const RETRY_PAUSED_CAMERA_MS = 20_000;
const RETRY_PAUSED_CAMERA_MAX_MS = 160_000;

/**
 * Whether one's own camera may send, decided from the browser's estimate of the uplink, one sample
 * at a time: paused soon, back slowly, so a link at the edge does not make it flicker. A camera
 * paused for the link sends nothing for the estimate to grow on, so it cannot tell when the link
 * got better: now and then it tries again, and the estimate says whether the link carries it.
 */
export class CameraSteps {
  private votes: { allowance: CameraAllowance; count: number } = { allowance: 'all', count: 0 };
  private pausedAt?: number;
  private retryAfterMs = RETRY_PAUSED_CAMERA_MS;

  /**
   * The allowance to change to now, or undefined to keep `current`. A sample without an estimate
   * (the path checking itself again, as a congested uplink makes it do) says nothing either way:
   * it neither counts towards a change nor breaks a run of samples that do.
   */
  next(current: CameraAllowance, estimate: number | undefined, now: number): CameraAllowance | undefined {
    if (estimate === undefined) return current === 'none' ? this.retry(now) : undefined;
    const wanted = cameraAllowance(estimate);
    this.votes = wanted === this.votes.allowance ? { allowance: wanted, count: this.votes.count + 1 } : { allowance: wanted, count: 1 };
    if (current === 'none' && wanted === 'none') return this.retry(now);
    if (wanted === current) {
      // A camera that has kept going for a while starts its next pause with the shortest wait again.
      if (this.holding) this.retryAfterMs = RETRY_PAUSED_CAMERA_MS;
      return undefined;
    }
    if (this.votes.count < (wanted === 'none' ? PAUSE_AFTER : RESUME_AFTER)) return undefined;
    if (wanted === 'none') this.pausedAt = now;
    return wanted;
  }

  /** Whether the last RESUME_AFTER estimates in a row said the link carries the camera: it does, not only for a try. */
  get holding(): boolean {
    return this.votes.allowance === 'all' && this.votes.count >= RESUME_AFTER;
  }

  /** Starts over (entering a room, leaving audio only): the next samples decide from scratch. */
  reset(): void {
    this.votes = { allowance: 'all', count: 0 };
    this.pausedAt = undefined;
    this.retryAfterMs = RETRY_PAUSED_CAMERA_MS;
  }

  private retry(now: number): CameraAllowance | undefined {
    this.pausedAt ??= now;
    if (now - this.pausedAt < this.retryAfterMs) return undefined;
    this.retryAfterMs = Math.min(this.retryAfterMs * 2, RETRY_PAUSED_CAMERA_MAX_MS);
    this.pausedAt = undefined;
    this.votes = { allowance: 'all', count: 0 };
    return 'all';
  }
}
