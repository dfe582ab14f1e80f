import type { Actor } from './actor';

/** How long a checked sign-in is trusted without reading it again, unless its account changes first. */
export const RECENT_SIGN_IN_MS = 3_000;
/** Past this many, expired entries are swept out as new ones come. */
const SWEEP_ABOVE = 1_000;

interface Entry {
  actor: Actor;
  until: number;
}

/**
 * Sign-ins checked in the last few seconds, by their token's hash: a page's burst of requests, and
 * every request of a socket in a live room, read the sign-in and the account once instead of each
 * time. A sign-out or a change to an account forgets its entries (`forget`, which every instance
 * hears), so it still stops at once; the short lifetime bounds only what a change made outside the
 * app takes to show (a restore of a backup, a database edited by hand). An invited guest's check is
 * never kept: it also depends on their session's state, which no account change announces.
 */
export class RecentSignIns {
  private readonly entries = new Map<string, Entry>();
  /** Bumped by every `forget`: a read that started before one is not kept, as it may predate the change. */
  private generation = 0;

  constructor(
    private readonly lifetimeMs = RECENT_SIGN_IN_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The actor behind `hash`, from a recent check or else from `check`, which answers it and when its sign-in expires. */
  async actorFor(hash: string, check: () => Promise<{ actor: Actor; expiresAt: Date } | undefined>): Promise<Actor | undefined> {
    const entry = this.entries.get(hash);
    if (entry && entry.until > this.now()) return entry.actor;
    this.entries.delete(hash);
    const startedAt = this.generation;
    const checked = await check();
    if (checked && !checked.actor.guest && startedAt === this.generation) this.keep(hash, checked.actor, checked.expiresAt);
    return checked?.actor;
  }

  /** The account (or guest) `actorId` changed or signed out: every sign-in of theirs is checked again at its next request. */
  forget(actorId: string): void {
    this.generation += 1;
    for (const [hash, { actor }] of this.entries) if (actor.id === actorId) this.entries.delete(hash);
  }

  private keep(hash: string, actor: Actor, expiresAt: Date): void {
    const now = this.now();
    if (this.entries.size >= SWEEP_ABOVE) for (const [key, { until }] of this.entries) if (until <= now) this.entries.delete(key);
    this.entries.set(hash, { actor, until: Math.min(now + this.lifetimeMs, expiresAt.getTime()) });
  }
}
