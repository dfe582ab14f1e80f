/** One join or leave of one connection (a tab, a reconnection) of one person. */
export interface PresenceMark {
  peerId: string;
  kind: 'join' | 'leave';
  at: Date;
}

export interface Interval {
  from: Date;
  to: Date;
}

/**
 * The stretches a person was in the room: present while at least one of their connections is
 * in, so several tabs and reconnections never count twice. Marks are taken in clock order
 * whatever order they were stored in; a leave without its join is ignored; a connection still
 * in when the marks end (the room closed, the server stopped) stays until the window's end.
 * Everything is clipped to the window.
 */
export function presenceIntervals(marks: readonly PresenceMark[], window: Interval): Interval[] {
  const ordered = [...marks].sort((a, b) => a.at.getTime() - b.at.getTime() || (a.kind === b.kind ? 0 : a.kind === 'join' ? -1 : 1));
  const open = new Set<string>();
  const raw: Interval[] = [];
  let since: Date | null = null;
  for (const mark of ordered) {
    if (mark.kind === 'join') {
      if (open.size === 0) since = mark.at;
      open.add(mark.peerId);
    } else if (open.delete(mark.peerId) && open.size === 0 && since) {
      raw.push({ from: since, to: mark.at });
      since = null;
    }
  }
  if (since) raw.push({ from: since, to: window.to });
  return mergeIntervals(raw.map((interval) => clip(interval, window)).filter((interval): interval is Interval => interval !== null));
}

/** Overlapping or touching intervals become one. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const merged: Interval[] = [];
  for (const interval of [...intervals].sort((a, b) => a.from.getTime() - b.from.getTime())) {
    const last = merged.at(-1);
    if (last && interval.from.getTime() <= last.to.getTime()) {
      if (interval.to > last.to) last.to = interval.to;
    } else {
      merged.push({ from: interval.from, to: interval.to });
    }
  }
  return merged;
}

export function totalMs(intervals: readonly Interval[]): number {
  return intervals.reduce((sum, interval) => sum + interval.to.getTime() - interval.from.getTime(), 0);
}

function clip(interval: Interval, window: Interval): Interval | null {
  const from = interval.from > window.from ? interval.from : window.from;
  const to = interval.to < window.to ? interval.to : window.to;
  return to > from ? { from, to } : null;
}
