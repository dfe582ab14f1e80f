import { blankPathway, pathwayMilestones, type PathwayDates } from '../../shared/pathway';
import type { CaseDoc } from './caseService';
import { idOf } from './documents';

/** A case's pathway as stored: cases saved before the pathway was kept have none. */
export type StoredPathway = Partial<PathwayDates> | null | undefined;

/** What of a case tells whose path it is and what the path says. */
export type PatientCase = Pick<CaseDoc, '_id' | 'sessionId' | 'centerId' | 'caseCode' | 'createdAt'> & { pathway?: StoredPathway };
export const patientCaseFields = { sessionId: 1, centerId: 1, caseCode: 1, pathway: 1, createdAt: 1 } as const;

/** A patient is their centre's case code: presented at several sessions, they are several cases. */
const patientOf = (presented: PatientCase) => `${idOf(presented.centerId)} ${presented.caseCode}`;
const isRecorded = (presented: PatientCase) => pathwayMilestones.some((milestone) => presented.pathway?.[milestone]);

/** A case's dates with the unknown ones as ''. */
export const pathwayOf = (presented: PatientCase): PathwayDates => ({ ...blankPathway, ...presented.pathway });

/**
 * Each patient's latest recorded path: a patient presented at several sessions is several cases,
 * and the dates kept on the newest one (a treatment started, say) supersede the older ones'.
 */
export function latestRecordedByPatient(cases: readonly PatientCase[]): Map<string, PatientCase> {
  const latest = new Map<string, PatientCase>();
  for (const presented of cases.filter(isRecorded)) {
    const known = latest.get(patientOf(presented));
    if (!known || presented.createdAt > known.createdAt) latest.set(patientOf(presented), presented);
  }
  return latest;
}
