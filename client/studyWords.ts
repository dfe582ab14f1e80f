import { daysBetween } from '../shared/pathway';
import type { StudyDto, Turnaround } from '../shared/studies';
import { calendarDayOf } from '../shared/time';
import { formatDate, formatTime } from './format';
import { i18n } from './i18n';

const t = i18n.global.t;

/** An amount in a turnaround's unit: "24 h", "5 días". */
const amount = (count: number, unit: Turnaround['unit']) => (unit === 'hours' ? t('studies.hours', { n: count }) : t('studies.days', count));

/**
 * When a study falls due, on Mexico City's clock: an hours-counted one at its hour ("hoy a las
 * 18:30"), a days-counted one by the end of its last day ("el 3 de diciembre de 2026").
 */
function dueWords(dueAt: string, unit: Turnaround['unit'], today: string): string {
  const due = new Date(dueAt);
  // A days-counted study is due at the midnight that ends its last day: that day is the one named.
  const day = calendarDayOf(unit === 'hours' ? due : new Date(due.getTime() - 1));
  const words = unit === 'hours' ? 'studies.due' : 'studies.dueDay';
  const time = formatTime(dueAt);
  const ahead = daysBetween(today, day);
  if (ahead === 0) return t(`${words}.today`, { time });
  if (ahead === 1) return t(`${words}.tomorrow`, { time });
  return t(`${words}.on`, { date: formatDate(day), time });
}

/**
 * Where a study's turnaround clock stands, in a sentence: "Inmunohistoquímica: quedan 5 h (vence
 * hoy a las 18:30)", "… vencido hace 2 días (vencía …)", "… entregado en 20 h, dentro del
 * compromiso de 24 h". Before the receipt it says from when the commitment counts.
 */
export function studyClockSentence(study: Pick<StudyDto, 'type' | 'turnaround' | 'clock' | 'receivedAt' | 'resultedAt'>, today: string): string {
  const name = t(`studies.types.${study.type}`);
  const clock = study.clock;
  if (!clock) {
    return t('studies.clock.notReceived', { study: name, allowed: amount(study.turnaround.amount, study.turnaround.unit) });
  }
  const { unit } = clock.turnaround;
  const allowed = amount(clock.turnaround.amount, unit);
  const due = dueWords(clock.dueAt, unit, today);
  const late = amount(clock.late, unit);
  // Hours are counted on the clock; days on the calendar, as the server counts them.
  const took =
    unit === 'hours'
      ? amount(Math.round(clock.elapsedHours), unit)
      : amount(daysBetween(calendarDayOf(new Date(clock.receivedAt)), calendarDayOf(new Date(study.resultedAt ?? Date.now()))), unit);
  switch (clock.state) {
    case 'waiting':
      return unit === 'hours' ? t('studies.clock.waitingHours', { study: name, due }, clock.left) : t('studies.clock.waitingDays', { study: name, due }, clock.left);
    case 'overdue':
      return t('studies.clock.overdue', { study: name, late, due });
    case 'met':
      return t('studies.clock.met', { study: name, took, allowed });
    case 'missed':
      return t('studies.clock.missed', { study: name, took, late, allowed });
  }
}
