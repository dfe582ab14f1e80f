import { blankCoding, type CaseFields } from '../../../shared/cases';
import { addDays, blankPathway, type PathwayDates, type PathwayMilestone } from '../../../shared/pathway';
import { oncoCreanCode as oc } from './centers';

/** A case already presented at a past demo session: which centre presented it, and its data. */
export interface DemoCase {
  centerCode: string;
  fields: CaseFields;
  /** The patient's pathway, as days before the seeding day: its clocks read the same whenever the demo is seeded. */
  pathwayDaysAgo?: Partial<Record<PathwayMilestone, number>>;
}

/** A demo case's pathway dates, seeded on `today` (Mexico City). */
export function demoPathway(presented: DemoCase, today: string): PathwayDates {
  const recorded = Object.entries(presented.pathwayDaysAgo ?? {}).map(([milestone, daysAgo]): [string, string] => [milestone, addDays(today, -daysAgo)]);
  return { ...blankPathway, ...Object.fromEntries(recorded) };
}

const results = { ...blankCoding, immunohistochemistry: '', otherResults: '', minimalResidualDisease: '', immunophenotype: '', ageMonths: 0 };

/** Pseudonymised cases keyed by the agenda title they were presented under. */
export const demoCases: Readonly<Record<string, DemoCase>> = {
  'Caso: LLA de alto riesgo en recaída (Mérida)': {
    centerCode: oc('YUC'),
    fields: {
      ...results,
      caseCode: 'YUC-2026-003',
      ageYears: 9,
      ageMonths: 4,
      sex: 'male',
      state: 'YUC',
      icd10Code: 'C91.0',
      icdO3Topography: 'C42.1',
      icdO3Morphology: '9811',
      icdO3Behaviour: '3',
      diagnosis: 'Leucemia linfoblástica aguda de precursores B en primera recaída medular temprana',
      riskGroup: 'Alto riesgo',
      stage: '',
      immunophenotype: 'CD19+ CD10+ CD34+ CD20 parcial; TdT+',
      minimalResidualDisease: 'EMR 1.2 % al final de la reinducción',
      currentProtocol: 'Rescate tipo IntReALL HR',
      clinicalSummary: 'Recaída medular aislada a los 20 meses del diagnóstico, durante el mantenimiento.',
      question: '¿Es candidato a blinatumomab como puente a trasplante alogénico?',
    },
    // Referred six days ago, not yet diagnosed: due tomorrow.
    pathwayDaysAgo: { referredOn: 6, arrivedOn: 5 },
  },
  'Caso: LMA con falla a la inducción (San Luis Potosí)': {
    centerCode: oc('SLP'),
    fields: {
      ...results,
      caseCode: 'SLP-2026-011',
      ageYears: 13,
      sex: 'female',
      state: 'SLP',
      icd10Code: 'C92.0',
      icdO3Topography: 'C42.1',
      icdO3Morphology: '9895',
      icdO3Behaviour: '3',
      diagnosis: 'Leucemia mieloide aguda con falla a la primera inducción',
      riskGroup: 'Alto riesgo',
      stage: '',
      immunophenotype: 'CD33+ CD13+ CD117+ MPO+',
      otherResults: 'Cariotipo complejo; FLT3-ITD negativo',
      currentProtocol: 'ADE / FLAG-Ida',
      clinicalSummary: 'Persistencia de 18 % de blastos al día 28 de la inducción.',
      question: '¿Segunda inducción con FLAG-Ida y envío a trasplante, o paso a cuidados paliativos?',
    },
    // Diagnosed eleven days after the referral (four late); treated two days later.
    pathwayDaysAgo: { referredOn: 101, arrivedOn: 99, diagnosedOn: 90, treatmentStartedOn: 88 },
  },
  'Caso: Neuroblastoma estadio M con amplificación de MYCN (Oaxaca)': {
    centerCode: oc('OAX'),
    fields: {
      ...results,
      caseCode: 'OAX-2026-002',
      ageYears: 3,
      ageMonths: 2,
      sex: 'male',
      state: 'OAX',
      icd10Code: 'C74.9',
      icdO3Topography: 'C74.9',
      icdO3Morphology: '9500',
      icdO3Behaviour: '3',
      inrgStage: 'M',
      inrgRisk: 'high',
      diagnosis: 'Neuroblastoma suprarrenal izquierdo estadio M con amplificación de MYCN',
      riskGroup: '',
      stage: '',
      immunohistochemistry: 'PHOX2B+, sinaptofisina+',
      otherResults: 'MIBG con captación ósea múltiple',
      currentProtocol: 'Inducción COJEC',
      clinicalSummary: 'Respuesta parcial tras inducción; sin acceso local a MIBG terapéutica.',
      question: '¿Referencia a unidad con consolidación en tándem e inmunoterapia anti-GD2?',
    },
    // Both commitments met.
    pathwayDaysAgo: { referredOn: 66, arrivedOn: 65, diagnosedOn: 61, treatmentStartedOn: 59 },
  },
  'Caso: Tumor de Wilms bilateral (Tuxtla Gutiérrez)': {
    centerCode: oc('CHIS'),
    fields: {
      ...results,
      caseCode: 'CHIS-2026-007',
      ageYears: 2,
      sex: 'female',
      state: 'CHIS',
      icd10Code: 'C64',
      icdO3Topography: 'C64.9',
      icdO3Morphology: '8960',
      icdO3Behaviour: '3',
      cogRenalStage: 'V',
      diagnosis: 'Tumor de Wilms bilateral sincrónico',
      riskGroup: '',
      stage: '',
      immunohistochemistry: 'WT1+',
      currentProtocol: 'Quimioterapia preoperatoria vincristina-dactinomicina',
      clinicalSummary: 'Reducción de volumen de 40 % tras 6 semanas.',
      question: '¿Momento y técnica de la nefrectomía parcial bilateral?',
    },
  },
  'Caso: Osteosarcoma de fémur con metástasis pulmonares (Hermosillo)': {
    centerCode: oc('SON'),
    fields: {
      ...results,
      caseCode: 'SON-2026-005',
      ageYears: 15,
      sex: 'male',
      state: 'SON',
      icd10Code: 'C40.2',
      icdO3Topography: 'C40.2',
      icdO3Morphology: '9186',
      icdO3Behaviour: '3',
      diagnosis: 'Osteosarcoma convencional de fémur distal con metástasis pulmonares',
      riskGroup: 'Metastásico',
      stage: 'IVA (AJCC)',
      immunohistochemistry: 'SATB2+',
      currentProtocol: 'MAP',
      clinicalSummary: 'Necrosis tumoral de 70 % tras cirugía de conservación de extremidad.',
      question: '¿Metastasectomía pulmonar y ajuste del tratamiento adyuvante?',
    },
  },
  'Caso: Meduloblastoma del grupo 3 en lactante (Guadalajara)': {
    centerCode: oc('JAL'),
    fields: {
      ...results,
      caseCode: 'JAL-2026-009',
      ageYears: 1,
      ageMonths: 8,
      sex: 'female',
      state: 'JAL',
      icd10Code: 'C71.6',
      icdO3Topography: 'C71.6',
      icdO3Morphology: '9477',
      icdO3Behaviour: '3',
      diagnosis: 'Meduloblastoma del grupo 3 con diseminación leptomeníngea',
      riskGroup: 'Alto riesgo',
      stage: 'M3 (Chang)',
      immunohistochemistry: 'Sinaptofisina+, beta-catenina citoplásmica',
      currentProtocol: 'Quimioterapia sin radioterapia (HIT-SKK)',
      clinicalSummary: 'Resección subtotal; metástasis espinales en resonancia.',
      question: '¿Quimioterapia intraventricular y a qué edad considerar radioterapia?',
    },
    // Diagnosed in time before the board, still waiting for treatment: long overdue.
    pathwayDaysAgo: { referredOn: 23, arrivedOn: 22, diagnosedOn: 17 },
  },
  'Caso: Glioma difuso de línea media (Puebla)': {
    centerCode: oc('PUE'),
    fields: {
      ...results,
      caseCode: 'PUE-2026-004',
      ageYears: 7,
      sex: 'male',
      state: 'PUE',
      icd10Code: 'C71.7',
      icdO3Topography: 'C71.7',
      icdO3Morphology: '9385',
      icdO3Behaviour: '3',
      diagnosis: 'Glioma difuso de línea media de tallo cerebral, H3 K27 alterado',
      riskGroup: '',
      stage: 'Grado 4 (OMS)',
      immunohistochemistry: 'H3 K27M+, pérdida de H3K27me3',
      currentProtocol: 'Radioterapia focal 54 Gy',
      clinicalSummary: 'Progresión clínica a los 6 meses de terminar la radioterapia.',
      question: '¿Reirradiación o enfoque paliativo con la familia?',
    },
    // Only the referral, today.
    pathwayDaysAgo: { referredOn: 0 },
  },
};
