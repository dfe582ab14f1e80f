/** When a repair of the media is tried again, and when it is given up. */
export interface TryAgain {
  /** How long after a failed try, or a look while the link is down, the next one comes. */
  everyMs: number;
  /** Refusals taken before giving up; a try left unanswered is the link still down, and does not count. */
  refusals: number;
  /** Whether a try can reach the server now (the socket is connected). */
  reachable: () => boolean;
  /** Whether the answer of a failed try never came. */
  unanswered: (error: unknown) => boolean;
  /** Whether the repair is no longer wanted (the session ended). */
  stopped: () => boolean;
}

export const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Tries `attempt` until it succeeds, the repair is stopped, or the server has refused it
 * `refusals` times (the last refusal is thrown). While the link is down it waits for it.
 */
export async function tryAgain(attempt: () => Promise<void>, policy: TryAgain, onRetry: (error: unknown) => void = () => undefined): Promise<void> {
  for (let refused = 0; !policy.stopped(); await wait(policy.everyMs)) {
    if (!policy.reachable()) continue;
    try {
      return await attempt();
    } catch (error) {
      if (!policy.unanswered(error) && ++refused === policy.refusals) throw error;
      onRetry(error);
    }
  }
}
