import { z } from 'zod';
import { findIcd10 } from './icd10';
import { mexicanStateCodes } from './mexico';

/** Pseudonymised case code, never a name: letters, digits and dashes, e.g. YUC-2026-014. */
export const caseCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]{2,31}$/, 'must be 3 to 32 letters, digits or "-" (a code, not a name)');

/** The longest text a case field takes (its clinical summary). */
export const LONGEST_CASE_TEXT = 5000;

const clinicalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must have at most ${max} characters`)
    .regex(/^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/, 'must not contain control characters');

export const sexes = ['female', 'male', 'undetermined'] as const;

export const caseFieldsSchema = z.object({
  caseCode: caseCodeSchema,
  ageYears: z.number().int().min(0).max(120),
  ageMonths: z.number().int().min(0).max(11).default(0),
  sex: z.enum(sexes),
  state: z.enum(mexicanStateCodes, 'must be a Mexican state code such as YUC'),
  icd10Code: z
    .string()
    .trim()
    .toUpperCase()
    .refine((code) => findIcd10(code) !== undefined, 'must be a code from the ICD-10 list'),
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
export type CaseFieldName = keyof CaseFields;

export const attachmentContentTypes = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type AttachmentContentType = (typeof attachmentContentTypes)[number];

export interface AttachmentDto {
  id: string;
  filename: string;
  contentType: AttachmentContentType;
  size: number;
  sha256: string;
  uploadedAt: string;
  uploadedBy: string;
}

export interface CaseDto extends CaseFields {
  id: string;
  sessionId: string;
  centerId: string;
  createdBy: string;
  attachments: AttachmentDto[];
  version: number;
  createdAt: string;
  updatedAt: string;
}
