import { DEFAULT_TIME_ZONE } from '../../shared/mexico';

/** "lunes, 23 de noviembre de 2026, 10:00" (the 24-hour clock hospitals keep): how documents for Mexican clinicians say when. */
export function formatMexicanDateTime(instant: Date | string, timeZone = DEFAULT_TIME_ZONE): string {
  return new Intl.DateTimeFormat('es-MX', { dateStyle: 'full', timeStyle: 'short', timeZone, hourCycle: 'h23' }).format(new Date(instant));
}

export function formatMexicanDate(instant: Date | string, timeZone = DEFAULT_TIME_ZONE): string {
  return new Intl.DateTimeFormat('es-MX', { dateStyle: 'long', timeZone }).format(new Date(instant));
}

/** "lunes, 15 de diciembre de 2031": a calendar day (YYYY-MM-DD), which has no hour for a time zone to move to another day. */
export function formatMexicanDay(day: string): string {
  return new Intl.DateTimeFormat('es-MX', { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
}
