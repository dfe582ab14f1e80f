import { DEFAULT_TIME_ZONE } from './mexico';

/** Formatters by known time zone (only a valid one is kept): making one costs far more than using it, and a report asks thousands of times. */
const wallClocks = new Map<string, Intl.DateTimeFormat>();

function wallClockOf(timeZone: string): Intl.DateTimeFormat {
  let format = wallClocks.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    wallClocks.set(timeZone, format);
  }
  return format;
}

/** Whether this runtime knows `zone` as an IANA time zone (America/Mexico_City, America/Tijuana, …). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    wallClockOf(zone);
    return true;
  } catch {
    return false;
  }
}

function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = wallClockOf(timeZone).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second')) - instant;
}

/**
 * The instant at which the clocks of `timeZone` show `local`; undefined for a date that does
 * not exist (30 February) or a time skipped by a daylight-saving change.
 */
export function zonedWallTimeToUtc(local: string, timeZone: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return undefined;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // Two passes settle the offset even when the first guess lands across a DST change.
  let instant = wall - zoneOffsetMs(wall, timeZone);
  instant = wall - zoneOffsetMs(instant, timeZone);
  return utcToZonedWallTime(new Date(instant), timeZone) === local ? new Date(instant) : undefined;
}

/** The wall-clock reading (YYYY-MM-DDTHH:mm) of an instant in a time zone. */
export function utcToZonedWallTime(instant: Date, timeZone: string): string {
  const shifted = new Date(instant.getTime() + zoneOffsetMs(instant.getTime(), timeZone));
  return shifted.toISOString().slice(0, 16);
}

/** The instants a range of Mexican calendar days covers: from the first midnight up to (not including) the midnight after the last. */
export function calendarRangeToUtc(range: { from: string; to: string }, timeZone: string): { from: Date; until: Date } {
  const next = new Date(`${range.to}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  const from = zonedWallTimeToUtc(`${range.from}T00:00`, timeZone);
  const until = zonedWallTimeToUtc(`${next.toISOString().slice(0, 10)}T00:00`, timeZone);
  if (!from || !until) throw new RangeError(`not a calendar range: ${range.from}–${range.to}`);
  return { from, until };
}

/** The calendar day (YYYY-MM-DD) an instant falls on in a time zone; Mexico City's unless told. */
export function calendarDayOf(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  return utcToZonedWallTime(instant, timeZone).slice(0, 10);
}
