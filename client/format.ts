import { DEFAULT_TIME_ZONE } from '../shared/mexico';
import { i18n } from './i18n';

/** Dates as Mexican clinicians read them, in the session's time zone (central Mexico by default). */
export function formatDateTime(iso: string, timeZone = DEFAULT_TIME_ZONE): string {
  return new Intl.DateTimeFormat(i18n.global.locale.value, {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(iso));
}

export function formatTime(iso: string, timeZone = DEFAULT_TIME_ZONE): string {
  return new Intl.DateTimeFormat(i18n.global.locale.value, { timeStyle: 'short', timeZone }).format(new Date(iso));
}

/** The zone's short name (CST, GMT-6…) so nobody guesses which clock a time is on. */
export function zoneLabel(timeZone = DEFAULT_TIME_ZONE): string {
  const parts = new Intl.DateTimeFormat(i18n.global.locale.value, { timeZone, timeZoneName: 'short' }).formatToParts(new Date());
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
}
