import { compactCode } from './vocabulary';

/**
 * Paediatric staging and risk as structured case fields, and which of them apply to a diagnosis.
 * Each field is optional (blank = not recorded); the case's free-text `stage` holds any other
 * staging (Chang M3, FIGO, TNM…).
 */
export const inrgStages = ['L1', 'L2', 'M', 'MS'] as const;
export const inrgRisks = ['very_low', 'low', 'intermediate', 'high'] as const;
export const cogRenalStages = ['I', 'II', 'III', 'IV', 'V'] as const;
export const cogRenalRisks = ['very_low', 'low', 'standard', 'higher', 'high'] as const;
export const murphyStages = ['I', 'II', 'III', 'IV'] as const;
/** Ann Arbor with the Lugano/Cotswolds modifiers: B symptoms, E extranodal extension. */
export const hodgkinStages = ['IA', 'IAE', 'IB', 'IBE', 'IIA', 'IIAE', 'IIB', 'IIBE', 'IIIA', 'IIIAE', 'IIIB', 'IIIBE', 'IVA', 'IVB'] as const;
export const allNciRisks = ['standard', 'high'] as const;
export const allFinalRisks = ['low', 'standard', 'intermediate', 'high', 'very_high'] as const;

/** Each structured staging field and the values it takes. */
export const stagingFieldValues = {
  inrgStage: inrgStages,
  inrgRisk: inrgRisks,
  cogRenalStage: cogRenalStages,
  cogRenalRisk: cogRenalRisks,
  murphyStage: murphyStages,
  hodgkinStage: hodgkinStages,
  allNciRisk: allNciRisks,
  allFinalRisk: allFinalRisks,
} as const;
export type StagingField = keyof typeof stagingFieldValues;
export const stagingFields = Object.keys(stagingFieldValues) as StagingField[];

/** Every risk level any field uses, for their labels. */
export type RiskLevel = (typeof inrgRisks | typeof cogRenalRisks | typeof allNciRisks | typeof allFinalRisks)[number];

/** Whether a field's values are risk levels (labelled in words) rather than stages (shown as written). */
export const isRiskField = (field: StagingField): boolean => field.endsWith('Risk');

interface StagingRule {
  fields: readonly StagingField[];
  /** ICD-10 codes, a category standing for its subcategories too (C47: C47.0…C47.9). */
  icd10: readonly string[];
  /** ICD-O-3 histologies, as inclusive ranges of the four digits. */
  histologies: readonly (readonly [number, number])[];
}

/**
 * When each system applies: a field shows when the case's ICD-10 code or its ICD-O-3 histology
 * is one of its rule's. ICD-10 names neuroblastoma, Wilms tumour and the lymphomas only by site
 * or broad kind, so the histology is the sharper of the two when it is recorded.
 */
export const stagingRules: readonly StagingRule[] = [
  // Neuroblastoma and ganglioneuroblastoma: INRG staging system and pretreatment risk group.
  {
    fields: ['inrgStage', 'inrgRisk'],
    icd10: ['C74.1', 'C74.9', 'C47', 'C48'],
    histologies: [
      [9490, 9490],
      [9500, 9500],
    ],
  },
  // Wilms tumour and the other renal tumours staged by COG: stage I–V (V bilateral) and risk group.
  {
    fields: ['cogRenalStage', 'cogRenalRisk'],
    icd10: ['C64'],
    histologies: [
      [8959, 8960],
      [8963, 8964],
    ],
  },
  // Non-Hodgkin lymphomas: St. Jude/Murphy.
  {
    fields: ['murphyStage'],
    icd10: ['C82', 'C83', 'C84', 'C85', 'C86'],
    histologies: [
      [9590, 9597],
      [9670, 9729],
      [9735, 9738],
    ],
  },
  // Hodgkin lymphoma: Ann Arbor/Lugano.
  { fields: ['hodgkinStage'], icd10: ['C81'], histologies: [[9650, 9667]] },
  // Acute lymphoblastic leukaemia: NCI risk at diagnosis and the protocol's final risk group.
  {
    fields: ['allNciRisk', 'allFinalRisk'],
    icd10: ['C91.0'],
    histologies: [
      [9811, 9819],
      [9835, 9837],
    ],
  },
];

/** Compared without punctuation, as typed or stored: C74.9 and c749 are the same code. */
const matchesIcd10 = (code: string, listed: string) => compactCode(code).startsWith(compactCode(listed));

/** The structured staging fields that apply to a diagnosis, in the rules' order. */
export function applicableStaging(diagnosis: { icd10Code?: string; icdO3Morphology?: string }): StagingField[] {
  const histology = Number(diagnosis.icdO3Morphology || NaN);
  const applies = (rule: StagingRule) =>
    rule.icd10.some((listed) => matchesIcd10(diagnosis.icd10Code ?? '', listed)) || rule.histologies.some(([from, to]) => histology >= from && histology <= to);
  return stagingRules.filter(applies).flatMap((rule) => rule.fields);
}

/** The fields' names in Spanish, for documents and the Spanish pages. */
export const stagingFieldLabels: Readonly<Record<StagingField, string>> = {
  inrgStage: 'Estadio INRG',
  inrgRisk: 'Grupo de riesgo INRG',
  cogRenalStage: 'Estadio COG (tumor renal)',
  cogRenalRisk: 'Grupo de riesgo COG (tumor renal)',
  murphyStage: 'Estadio St. Jude/Murphy',
  hodgkinStage: 'Estadio Ann Arbor/Lugano',
  allNciRisk: 'Riesgo NCI',
  allFinalRisk: 'Riesgo final',
};

export const riskLabels: Readonly<Record<RiskLevel, string>> = {
  very_low: 'Muy bajo',
  low: 'Bajo',
  intermediate: 'Intermedio',
  standard: 'Estándar',
  higher: 'Aumentado',
  high: 'Alto',
  very_high: 'Muy alto',
};
