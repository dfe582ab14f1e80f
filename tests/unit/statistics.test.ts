import { describe, expect, it } from 'vitest';
import { median, nearestRankPercentile } from '../../server/domain/statistics';

describe('report statistics', () => {
  it('give the median as the middle value, or the mean of the two middle ones, whatever the order', () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('give the 90th percentile by nearest rank: always one of the values, never interpolated', () => {
    const tenDays = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    expect(nearestRankPercentile(tenDays, 90)).toBe(9);
    expect(nearestRankPercentile([...tenDays, 11], 90)).toBe(10);
    expect(nearestRankPercentile([4, 1, 3, 2], 90)).toBe(4);
    expect(nearestRankPercentile([6], 90)).toBe(6);
    expect(
      nearestRankPercentile(
        Array.from({ length: 70 }, (_, index) => 70 - index),
        90,
      ),
    ).toBe(63);
    expect(nearestRankPercentile([3, 1], 1)).toBe(1);
    expect(nearestRankPercentile([], 90)).toBeNull();
  });
});
