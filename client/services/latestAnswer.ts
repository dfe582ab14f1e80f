/**
 * For reads of one thing that may answer out of order (filters changed, news came meanwhile): an
 * answer counts only when no later read was asked since, as an earlier one may carry older data.
 */
export function latestAnswer() {
  let asked = 0;
  /** The answer, or undefined when a later read has been asked meanwhile. */
  return async <T>(reading: Promise<T>): Promise<T | undefined> => {
    const mine = ++asked;
    const answer = await reading;
    return mine === asked ? answer : undefined;
  };
}
