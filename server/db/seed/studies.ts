import type { Types } from 'mongoose';
import { defaultStudyTurnaround, studyTypes, type StudyType } from '../../../shared/studies';
import type { PresentedCase } from './demoActivity';

/** The reference laboratory of the demo: the biomedical research centre in Puebla. */
export const DEMO_LABORATORY_CODE = 'CIB-PUE';
/** The demo's second laboratory: one of the network's regional pathology centres. */
export const DEMO_PATHOLOGY_CODE = 'CRP-JAL';

/** A demo study, as hours before the seeding: its clock reads the same whenever the demo is seeded. */
interface DemoStudy {
  type: StudyType;
  /** Puebla's unless told. */
  laboratoryCode?: string;
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
  'OAX-2026-002': [
    { type: 'molecular', description: 'Amplificación de MYCN por FISH', sentHoursAgo: 480, receivedHoursAgo: 456 },
    { type: 'cytogenetics', laboratoryCode: DEMO_PATHOLOGY_CODE, description: 'Cariotipo de médula ósea', sentHoursAgo: 72 },
  ],
  'CHIS-2026-007': [{ type: 'immunohistochemistry', sentHoursAgo: 52, receivedHoursAgo: 50, resultedHoursAgo: 5, summary: 'WT1 positivo, sin anaplasia difusa' }],
  'JAL-2026-009': [
    { type: 'immunohistochemistry', sentHoursAgo: 5, receivedHoursAgo: 3 },
    { type: 'immunohistochemistry', laboratoryCode: DEMO_PATHOLOGY_CODE, sentHoursAgo: 26, receivedHoursAgo: 20 },
    { type: 'cytogenetics', laboratoryCode: DEMO_PATHOLOGY_CODE, sentHoursAgo: 28 * 24, receivedHoursAgo: 27 * 24 },
  ],
  'PUE-2026-004': [{ type: 'molecular', description: 'Mutación H3 K27M por secuenciación', sentHoursAgo: 2 }],
};

/** What a finished study of the demo's history says, by type ("other" names its study). */
const historySummaries: Record<StudyType, { description?: string; summary: string }> = {
  immunohistochemistry: { summary: 'Panel de inmunohistoquímica concluido; detalle en el informe' },
  immunophenotype: { summary: 'Inmunofenotipo por citometría de flujo concluido; detalle en el informe' },
  molecular: { description: 'Panel de fusiones por RT-PCR', summary: 'Sin fusiones detectadas en el panel' },
  cytogenetics: { description: 'Cariotipo de médula ósea', summary: 'Cariotipo concluido; detalle en el informe' },
  other: { description: 'Citología de líquido cefalorraquídeo', summary: 'Sin células malignas en la muestra' },
};

/**
 * The laboratories' last four months, so their report has figures: for each laboratory and study
 * type, three studies received a month or so apart and resulted within a share of their turnaround
 * (over 1: late), spread over the demo cases.
 */
function historyPlans(caseCodes: readonly string[]): [string, DemoStudy][] {
  const shares: Record<string, readonly number[]> = { [DEMO_LABORATORY_CODE]: [0.5, 0.8, 1.5], [DEMO_PATHOLOGY_CODE]: [0.6, 1.3, 0.9] };
  return Object.entries(shares).flatMap(([laboratoryCode, ofTurnaround], laboratoryIndex) =>
    studyTypes.flatMap((type, typeIndex) =>
      ofTurnaround.map((share, round): [string, DemoStudy] => {
        const { amount, unit } = defaultStudyTurnaround[type];
        const receivedHoursAgo = (20 + 35 * round + 7 * typeIndex + 3 * laboratoryIndex) * 24 + 14;
        const turnaroundHours = unit === 'hours' ? amount : amount * 24;
        return [
          caseCodes[(typeIndex * 3 + round + laboratoryIndex) % caseCodes.length]!,
          {
            type,
            laboratoryCode,
            ...historySummaries[type],
            sentHoursAgo: receivedHoursAgo + 20,
            receivedHoursAgo,
            resultedHoursAgo: receivedHoursAgo - Math.round(turnaroundHours * share),
          },
        ];
      }),
    ),
  );
}

/**
 * The demo studies of the cases presented, sent by `senderOf` the case and received and resulted by
 * the account of `laboratories` (by code) they were sent to.
 */
export function demoStudies(
  cases: readonly PresentedCase[],
  laboratories: ReadonlyMap<string, { centerId: Types.ObjectId; accountId: Types.ObjectId }>,
  senderOf: (presented: PresentedCase) => Types.ObjectId,
  now: Date,
) {
  const hoursAgo = (hours: number | undefined) => (hours === undefined ? null : new Date(now.getTime() - hours * 3_600_000));
  const byCode = new Map(cases.map((presented) => [presented.caseCode, presented]));
  const plans = [
    ...Object.entries(demoStudyPlans).flatMap(([caseCode, studies]) => studies.map((plan): [string, DemoStudy] => [caseCode, plan])),
    ...historyPlans([...byCode.keys()]),
  ];
  return plans.flatMap(([caseCode, plan]) => {
    const presented = byCode.get(caseCode);
    if (!presented) return [];
    const laboratory = laboratories.get(plan.laboratoryCode ?? DEMO_LABORATORY_CODE);
    if (!laboratory) throw new Error(`demo studies name an unknown laboratory: ${plan.laboratoryCode}`);
    return [
      {
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
      },
    ];
  });
}
