import { createHash } from 'node:crypto';
import type { Models } from '../db/models';

/**
 * Counts failed sign-ins per key (an address or an email) in a sliding window; past the limit the
 * key is refused until its oldest failure ages out. Kept in the database, so that every instance
 * of the server counts the same tries, and a restart forgets none.
 */
export class LoginThrottle {
  constructor(
    private readonly models: Pick<Models, 'signInFailures'>,
    /** Which throttle (per email, per address): keys of different throttles never meet. */
    private readonly name: string,
    private readonly maxFailures = 5,
    private readonly windowMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Counts an attempt as failed before it is checked, in one write: attempts made in parallel (on
   * any instance) meet the limit like attempts made one after another. Answers 0 when it may go
   * ahead (a success takes the count back), or the milliseconds until the key may try again (then
   * it is not counted).
   */
  async attempt(key: string): Promise<number> {
    const id = this.idOf(key);
    const since = this.now() - this.windowMs;
    const after = await this.models.signInFailures.findOneAndUpdate({ _id: id }, { $push: { failures: this.now() } }, { upsert: true, returnDocument: 'after' }).lean();
    const failures = after?.failures ?? [];
    const recent = failures.filter((at) => at > since);
    if (recent.length <= this.maxFailures) {
      // Failures that aged out go (unless another attempt changed the list meanwhile), so a key tried now and then keeps a short list.
      if (recent.length < failures.length) {
        await this.models.signInFailures.updateOne({ _id: id, failures }, { $set: { failures: recent } });
      }
      return 0;
    }
    await this.forgiveOne(key);
    return recent[recent.length - this.maxFailures - 1]! + this.windowMs - this.now();
  }

  /** Takes back the newest failure counted: an attempt counted in advance that succeeded. */
  async forgiveOne(key: string): Promise<void> {
    await this.models.signInFailures.updateOne({ _id: this.idOf(key) }, { $pop: { failures: 1 } });
  }

  async reset(key: string): Promise<void> {
    await this.models.signInFailures.deleteOne({ _id: this.idOf(key) });
  }

  private idOf(key: string): string {
    return createHash('sha256').update(`${this.name}\n${key}`).digest('hex');
  }
}
