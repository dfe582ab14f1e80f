/** The middle of the values, or the mean of the two middle ones for an even count; null for none. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The `percent`th percentile by nearest rank: the value at position ceil(percent/100 · n) in
 * ascending order, always one of the values (no interpolation); null for none.
 */
export function nearestRankPercentile(values: readonly number[], percent: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((percent * sorted.length) / 100)) - 1]!;
}
