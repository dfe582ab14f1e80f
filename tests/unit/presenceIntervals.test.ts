import { describe, expect, it } from 'vitest';
import { presenceIntervals, totalMs, type PresenceMark } from '../../server/domain/presenceIntervals';

const start = new Date('2026-11-23T16:00:00Z');
const at = (minute: number) => new Date(start.getTime() + minute * 60_000);
const join = (peerId: string, minute: number): PresenceMark => ({ peerId, kind: 'join', at: at(minute) });
const leave = (peerId: string, minute: number): PresenceMark => ({ peerId, kind: 'leave', at: at(minute) });
const window = { from: at(0), to: at(90) };
const minutes = (marks: PresenceMark[]) =>
  presenceIntervals(marks, window).map(({ from, to }) => [(from.getTime() - start.getTime()) / 60_000, (to.getTime() - start.getTime()) / 60_000]);

describe('presence intervals of one person', () => {
  it('counts two tabs open at once only once', () => {
    expect(minutes([join('a', 5), join('b', 10), leave('a', 40), leave('b', 60)])).toEqual([[5, 60]]);
  });

  it('keeps the gap of a reconnection out, and the time on both sides in', () => {
    const marks = [join('a', 0), leave('a', 20), join('b', 22), leave('b', 80)];
    expect(minutes(marks)).toEqual([
      [0, 20],
      [22, 80],
    ]);
    expect(totalMs(presenceIntervals(marks, window)) / 60_000).toBe(78);
  });

  it('ignores a leave without its join', () => {
    expect(minutes([leave('ghost', 3), join('a', 10), leave('a', 30), leave('a', 50)])).toEqual([[10, 30]]);
  });

  it('takes marks in clock order whatever order they were stored in', () => {
    expect(minutes([leave('b', 70), join('a', 10), leave('a', 45), join('b', 30)])).toEqual([[10, 70]]);
  });

  it('keeps a connection that never left until the end of the session', () => {
    expect(minutes([join('a', 60)])).toEqual([[60, 90]]);
  });

  it('counts only the session: time in the lobby before the start and after the end is clipped', () => {
    expect(minutes([join('a', -25), leave('a', 100)])).toEqual([[0, 90]]);
    expect(minutes([join('a', -25), leave('a', -5)])).toEqual([]);
  });

  it('ignores a second join of the same connection', () => {
    expect(minutes([join('a', 10), join('a', 20), leave('a', 30)])).toEqual([[10, 30]]);
  });
});
