import { addDays, chronologyIssues, daysBetween, ruleInForce } from './pathway';
import { calendarDayOf, calendarRangeToUtc } from './time';
import { DEFAULT_TIME_ZONE } from './mexico';

/**
 * Studies a case's sample is sent for to a reference laboratory, and how soon the network promised
 * families their result: immunohistochemistry within 24 hours, immunophenotype within five days.
 */
export const studyTypes = ['immunohistochemistry', 'immunophenotype', 'molecular', 'cytogenetics', 'other'] as const;
export type StudyType = (typeof studyTypes)[number];

/** Hours count from the receipt; days are Mexico City calendar days after the receipt's. */
export interface Turnaround {
  amount: number;
  unit: 'hours' | 'days';
}

export const defaultStudyTurnaround: Record<StudyType, Turnaround> = {
  immunohistochemistry: { amount: 24, unit: 'hours' },
  immunophenotype: { amount: 5, unit: 'days' },
  molecular: { amount: 10, unit: 'days' },
  cytogenetics: { amount: 14, unit: 'days' },
  other: { amount: 10, unit: 'days' },
};

/**
 * The turnarounds as in force from a Mexico City calendar day on; a study keeps the turnaround in
 * force on the day it was sent (it is stored with the study), so past figures keep their rule.
 */
export interface TurnaroundRule {
  effectiveFrom: string;
  turnarounds: Record<StudyType, Turnaround>;
}

export const defaultTurnaroundRule: TurnaroundRule = { effectiveFrom: '2000-01-01', turnarounds: defaultStudyTurnaround };

/** The turnarounds in force on `day`. */
export const turnaroundsOn = (rules: readonly TurnaroundRule[], day: string): TurnaroundRule => ruleInForce(rules, day, defaultTurnaroundRule);

export const MAX_TURNAROUND: Record<Turnaround['unit'], number> = { hours: 720, days: 90 };

/** A rule as kept: who changed the turnarounds, and when. */
export interface TurnaroundRuleDto extends TurnaroundRule {
  changedBy: string;
  changedByName: string;
  changedAt: string;
}

const HOUR_MS = 3_600_000;
/** A time "now" may be ahead of the server's clock by this much (the browser's clock). */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** The study's times as they would be stored: none in the future (beyond CLOCK_SKEW_MS), each after the one before. */
export function studyTimeIssue(times: { sentAt: Date; receivedAt?: Date | null; resultedAt?: Date | null }, now: Date): { field: string; message: string } | undefined {
  const latest = new Date(now.getTime() + CLOCK_SKEW_MS);
  return chronologyIssues(['sentAt', 'receivedAt', 'resultedAt'] as const, times, (at) => at > latest)[0];
}

/**
 * A study's turnaround clock, from its receipt: `met` or `missed` once resulted; while waiting,
 * `waiting` up to the due instant and `overdue` after it. A result at the due instant is on time.
 */
export interface StudyClock {
  turnaround: Turnaround;
  receivedAt: string;
  dueAt: string;
  /** Hours from the receipt to the result, or to now while waiting (one decimal). */
  elapsedHours: number;
  state: 'met' | 'missed' | 'waiting' | 'overdue';
  /** In the turnaround's unit: what is left while waiting (0: due within the hour, or today); 0 otherwise. */
  left: number;
  /** In the turnaround's unit: how late when missed or overdue; 0 otherwise. */
  late: number;
}

/** The Mexico City calendar day a days-counted study is due by: the receipt's day + N. */
const dueDayOf = (receivedAt: Date, turnaround: Turnaround) => addDays(calendarDayOf(receivedAt), turnaround.amount);

/** When a study received at `receivedAt` is due: N hours later, or at the end of the receipt's Mexico City day + N. */
export function studyDueAt(receivedAt: Date, turnaround: Turnaround): Date {
  if (turnaround.unit === 'hours') return new Date(receivedAt.getTime() + turnaround.amount * HOUR_MS);
  const dueDay = dueDayOf(receivedAt, turnaround);
  return calendarRangeToUtc({ from: dueDay, to: dueDay }, DEFAULT_TIME_ZONE).until;
}

/** The study's clock at `now`; none until the laboratory has received the sample. */
export function studyClock(study: { receivedAt: Date | null; resultedAt: Date | null }, turnaround: Turnaround, now: Date): StudyClock | null {
  if (!study.receivedAt) return null;
  const dueAt = studyDueAt(study.receivedAt, turnaround);
  const until = study.resultedAt ?? now;
  const past = until.getTime() > dueAt.getTime();
  const state = study.resultedAt ? (past ? 'missed' : 'met') : past ? 'overdue' : 'waiting';
  // Hours are counted on the clock; days on the calendar (a day's hours vary with daylight saving).
  const ahead = turnaround.unit === 'hours' ? (dueAt.getTime() - until.getTime()) / HOUR_MS : daysBetween(calendarDayOf(until), dueDayOf(study.receivedAt, turnaround));
  return {
    turnaround,
    receivedAt: study.receivedAt.toISOString(),
    dueAt: dueAt.toISOString(),
    elapsedHours: Math.round(((until.getTime() - study.receivedAt.getTime()) / HOUR_MS) * 10) / 10,
    state,
    left: state === 'waiting' ? Math.max(0, Math.floor(ahead)) : 0,
    late: past ? Math.ceil(-ahead) : 0,
  };
}

/** A sample sent this many days ago and still not received is listed with the late studies: it may be lost on the way. */
export const SAMPLE_TRANSIT_DAYS = 2;

/** Mexico City calendar days from the day a sample was sent to `today`: how long it has been on the way while not received. */
export const daysInTransit = (sentAt: Date, today: string): number => daysBetween(calendarDayOf(sentAt), today);
/** A waiting study is listed with the late ones this close to its due time: hours-counted within 6 h, days-counted from the day before. */
export const STUDY_NEAR_DUE: Record<Turnaround['unit'], number> = { hours: 6, days: 1 };

/** Why a study is listed with what is late: past its due time, close to it, or not received at the laboratory. */
export type StudyAttention = 'overdue' | 'near_due' | 'not_received';

/** Whether and why a study needs someone's attention at `now`; a resulted study never does. */
export function studyAttention(study: { sentAt: Date; receivedAt: Date | null; resultedAt: Date | null }, clock: StudyClock | null, now: Date): StudyAttention | null {
  if (study.resultedAt) return null;
  if (!clock) return daysInTransit(study.sentAt, calendarDayOf(now)) >= SAMPLE_TRANSIT_DAYS ? 'not_received' : null;
  if (clock.state === 'overdue') return 'overdue';
  return clock.left <= STUDY_NEAR_DUE[clock.turnaround.unit] ? 'near_due' : null;
}

/** The laboratory's report of a study: a PDF kept in the same file store as case files. */
export interface StudyReportDto {
  id: string;
  filename: string;
  size: number;
  sha256: string;
}

/** A study as its sending centre and its laboratory see it: the case only by its code (a pseudonym). */
export interface StudyDto {
  id: string;
  caseId: string;
  caseCode: string;
  sendingCenterId: string;
  sendingCenterName: string;
  laboratoryId: string;
  laboratoryName: string;
  type: StudyType;
  description: string;
  /** The turnaround in force on the day it was sent, which the clock counts once the sample is received. */
  turnaround: Turnaround;
  sentAt: string;
  sentBy: string;
  receivedAt: string | null;
  receivedBy: string | null;
  resultedAt: string | null;
  resultedBy: string | null;
  summary: string;
  report: StudyReportDto | null;
  clock: StudyClock | null;
  /** studyAttention at the time of the answer. */
  attention: StudyAttention | null;
}
