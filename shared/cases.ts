import { z } from 'zod';
import { findIcd10 } from './icd10';
import { behaviourCodes } from './icdO3Behaviour';
import { isCataloguedHistology } from './icdO3Morphology';
import { findTopography } from './icdO3Topography';
import { mexicanStateCodes } from './mexico';
import type { PathwayDates } from './pathway';
import {
  allFinalRisks,
  allNciRisks,
  applicableStaging,
  cogRenalRisks,
  cogRenalStages,
  hodgkinStages,
  inrgRisks,
  inrgStages,
  murphyStages,
  stagingFields,
  type StagingField,
} from './staging';

/** Pseudonymised case code, never a name: letters, digits and dashes, e.g. YUC-2026-014. */
export const caseCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]{2,31}$/, 'must be 3 to 32 letters, digits or "-" (a code, not a name)');

/** The longest text a case field takes (its clinical summary). */
export const LONGEST_CASE_TEXT = 5000;

export const clinicalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must have at most ${max} characters`)
    .regex(/^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/, 'must not contain control characters');

export const sexes = ['female', 'male', 'undetermined'] as const;

/** A code from a list, kept in the list's own spelling (`c910` is stored as C91.0). */
const listedCode = (find: (code: string) => { code: string } | undefined, message: string) =>
  z
    .string()
    .trim()
    .toUpperCase()
    .refine((code) => find(code) !== undefined, message)
    .transform((code) => find(code)!.code);

/** One of `values`, or blank for "not recorded". */
const optionalChoice = <T extends readonly [string, ...string[]]>(values: T) => z.union([z.literal(''), z.enum(values)]).default('');

export const caseFieldsSchema = z.object({
  caseCode: caseCodeSchema,
  ageYears: z.number().int().min(0).max(120),
  ageMonths: z.number().int().min(0).max(11).default(0),
  sex: z.enum(sexes),
  state: z.enum(mexicanStateCodes, 'must be a Mexican state code such as YUC'),
  icd10Code: listedCode(findIcd10, 'must be a code from the ICD-10 list'),
  icdO3Topography: z.union([z.literal(''), listedCode(findTopography, 'must be a topography code from the ICD-O-3 list, C00.0 to C80.9')]).default(''),
  /** The four digits of the histology (9500); its behaviour is the next field. */
  icdO3Morphology: z
    .string()
    .trim()
    .refine((histology) => histology === '' || isCataloguedHistology(histology), 'must be a histology from the ICD-O-3 list, four digits such as 9500')
    .default(''),
  icdO3Behaviour: optionalChoice(behaviourCodes),
  inrgStage: optionalChoice(inrgStages),
  inrgRisk: optionalChoice(inrgRisks),
  cogRenalStage: optionalChoice(cogRenalStages),
  cogRenalRisk: optionalChoice(cogRenalRisks),
  murphyStage: optionalChoice(murphyStages),
  hodgkinStage: optionalChoice(hodgkinStages),
  allNciRisk: optionalChoice(allNciRisks),
  allFinalRisk: optionalChoice(allFinalRisks),
  diagnosis: clinicalText(300).min(3, 'must have at least 3 characters'),
  riskGroup: clinicalText(120).default(''),
  stage: clinicalText(60).default(''),
  immunophenotype: clinicalText(2000).default(''),
  minimalResidualDisease: clinicalText(500).default(''),
  immunohistochemistry: clinicalText(2000).default(''),
  otherResults: clinicalText(2000).default(''),
  currentProtocol: clinicalText(300).default(''),
  clinicalSummary: clinicalText(LONGEST_CASE_TEXT).default(''),
  question: clinicalText(2000).default(''),
});
export type CaseFields = z.output<typeof caseFieldsSchema>;

type CaseShape = typeof caseFieldsSchema.shape;
type WithoutDefaults = { [K in keyof CaseShape]: CaseShape[K] extends z.ZodDefault<infer Inner> ? Inner : CaseShape[K] };

/**
 * A change to some fields of a case: only those sent. A partial of `caseFieldsSchema` would fill
 * each field left out with its default, and saving that would blank what the case had.
 */
export const caseChangesSchema = z
  .object(Object.fromEntries(Object.entries(caseFieldsSchema.shape).map(([name, field]) => [name, field instanceof z.ZodDefault ? field.unwrap() : field])) as WithoutDefaults)
  .partial();
export type CaseFieldName = keyof CaseFields;

/** The coding and staging of a case with nothing recorded (cases saved before these fields existed read so). */
export const blankCoding = {
  icdO3Topography: '',
  icdO3Morphology: '',
  icdO3Behaviour: '',
  ...(Object.fromEntries(stagingFields.map((field) => [field, ''])) as Record<StagingField, ''>),
} as const satisfies Partial<CaseFields>;

/**
 * What no single field shows: a histology and its behaviour go together, and a staging field
 * must apply to the diagnosis (an INRG stage is for a neuroblastoma). Checked on the whole case
 * as it will be stored.
 */
export function codingIssues(fields: Partial<CaseFields>): { field: CaseFieldName; message: string }[] {
  const issues: { field: CaseFieldName; message: string }[] = [];
  if (fields.icdO3Morphology && !fields.icdO3Behaviour) issues.push({ field: 'icdO3Behaviour', message: 'choose the behaviour of the ICD-O-3 morphology' });
  if (!fields.icdO3Morphology && fields.icdO3Behaviour) issues.push({ field: 'icdO3Morphology', message: 'a behaviour needs its ICD-O-3 morphology' });
  const applicable = new Set(applicableStaging(fields));
  for (const field of stagingFields) {
    if (fields[field] && !applicable.has(field)) issues.push({ field, message: 'does not apply to the diagnosis (ICD-10 code or ICD-O-3 morphology)' });
  }
  return issues;
}

/** Adds the checks of `codingIssues` to a schema of whole cases. */
export function consistentlyCoded<S extends z.ZodType<Partial<CaseFields>>>(schema: S): S {
  return schema.superRefine((fields, ctx) => {
    for (const { field, message } of codingIssues(fields)) ctx.addIssue({ code: 'custom', path: [field], message });
  });
}

export const attachmentContentTypes = ['application/pdf', 'image/png', 'image/jpeg', 'application/dicom'] as const;
export type AttachmentContentType = (typeof attachmentContentTypes)[number];

/** One stored DICOM file of a series (its frames are slices too). */
export interface DicomSliceDto {
  id: string;
  size: number;
  sha256: string;
  frames: number;
}

/** The files of one DICOM series, in the order they are shown (instance number, then position). */
export interface DicomSeriesDto {
  modality: string;
  slices: DicomSliceDto[];
}

export interface AttachmentDto {
  id: string;
  filename: string;
  contentType: AttachmentContentType;
  /** For a DICOM series, the sum of its files. */
  size: number;
  sha256: string;
  uploadedAt: string;
  uploadedBy: string;
  /** A DICOM series (contentType application/dicom): its files, each downloaded by its own id. */
  series?: DicomSeriesDto;
}

export interface CaseDto extends CaseFields {
  id: string;
  /** Kept apart from the fields of the case form: recorded after the session too. */
  pathway: PathwayDates;
  sessionId: string;
  centerId: string;
  createdBy: string;
  attachments: AttachmentDto[];
  version: number;
  createdAt: string;
  updatedAt: string;
}
