import { DEFAULT_TIME_ZONE } from '../shared/mexico';
import { i18n } from './i18n';

/**
 * Spanish times on the 24-hour clock, as hospitals keep them: no "a.m." to misread (or to end a
 * sentence with a second period); English keeps its own.
 */
function clock(): Pick<Intl.DateTimeFormatOptions, 'hourCycle'> {
  return i18n.global.locale.value.startsWith('es') ? { hourCycle: 'h23' } : {};
}

/**
 * Dates as Mexican clinicians read them, in the session's time zone (central Mexico by default);
 * `medium` ("1 dic 2026, 18:30") where several times share a line, as a study's do.
 */
export function formatDateTime(iso: string, timeZone = DEFAULT_TIME_ZONE, dateStyle: 'full' | 'medium' = 'full'): string {
  return new Intl.DateTimeFormat(i18n.global.locale.value, { dateStyle, timeStyle: 'short', timeZone, ...clock() }).format(new Date(iso));
}

export function formatTime(iso: string, timeZone = DEFAULT_TIME_ZONE): string {
  return new Intl.DateTimeFormat(i18n.global.locale.value, { timeStyle: 'short', timeZone, ...clock() }).format(new Date(iso));
}

/**
 * A calendar date (YYYY-MM-DD, as due dates are kept) in words: the same day wherever it is read.
 * `medium` abbreviates the month ("1 dic 2026") where room is short, as on a time axis.
 */
export function formatDate(day: string, dateStyle: 'long' | 'medium' = 'long'): string {
  return new Intl.DateTimeFormat(i18n.global.locale.value, { dateStyle, timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
}

/** A zone by the region and city people know it by, with its offset now: "Centro — Ciudad de México (GMT-6)". */
export function zoneName(timeZone: string): string {
  const city = timeZone.slice(timeZone.indexOf('/') + 1);
  return `${i18n.global.t(`timeZones.${city}`)} (${zoneLabel(timeZone)})`;
}

/** The zone's short name (CST, GMT-6…) so nobody guesses which clock a time is on. */
export function zoneLabel(timeZone = DEFAULT_TIME_ZONE): string {
  const parts = new Intl.DateTimeFormat(i18n.global.locale.value, { timeZone, timeZoneName: 'short' }).formatToParts(new Date());
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
}
