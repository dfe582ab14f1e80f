import { daysBetween } from '../shared/pathway';
import { daysInTransit, STUDY_NEAR_DUE, type StudyAttention, type StudyClock, type StudyDto, type Turnaround } from '../shared/studies';
import { calendarDayOf } from '../shared/time';
import { formatDate, formatTime } from './format';
import { i18n } from './i18n';

const t = i18n.global.t;

/** An amount in a turnaround's unit: "24 h", "5 días". */
export const turnaroundAmount = (count: number, unit: Turnaround['unit']) => (unit === 'hours' ? t('studies.hours', { n: count }) : t('studies.days', count));

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
 * compromiso de 24 h". Before the receipt it says from when the commitment counts: the one the
 * study was sent with.
 */
export function studyClockSentence(study: Pick<StudyDto, 'type' | 'turnaround' | 'clock' | 'receivedAt' | 'resultedAt'>, today: string): string {
  const name = t(`studies.types.${study.type}`);
  const clock = study.clock;
  if (!clock) {
    return t('studies.clock.notReceived', { study: name, allowed: turnaroundAmount(study.turnaround.amount, study.turnaround.unit) });
  }
  const { unit } = clock.turnaround;
  const allowed = turnaroundAmount(clock.turnaround.amount, unit);
  const due = dueWords(clock.dueAt, unit, today);
  const late = turnaroundAmount(clock.late, unit);
  // Hours are counted on the clock; days on the calendar, as the server counts them.
  const took =
    unit === 'hours'
      ? turnaroundAmount(Math.round(clock.elapsedHours), unit)
      : turnaroundAmount(daysBetween(calendarDayOf(new Date(clock.receivedAt)), calendarDayOf(new Date(study.resultedAt ?? Date.now()))), unit);
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

/**
 * A study's clock colour (a tone-* class of styles.css): `pending` before the receipt, amber while
 * waiting as close to the due time as the lists of late studies warn of (shared STUDY_NEAR_DUE).
 */
export function studyTone(clock: StudyClock | null): StudyClock['state'] | 'near' | 'pending' {
  if (!clock) return 'pending';
  if (clock.state !== 'waiting') return clock.state;
  return clock.left <= STUDY_NEAR_DUE[clock.turnaround.unit] ? 'near' : 'waiting';
}

/** The colour of a study listed with the late ones: red past its due time, amber near it or not received. */
export const attentionTone = (attention: StudyAttention): 'overdue' | 'near' => (attention === 'overdue' ? 'overdue' : 'near');

/**
 * Why a study is listed with the late ones, in a few words: "vencido hace 5 h", "vence en 3 h",
 * "vence mañana", "enviado hace 3 días, sin recepción en el laboratorio".
 */
export function studyAttentionWords(study: Pick<StudyDto, 'attention' | 'clock' | 'sentAt'>, today: string): string {
  const clock = study.clock;
  if (study.attention === 'overdue' && clock) return t('studies.attention.overdue', { late: turnaroundAmount(clock.late, clock.turnaround.unit) });
  if (study.attention === 'near_due' && clock) return t(clock.turnaround.unit === 'hours' ? 'studies.attention.nearHours' : 'studies.attention.nearDays', clock.left);
  return t('studies.attention.notReceived', daysInTransit(new Date(study.sentAt), today));
}

/** The order studies are named in where a case shows them: what is already late first, then what may be lost on the way, then what is due soon (as the home page's list). */
const URGENCY: Record<StudyAttention | 'none', number> = { overdue: 0, not_received: 1, near_due: 2, none: 3 };
export const byUrgency = (a: Pick<StudyDto, 'attention'>, b: Pick<StudyDto, 'attention'>) => URGENCY[a.attention ?? 'none'] - URGENCY[b.attention ?? 'none'];

/**
 * The studies of a case still without result, as an agenda marks the case, the late ones first:
 * "Resultados pendientes: IHQ (vencido), inmunofenotipo"; none when every study is resulted.
 */
export function pendingResultsWords(studies: readonly Pick<StudyDto, 'type' | 'resultedAt' | 'attention'>[]): string | null {
  const pending = studies.filter((study) => !study.resultedAt).sort(byUrgency);
  if (pending.length === 0) return null;
  const names = pending.map((study) => {
    const name = t(`studies.short.${study.type}`);
    return study.attention ? t('studies.pending.withState', { name, state: t(`studies.pending.states.${study.attention}`) }) : name;
  });
  return t('studies.pending.list', { studies: names.join(', ') });
}
