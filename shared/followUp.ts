import { addDays, addMonths, chronologyIssues } from './pathway';

/**
 * What happened after the board: for each confirmed recommendation the referring centre records
 * whether it was carried out, and the patient's course 3, 6 and 12 months after the confirmation.
 */
export const followThroughStatuses = ['carried_out', 'carried_out_with_changes', 'not_carried_out'] as const;
export type FollowThroughStatus = (typeof followThroughStatuses)[number];

export const outcomeCheckpoints = [3, 6, 12] as const;
export type OutcomeCheckpoint = (typeof outcomeCheckpoints)[number];
export const patientCourses = ['in_treatment', 'remission', 'relapse', 'deceased'] as const;
export type PatientCourse = (typeof patientCourses)[number];

/** Days after the confirmation within which the follow-through is expected; later it reads as overdue. */
export const FOLLOW_THROUGH_DUE_DAYS = 30;
/** A checkpoint is asked for from this many days before its day, and reads as overdue this many days after. */
export const OUTCOME_REMINDER_DAYS = 14;
export const OUTCOME_GRACE_DAYS = 30;

/** Whether a record's day is acceptable: on or after the confirmation's day, and not after today (field named). */
export function followUpDayIssue(field: string, day: string, confirmedOn: string, today: string): { field: string; message: string } | undefined {
  const issue = chronologyIssues(['confirmedOn', field], { confirmedOn, [field]: day }, (at) => at > today).find((found) => found.field === field);
  return issue && { field, message: issue.message === 'must not be before confirmedOn' ? 'must not be before the recommendation was confirmed' : issue.message };
}

export type FollowThroughState = 'recorded' | 'due' | 'overdue';

/** The follow-through, from the confirmation's day: due for FOLLOW_THROUGH_DUE_DAYS, overdue after, until recorded. */
export function followThroughStateOn(confirmedOn: string, recorded: boolean, today: string): FollowThroughState {
  if (recorded) return 'recorded';
  return today > addDays(confirmedOn, FOLLOW_THROUGH_DUE_DAYS) ? 'overdue' : 'due';
}

/** `not_needed`: a death was recorded at an earlier checkpoint. */
export type CheckpointState = 'recorded' | 'upcoming' | 'due' | 'overdue' | 'not_needed';

export interface OutcomeDto {
  months: OutcomeCheckpoint;
  course: PatientCourse;
  assessedOn: string;
  diedOn: string;
  causeOfDeath: string;
  notes: string;
  recordedBy: string;
  recordedByName: string;
  recordedAt: string;
}

export interface CheckpointDto {
  months: OutcomeCheckpoint;
  /** The confirmation's day plus `months` calendar months. */
  dueOn: string;
  state: CheckpointState;
  outcome: OutcomeDto | null;
}

/** Each checkpoint on `today`: recorded, or upcoming / due (from OUTCOME_REMINDER_DAYS before) / overdue (OUTCOME_GRACE_DAYS after). */
export function checkpointsOn(confirmedOn: string, outcomes: readonly OutcomeDto[], today: string): CheckpointDto[] {
  let died = false;
  return outcomeCheckpoints.map((months) => {
    const dueOn = addMonths(confirmedOn, months);
    const outcome = outcomes.find((recorded) => recorded.months === months) ?? null;
    let state: CheckpointState;
    if (outcome) state = 'recorded';
    else if (died) state = 'not_needed';
    else if (today < addDays(dueOn, -OUTCOME_REMINDER_DAYS)) state = 'upcoming';
    else state = today > addDays(dueOn, OUTCOME_GRACE_DAYS) ? 'overdue' : 'due';
    if (outcome?.course === 'deceased') died = true;
    return { months, dueOn, state, outcome };
  });
}

export interface FollowThroughRecordDto {
  status: FollowThroughStatus;
  reason: string;
  decidedOn: string;
  recordedBy: string;
  recordedByName: string;
  recordedAt: string;
}

/** The later session a death was put on for review. */
export interface MortalityReviewDto {
  sessionId: string;
  sessionNumber: number;
  sessionTitle: string;
  startsAt: string;
  agendaItemId: string;
}

/** A confirmed recommendation and what came of it, as the case page and the home page's reminders show it. */
export interface CaseFollowUpDto {
  caseId: string;
  caseCode: string;
  sessionId: string;
  centerId: string;
  centerName: string;
  recommendation: { text: string; confirmedAt: string; confirmedOn: string };
  followThrough: FollowThroughRecordDto | null;
  followThroughState: FollowThroughState;
  checkpoints: CheckpointDto[];
  /** Set once a recorded death is on a later session's agenda. */
  mortalityReview: MortalityReviewDto | null;
}

/** Whether the referring centre is asked for something now: the follow-through, or a checkpoint due or overdue. */
export function followUpPending(followUp: Pick<CaseFollowUpDto, 'followThroughState' | 'checkpoints'>): boolean {
  return followUp.followThroughState !== 'recorded' || followUp.checkpoints.some((checkpoint) => checkpoint.state === 'due' || checkpoint.state === 'overdue');
}

/** Recommendations confirmed in a range, and what came of them. */
export interface FollowUpFigures {
  confirmed: number;
  /** With a follow-through recorded, and how many by status. */
  recorded: number;
  byStatus: Record<FollowThroughStatus, number>;
  /** Per checkpoint: outcomes recorded, by course. */
  outcomes: Record<OutcomeCheckpoint, { recorded: number; byCourse: Record<PatientCourse, number> }>;
  /** Patients with a death recorded at any checkpoint, and of them those put on a session's agenda for review. */
  deaths: number;
  reviewedDeaths: number;
}

/** By confirmation day (Mexico City), for the network and per referring centre. */
export interface FollowUpReportDto {
  from: string;
  to: string;
  centerId: string | null;
  network: FollowUpFigures;
  centers: ({ centerId: string; centerName: string } & FollowUpFigures)[];
}

/** Of the follow-throughs recorded, the share carried out (with or without changes), as a whole percent; null when none. */
export function carriedOutPercent(figures: FollowUpFigures): number | null {
  return figures.recorded ? Math.round(((figures.byStatus.carried_out + figures.byStatus.carried_out_with_changes) * 100) / figures.recorded) : null;
}
