import { DEFAULT_TIME_ZONE } from '../../shared/mexico';
import { utcToZonedWallTime, zonedWallTimeToUtc } from '../../shared/time';

/** Now on Mexico City's clock, as a date-time field shows it (2026-12-01T18:30), whatever the browser's zone. */
export const wallClockNow = (): string => utcToZonedWallTime(new Date(), DEFAULT_TIME_ZONE);

/** A date-time field read on Mexico City's clock, as the instant the server expects; '' when the field does not hold one. */
export function instantOfWallClock(local: string): string {
  return zonedWallTimeToUtc(local, DEFAULT_TIME_ZONE)?.toISOString() ?? '';
}
