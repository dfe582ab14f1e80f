import { performance } from 'node:perf_hooks';

/** The value below which the share `q` of the sorted values lie. */
export function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** Median, 90th percentile, fastest and slowest of some timings (ms). */
export interface Spread {
  median: number;
  p90: number;
  min: number;
  max: number;
}

export function spreadOf(times: number[]): Spread {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), p90: quantile(sorted, 0.9), min: sorted[0]!, max: sorted.at(-1)! };
}

export const median = (values: number[]): number => spreadOf(values).median;

/**
 * Each of `works` timed `rounds` times (ms), taking turns round by round, so that what the shared
 * machine does meanwhile falls on all of them alike.
 */
export async function timeInTurns(rounds: number, works: (() => Promise<unknown>)[]): Promise<number[][]> {
  const times = works.map((): number[] => []);
  for (let round = 0; round < rounds; round++) {
    for (const [index, work] of works.entries()) {
      const start = performance.now();
      await work();
      times[index]!.push(performance.now() - start);
    }
  }
  return times;
}
