import type { Actor } from './actor';
import { KeptReads } from './keptReads';

/** How long a checked sign-in is trusted without reading it again, unless its account changes first. */
export const RECENT_SIGN_IN_MS = 3_000;

interface Checked {
  actor: Actor;
  expiresAt: Date;
}

/**
 * Sign-ins checked in the last few seconds, by their token's hash: a page's burst of requests, and
 * every request of a socket in a live room, read the sign-in and the account once instead of each
 * time. A sign-out or a change to an account forgets its entries, so it still stops at once. An
 * invited guest's check is never kept: it also depends on their session's state, which no account
 * change announces.
 */
export class RecentSignIns {
  private readonly kept: KeptReads<Checked>;

  constructor(lifetimeMs = RECENT_SIGN_IN_MS, now: () => number = Date.now) {
    this.kept = new KeptReads(lifetimeMs, now);
  }

  /** The actor behind `hash`, from a recent check or else from `check`, which answers it and when its sign-in expires. */
  async actorFor(hash: string, check: () => Promise<Checked | undefined>): Promise<Actor | undefined> {
    const checked = await this.kept.read(hash, check, ({ actor, expiresAt }) => (actor.guest ? 'never' : expiresAt.getTime()));
    return checked?.actor;
  }

  /** The account (or guest) `actorId` changed or signed out: every sign-in of theirs is checked again at its next request. */
  forget(actorId: string): void {
    this.kept.forget(({ actor }) => actor.id === actorId);
  }
}
