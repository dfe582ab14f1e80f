import type { RequestName } from '../../shared/events';

/** `capacity` requests at once, then `perSecond` more each second. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = capacity;
    this.last = now();
  }

  take(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

type Limit = { capacity: number; perSecond: number };

/**
 * How fast a socket may send any request (entering a full room asks for a few hundred consumers
 * at once), and how fast an account, over all its sockets, may send what people type: chat lines
 * and opinion drafts, which are stored and sent to everyone.
 */
const ANY_REQUEST: Limit = { capacity: 300, perSecond: 100 };
const TYPED: Partial<Record<RequestName, Limit>> = {
  'chat:send': { capacity: 8, perSecond: 1 },
  'opinion:saveDraft': { capacity: 10, perSecond: 4 },
};
/** Refusals in a row after which a socket is taken for a flood and closed. */
export const FLOOD_REFUSALS = 100;

export type RateVerdict = 'ok' | 'too_fast' | 'flood';

/** The rate limits of one server's sockets and accounts (in memory: each instance counts its own). */
export class RequestRates {
  private readonly sockets = new WeakMap<object, { any: TokenBucket; refusedInARow: number }>();
  private readonly accounts = new Map<string, Map<RequestName, TokenBucket>>();

  constructor(private readonly now: () => number = Date.now) {}

  admit(socket: object, accountId: string, event: RequestName): RateVerdict {
    let state = this.sockets.get(socket);
    if (!state) this.sockets.set(socket, (state = { any: new TokenBucket(ANY_REQUEST.capacity, ANY_REQUEST.perSecond, this.now), refusedInARow: 0 }));
    const typed = TYPED[event];
    const admitted = state.any.take() && (!typed || this.accountBucket(accountId, event, typed).take());
    state.refusedInARow = admitted ? 0 : state.refusedInARow + 1;
    if (admitted) return 'ok';
    return state.refusedInARow >= FLOOD_REFUSALS ? 'flood' : 'too_fast';
  }

  private accountBucket(accountId: string, event: RequestName, limit: Limit): TokenBucket {
    let buckets = this.accounts.get(accountId);
    if (!buckets) this.accounts.set(accountId, (buckets = new Map<RequestName, TokenBucket>()));
    let bucket = buckets.get(event);
    if (!bucket) buckets.set(event, (bucket = new TokenBucket(limit.capacity, limit.perSecond, this.now)));
    return bucket;
  }
}
