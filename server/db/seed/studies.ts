import type { Types } from 'mongoose';
import { defaultStudyTurnaround, type StudyType } from '../../../shared/studies';
import type { PresentedCase } from './demoActivity';

/** The reference laboratory of the demo: the biomedical research centre in Puebla. */
export const DEMO_LABORATORY_CODE = 'CIB-PUE';

/** A demo study, as hours before the seeding: its clock reads the same whenever the demo is seeded. */
interface DemoStudy {
  type: StudyType;
  description?: string;
  sentHoursAgo: number;
  receivedHoursAgo?: number;
  resultedHoursAgo?: number;
  summary?: string;
}

/** Studies of the demo cases, by case code: on time, late, waiting, overdue and not yet received. */
const demoStudyPlans: Readonly<Record<string, readonly DemoStudy[]>> = {
  'YUC-2026-003': [
    { type: 'immunohistochemistry', sentHoursAgo: 30, receivedHoursAgo: 28, resultedHoursAgo: 10, summary: 'TdT positivo, CD79a positivo, MPO negativo' },
    { type: 'immunophenotype', sentHoursAgo: 100, receivedHoursAgo: 96 },
  ],
  'SLP-2026-011': [{ type: 'immunophenotype', sentHoursAgo: 244, receivedHoursAgo: 240, resultedHoursAgo: 48, summary: 'CD33 y CD117 positivos; 38 % de blastos mieloides' }],
  'OAX-2026-002': [{ type: 'molecular', description: 'Amplificación de MYCN por FISH', sentHoursAgo: 480, receivedHoursAgo: 456 }],
  'CHIS-2026-007': [{ type: 'immunohistochemistry', sentHoursAgo: 52, receivedHoursAgo: 50, resultedHoursAgo: 5, summary: 'WT1 positivo, sin anaplasia difusa' }],
  'JAL-2026-009': [{ type: 'immunohistochemistry', sentHoursAgo: 5, receivedHoursAgo: 3 }],
  'PUE-2026-004': [{ type: 'molecular', description: 'Mutación H3 K27M por secuenciación', sentHoursAgo: 2 }],
};

/** The demo studies of the cases presented, sent by `senderOf` the case and received and resulted by the laboratory's account. */
export function demoStudies(
  cases: readonly PresentedCase[],
  laboratory: { centerId: Types.ObjectId; accountId: Types.ObjectId },
  senderOf: (presented: PresentedCase) => Types.ObjectId,
  now: Date,
) {
  const hoursAgo = (hours: number | undefined) => (hours === undefined ? null : new Date(now.getTime() - hours * 3_600_000));
  return cases.flatMap((presented) =>
    (demoStudyPlans[presented.caseCode] ?? []).map((plan) => ({
      caseId: presented._id,
      caseCode: presented.caseCode,
      sessionId: presented.sessionId,
      sendingCenterId: presented.centerId,
      laboratoryId: laboratory.centerId,
      type: plan.type,
      description: plan.description ?? '',
      turnaround: defaultStudyTurnaround[plan.type],
      sentAt: hoursAgo(plan.sentHoursAgo),
      sentBy: senderOf(presented),
      receivedAt: hoursAgo(plan.receivedHoursAgo),
      receivedBy: plan.receivedHoursAgo === undefined ? null : laboratory.accountId,
      resultedAt: hoursAgo(plan.resultedHoursAgo),
      resultedBy: plan.resultedHoursAgo === undefined ? null : laboratory.accountId,
      summary: plan.summary ?? '',
    })),
  );
}
