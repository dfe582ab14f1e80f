import { z } from 'zod';
import { textWithoutIdentity } from './caseRules';
import { objectIdSchema } from './ids';
import { MAX_TURNAROUND, studyTypes, type StudyType } from './studies';

/*
 * The requests that send a study, record it and change the turnarounds. Apart from
 * shared/studies.ts, whose clocks the home page shows: these bring zod, which only forms need.
 */

export const studyTypeSchema = z.enum(studyTypes);

const turnaroundSchema = z
  .object({ amount: z.number().int().min(1, 'must be at least 1'), unit: z.enum(['hours', 'days']) })
  .refine((turnaround) => turnaround.amount <= MAX_TURNAROUND[turnaround.unit], {
    path: ['amount'],
    message: `must be at most ${MAX_TURNAROUND.hours} hours or ${MAX_TURNAROUND.days} days`,
  });

/** A coordinator's change of every study type's turnaround, from today on. */
export const turnaroundChangeSchema = z.object(Object.fromEntries(studyTypes.map((type) => [type, turnaroundSchema])) as Record<StudyType, typeof turnaroundSchema>);
export type TurnaroundChange = z.output<typeof turnaroundChangeSchema>;

/** An instant with its offset, as browsers send them: 2026-12-01T16:30:00.000Z. */
const instantSchema = z.iso.datetime({ offset: true, message: 'must be a date and time with its offset, such as 2026-12-01T16:30:00Z' });

export const sendStudyRequestSchema = z
  .object({
    laboratoryId: objectIdSchema,
    type: studyTypeSchema,
    description: textWithoutIdentity(500).default(''),
    sentAt: instantSchema,
  })
  .superRefine((study, ctx) => {
    if (study.type === 'other' && study.description.length < 3) ctx.addIssue({ code: 'custom', path: ['description'], message: 'say which study (at least 3 characters)' });
  });
export type SendStudyRequest = z.output<typeof sendStudyRequestSchema>;

export const studyReceiptRequestSchema = z.object({ receivedAt: instantSchema });
export const studyResultRequestSchema = z.object({ resultedAt: instantSchema, summary: textWithoutIdentity(2000).default('') });
