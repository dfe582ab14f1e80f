import { z } from 'zod';
import { objectIdSchema } from './ids';

export const agreementStatuses = ['pending', 'in_progress', 'done'] as const;
/** Statuses of agreements still to be followed up. */
export const openAgreementStatuses = ['pending', 'in_progress'] as const;
/** 'overdue' is never stored: an open agreement past its due date reads as overdue by itself. */
export type AgreementStatus = (typeof agreementStatuses)[number] | 'overdue';

/** How an agreement reads on a Mexican calendar day (YYYY-MM-DD): still open after its due date is overdue. */
export function agreementStatusOn(agreement: { status: (typeof agreementStatuses)[number]; dueDate: string }, today: string): AgreementStatus {
  return agreement.status !== 'done' && agreement.dueDate < today ? 'overdue' : agreement.status;
}

/** How many agreements read open (pending or in progress, not yet due), done and overdue on a Mexican calendar day. */
export function agreementCountsOn(agreements: readonly Parameters<typeof agreementStatusOn>[0][], today: string): { open: number; done: number; overdue: number } {
  const counts = { open: 0, done: 0, overdue: 0 };
  for (const agreement of agreements) {
    const status = agreementStatusOn(agreement, today);
    counts[status === 'pending' || status === 'in_progress' ? 'open' : status] += 1;
  }
  return counts;
}

const agreementText = z
  .string()
  .trim()
  .min(3, 'must have at least 3 characters')
  .max(2000, 'must have at most 2000 characters')
  .regex(/^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/, 'must not contain control characters');

/** A calendar day in Mexico (the due date of an action item has no time of day). */
export const dateOnlySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-12-15');

/** A day that exists on the calendar (not 2026-02-30). */
export const calendarDaySchema = dateOnlySchema.refine((day) => {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day);
}, 'must be a real date');

export const createAgreementRequestSchema = z.object({
  text: agreementText,
  responsibleCenterId: objectIdSchema,
  responsiblePerson: z.string().trim().max(120).default(''),
  dueDate: dateOnlySchema,
  caseId: objectIdSchema.optional(),
  /** The working-group matter it answers (a working-group session only). */
  matterId: objectIdSchema.optional(),
});

export const updateAgreementRequestSchema = z.object({
  version: z.number().int().min(0),
  text: agreementText.optional(),
  responsibleCenterId: objectIdSchema.optional(),
  responsiblePerson: z.string().trim().max(120).optional(),
  dueDate: dateOnlySchema.optional(),
  status: z.enum(agreementStatuses).optional(),
});

export const followUpRequestSchema = z.object({
  note: agreementText,
  /** The session where the follow-up was discussed, when it was. */
  sessionId: objectIdSchema.optional(),
});

export interface FollowUpDto {
  at: string;
  byName: string;
  sessionId: string | null;
  note: string;
}

export interface AgreementDto {
  id: string;
  sessionId: string;
  sessionNumber: number;
  caseId: string | null;
  matterId: string | null;
  text: string;
  responsibleCenterId: string;
  responsiblePerson: string;
  dueDate: string;
  status: AgreementStatus;
  followUps: FollowUpDto[];
  version: number;
  createdAt: string;
}
