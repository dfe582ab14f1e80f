import { z } from 'zod';

/** Minutes are text the coordinator edits from a draft the system assembled; approved minutes never change. */
export const saveMinutesRequestSchema = z.object({
  version: z.number().int().min(0),
  text: z
    .string()
    .max(100_000, 'must have at most 100000 characters')
    .regex(/^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/, 'must not contain control characters'),
});
export const approveMinutesRequestSchema = z.object({ version: z.number().int().min(0) });

/** Approved minutes are never rewritten: a correction is a new version that says who, when and why. */
export const correctMinutesRequestSchema = saveMinutesRequestSchema.extend({
  reason: z.string().trim().min(3, 'must have at least 3 characters').max(500, 'must have at most 500 characters'),
});

export interface MinutesCorrectionDto {
  version: number;
  byName: string;
  at: string;
  reason: string;
}

export interface MinutesDto {
  sessionId: string;
  status: 'draft' | 'approved';
  text: string;
  version: number;
  updatedAt: string;
  approvedAt: string | null;
  /** Corrections after approval, oldest first; `text` is the latest version's. */
  corrections: MinutesCorrectionDto[];
}
