/**
 * The patient's path through the network, as Mexican calendar days (YYYY-MM-DD; '' until known):
 * suspicion and referral, arrival at the state reference centre, diagnosis, start of treatment.
 */
export const pathwayMilestones = ['referredOn', 'arrivedOn', 'diagnosedOn', 'treatmentStartedOn'] as const;
export type PathwayMilestone = (typeof pathwayMilestones)[number];
export type PathwayDates = Record<PathwayMilestone, string>;

export const blankPathway: PathwayDates = { referredOn: '', arrivedOn: '', diagnosedOn: '', treatmentStartedOn: '' };

/**
 * What is wrong with a record's dates or times, taken in `order`: one in the future, or before the
 * last one recorded ahead of it on the way. Unrecorded ones ('' or none) are skipped; each issue names its field.
 */
export function chronologyIssues<K extends string, T extends string | Date>(
  order: readonly K[],
  recorded: Partial<Record<K, T | '' | null>>,
  inFuture: (at: T) => boolean,
): { field: K; message: string }[] {
  const issues: { field: K; message: string }[] = [];
  let previous: { field: K; at: T } | undefined;
  for (const field of order) {
    if (!recorded[field]) continue;
    const at = recorded[field] as T;
    if (inFuture(at)) issues.push({ field, message: 'must not be in the future' });
    else if (previous && at < previous.at) issues.push({ field, message: `must not be before ${previous.field}` });
    previous = { field, at };
  }
  return issues;
}

/** What is wrong with a case's pathway as it will be stored, on `today` (Mexico's calendar). */
export function pathwayIssues(dates: PathwayDates, today: string): { field: PathwayMilestone; message: string }[] {
  return chronologyIssues(pathwayMilestones, dates, (day) => day > today);
}

/**
 * The network's promises to families, as in force from a day on: diagnosis within `diagnosisDays`
 * of suspicion and referral, treatment within `treatmentDays` of diagnosis.
 */
export interface CommitmentRule {
  effectiveFrom: string;
  diagnosisDays: number;
  treatmentDays: number;
}

/** The network's public commitments: seven days to diagnosis, three more to treatment. */
export const defaultCommitments: CommitmentRule = { effectiveFrom: '2000-01-01', diagnosisDays: 7, treatmentDays: 3 };

export const MAX_COMMITMENT_DAYS = 90;

/** A rule as kept: who changed the commitments, and when. */
export interface CommitmentRuleDto extends CommitmentRule {
  changedBy: string;
  changedByName: string;
  changedAt: string;
}

/** Of rules kept by the day they take effect, the one in force on `day`: the latest effective by then, else `fallback`. */
export function ruleInForce<R extends { effectiveFrom: string }>(rules: readonly R[], day: string, fallback: R): R {
  let found = fallback;
  for (const rule of rules) if (rule.effectiveFrom <= day && rule.effectiveFrom >= found.effectiveFrom) found = rule;
  return found;
}

/** The commitments in force on `day` (a clock keeps the rule of the day it started). */
export const ruleOn = (rules: readonly CommitmentRule[], day: string): CommitmentRule => ruleInForce(rules, day, defaultCommitments);

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;

/** Whole calendar days from `from` to `to` (negative when `to` comes first). Calendar days have no daylight-saving hour. */
export function daysBetween(from: string, to: string): number {
  return Math.round(dayNumber(to) - dayNumber(from));
}

export function addDays(day: string, days: number): string {
  return new Date((dayNumber(day) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** The same day `months` later; a day the later month lacks becomes its last (2026-08-31 + 6 months: 2027-02-28). */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDate = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(date, lastDate));
  return first.toISOString().slice(0, 10);
}

export const commitments = ['diagnosis', 'treatment'] as const;
export type Commitment = (typeof commitments)[number];

/** Which milestone starts a commitment's clock, and which one keeps it. */
const clockMilestones: Record<Commitment, { starts: PathwayMilestone; keeps: PathwayMilestone; days: 'diagnosisDays' | 'treatmentDays' }> = {
  diagnosis: { starts: 'referredOn', keeps: 'diagnosedOn', days: 'diagnosisDays' },
  treatment: { starts: 'diagnosedOn', keeps: 'treatmentStartedOn', days: 'treatmentDays' },
};

/**
 * One commitment of one patient: `met` or `missed` once its milestone is recorded; while waiting,
 * `waiting` up to the due day and `overdue` after it.
 */
export interface CommitmentClock {
  commitment: Commitment;
  startedOn: string;
  dueOn: string;
  allowedDays: number;
  /** The day the milestone was reached, or '' while waiting. */
  doneOn: string;
  /** Days from the start to the milestone, or to today while waiting. */
  elapsedDays: number;
  state: 'met' | 'missed' | 'waiting' | 'overdue';
  /** Days left to the due day while waiting (0: due today); days past it when missed or overdue. */
  days: number;
}

/** A waiting clock this close to its due day is shown with the late ones. */
export const NEAR_DUE_DAYS = 2;

/** The clocks of a patient's pathway on `today`: one per commitment whose starting milestone is known. */
export function pathwayClocks(dates: PathwayDates, rules: readonly CommitmentRule[], today: string): CommitmentClock[] {
  return commitments.flatMap((commitment): CommitmentClock[] => {
    const { starts, keeps, days } = clockMilestones[commitment];
    const startedOn = dates[starts];
    if (!startedOn) return [];
    const allowedDays = ruleOn(rules, startedOn)[days];
    const dueOn = addDays(startedOn, allowedDays);
    const doneOn = dates[keeps];
    const until = doneOn || today;
    const late = daysBetween(dueOn, until);
    const state = doneOn ? (late > 0 ? 'missed' : 'met') : late > 0 ? 'overdue' : 'waiting';
    return [
      {
        commitment,
        startedOn,
        dueOn,
        allowedDays,
        doneOn,
        elapsedDays: daysBetween(startedOn, until),
        state,
        days: state === 'waiting' ? daysBetween(until, dueOn) : Math.max(late, 0),
      },
    ];
  });
}

/** Whether a clock belongs on the lists of what is late: overdue, or waiting and due within NEAR_DUE_DAYS. */
export function needsAttention(clock: CommitmentClock): boolean {
  return clock.state === 'overdue' || (clock.state === 'waiting' && clock.days <= NEAR_DUE_DAYS);
}

/** A patient past or near a commitment, as the home pages of presenters and coordinators list them. */
export interface PathwayAttentionDto {
  caseId: string;
  caseCode: string;
  sessionId: string;
  centerId: string;
  centerName: string;
  pathway: PathwayDates;
  /** Only the clocks that need attention. */
  clocks: CommitmentClock[];
}
