import type { StudyType } from './studies';

/**
 * One study type's turnaround over a range, for the studies received in it (Mexico City calendar
 * days): how many came back, how fast, and how many within the turnaround each was sent with.
 */
export interface TurnaroundFigures {
  received: number;
  /** Of those received, resulted (the name lets withinCommitmentPercent read these figures too). */
  reached: number;
  /** Hours from receipt to result of those resulted: median, and 90th percentile (nearest rank). */
  medianHours: number | null;
  p90Hours: number | null;
  withinCommitment: number;
  /** Still without result now, and of them, those past their due time. */
  waiting: number;
  overdue: number;
}

export type TurnaroundFiguresByType = Record<StudyType, TurnaroundFigures>;

/**
 * The reference laboratories' turnaround over a date range, for the network and per laboratory, by
 * study type. With `centerId`, only the studies that centre sent.
 */
export interface LaboratoryReportDto {
  from: string;
  to: string;
  centerId: string | null;
  network: TurnaroundFiguresByType;
  /** Laboratories with at least one study received in the range, by name. */
  laboratories: { laboratoryId: string; laboratoryName: string; byType: TurnaroundFiguresByType }[];
}
