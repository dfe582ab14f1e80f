/** Past this many, expired entries are swept out as new ones come. */
const SWEEP_ABOVE = 1_000;

interface Entry<V> {
  value: V;
  until: number;
}

/**
 * Database reads kept for a short while, by key, so that a burst of requests reads once. What
 * changes the data forgets the entries it touches (`forget`, which every instance hears), so a
 * change shows at once; the lifetime bounds only what a change made outside the app takes to show
 * (a restore of a backup, a database edited by hand).
 */
export class KeptReads<V> {
  private readonly entries = new Map<string, Entry<V>>();
  /** Bumped by every `forget`: a read that started before one is not kept, as it may predate the change. */
  private generation = 0;

  constructor(
    private readonly lifetimeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The value for `key`, from a recent read or else from `load`. `keepUntil` says until when a
   * loaded value may be trusted (capped by the lifetime), or that it may not be kept at all.
   */
  async read(key: string, load: () => Promise<V | undefined>, keepUntil: (value: V) => number | 'never' = () => Number.POSITIVE_INFINITY): Promise<V | undefined> {
    const entry = this.entries.get(key);
    if (entry && entry.until > this.now()) return entry.value;
    this.entries.delete(key);
    const startedAt = this.generation;
    const loaded = await load();
    if (loaded !== undefined && startedAt === this.generation) {
      const until = keepUntil(loaded);
      if (until !== 'never') this.keep(key, loaded, until);
    }
    return loaded;
  }

  /** Forgets every entry `matches`; reads under way are not kept. */
  forget(matches: (value: V, key: string) => boolean = () => true): void {
    this.generation += 1;
    for (const [key, { value }] of this.entries) if (matches(value, key)) this.entries.delete(key);
  }

  private keep(key: string, value: V, until: number): void {
    const now = this.now();
    if (this.entries.size >= SWEEP_ABOVE) for (const [other, entry] of this.entries) if (entry.until <= now) this.entries.delete(other);
    this.entries.set(key, { value, until: Math.min(now + this.lifetimeMs, until) });
  }
}
