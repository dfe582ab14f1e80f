import type { Commitment } from './pathway';

/**
 * One commitment over a range, for the clocks that started in it (the referral day for the
 * diagnosis, the diagnosis day for the treatment), each patient once by their latest recorded path.
 */
export interface CommitmentFigures {
  /** Clocks whose milestone is recorded. */
  reached: number;
  /** Days from start to milestone of those reached: median, and 90th percentile (nearest rank). */
  medianDays: number | null;
  p90Days: number | null;
  /** Of those reached, within the days the rule in force at their start allowed. */
  withinCommitment: number;
  /** Clocks still running today, and of them, those past their due day. */
  waiting: number;
  overdue: number;
}

export type CommitmentsFigures = Record<Commitment, CommitmentFigures>;

/** The network's promises to families over a date range, for the network and per centre. */
export interface PathwayReportDto {
  from: string;
  to: string;
  centerId: string | null;
  network: CommitmentsFigures;
  /** Centres with at least one clock in the range, by name. */
  centers: ({ centerId: string; centerName: string } & CommitmentsFigures)[];
}

/** The share of the reached clocks (or resulted studies) that were within the commitment, as a whole percent; null when none was reached. */
export function withinCommitmentPercent(figures: Pick<CommitmentFigures, 'reached' | 'withinCommitment'>): number | null {
  return figures.reached ? Math.round((figures.withinCommitment * 100) / figures.reached) : null;
}
