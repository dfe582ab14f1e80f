import { z } from 'zod';

/** Error codes a client can act on; the message is for people, the code is for programs. */
export const errorCodes = [
  'invalid_input',
  'unauthenticated',
  'rate_limited',
  'too_large',
  'unsupported_type',
  'not_found',
  'forbidden',
  'conflict',
  'not_joined',
  'media_error',
  'unavailable',
  'internal',
] as const;
export const errorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/** Why a request conflicts with what is recorded, when people need more than "conflict" to act on it. */
export const errorReasons = [
  'not_confirmed',
  'not_credited',
  'not_certifying',
  'not_ended',
  'revoked',
  'pdf_pending',
  'pdf_failed',
  'too_fast',
  'cutoff_passed',
  // A DICOM file refused on upload: why, so the page can say it in Spanish.
  'dicom_unreadable',
  'dicom_compressed',
  'dicom_not_image',
  'dicom_unsupported_image',
  'dicom_burned_in',
  'dicom_identity_left',
  'dicom_duplicate',
  // A laboratory's report is a PDF only, unlike a case's files.
  'report_not_pdf',
  // A case with laboratory studies recorded is not removed: they would be lost.
  'case_has_studies',
  // A working-group meeting takes no cases: no patient's data is shown there.
  'no_cases',
  // An invited guest's link: before it opens (30 min before the start), after the session ended, or revoked by the coordinator.
  'link_not_open',
  'link_closed',
  'link_revoked',
] as const;
export type ErrorReason = (typeof errorReasons)[number];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Dotted path of the offending field, when one input field is to blame. */
  field?: string;
  reason?: ErrorReason;
  /** For a refusal that is only early: when it stops being refused (an ISO instant), for the page to say on the person's clock. */
  from?: string;
}

/** Every Socket.IO request is answered with a value, never by throwing across the wire. */
export type AckResult<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };
