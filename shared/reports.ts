import type { SessionKind } from './sessions';

export const turnaroundBuckets = ['lt1', 'd1to7', 'd8to14', 'd15to30', 'gt30'] as const;
export type TurnaroundBucket = (typeof turnaroundBuckets)[number];

/** The bucket of a submission-to-recommendation time in days. */
export function turnaroundBucketOf(days: number): TurnaroundBucket {
  if (days < 1) return 'lt1';
  if (days < 8) return 'd1to7';
  if (days < 15) return 'd8to14';
  if (days < 31) return 'd15to30';
  return 'gt30';
}

export type MonthFigures = { month: string; cases: number } & Record<SessionKind, number>;

/**
 * The network's activity over a date range (sessions held in it), optionally for one centre.
 * Every figure is defined by what was recorded; see ReportService for the exact rules.
 */
export interface ReportDto {
  from: string;
  to: string;
  centerId: string | null;
  totals: { sessions: number; caseReviews: number; trainings: number; keynotes: number; casesReviewed: number; attendances: number; credited: number };
  /** Every month of the range, empty ones included, as YYYY-MM in Mexico City time. */
  months: MonthFigures[];
  attendanceByCenter: { centerId: string; centerName: string; attendances: number; credited: number }[];
  turnaround: { cases: number; medianDays: number | null; buckets: { bucket: TurnaroundBucket; count: number }[] };
  agreements: { open: number; done: number; overdue: number };
  quorum: { confirmed: number; withQuorum: number };
}
