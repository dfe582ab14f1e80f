import { z } from 'zod';
import { calendarDaySchema } from './agreements';
import { textWithoutIdentity } from './caseRules';
import { followThroughStatuses, patientCourses } from './followUp';
import { objectIdSchema } from './ids';

/*
 * The requests that record what happened after the board. Apart from shared/followUp.ts, whose
 * checkpoints the home page shows: these bring zod, which only forms need.
 */

/** Recorded once the centre knows; replaced by a later record (a correction), each one audited. */
export const followThroughRequestSchema = z
  .object({
    status: z.enum(followThroughStatuses),
    /** Why it was changed or not carried out; required then. */
    reason: textWithoutIdentity(1000).default(''),
    /** The day it was carried out, or the day it was decided not to: not in the future, not before the confirmation. */
    decidedOn: calendarDaySchema,
  })
  .superRefine((record, ctx) => {
    if (record.status !== 'carried_out' && record.reason.length < 3) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'say why (at least 3 characters)' });
  });
export type FollowThroughRequest = z.output<typeof followThroughRequestSchema>;

/** The patient's course at one checkpoint; recording a checkpoint again replaces it (audited). */
export const outcomeRequestSchema = z
  .object({
    months: z.union([z.literal(3), z.literal(6), z.literal(12)]),
    course: z.enum(patientCourses),
    /** The day the course was assessed: not in the future, not before the confirmation. */
    assessedOn: calendarDaySchema,
    /** Only for a death, and then required, like its cause: not after assessedOn, not before the confirmation. */
    diedOn: z.union([z.literal(''), calendarDaySchema]).default(''),
    causeOfDeath: textWithoutIdentity(500).default(''),
    notes: textWithoutIdentity(1000).default(''),
  })
  .superRefine((outcome, ctx) => {
    const deceased = outcome.course === 'deceased';
    if (deceased && !outcome.diedOn) ctx.addIssue({ code: 'custom', path: ['diedOn'], message: 'say the day of death' });
    if (deceased && outcome.causeOfDeath.length < 3) ctx.addIssue({ code: 'custom', path: ['causeOfDeath'], message: 'say the cause of death (at least 3 characters)' });
    if (!deceased && outcome.diedOn) ctx.addIssue({ code: 'custom', path: ['diedOn'], message: 'only for a patient who died' });
    if (!deceased && outcome.causeOfDeath) ctx.addIssue({ code: 'custom', path: ['causeOfDeath'], message: 'only for a patient who died' });
    if (deceased && outcome.diedOn > outcome.assessedOn) ctx.addIssue({ code: 'custom', path: ['diedOn'], message: 'must not be after assessedOn' });
  });
export type OutcomeRequest = z.output<typeof outcomeRequestSchema>;

/** Puts a death on a later case-review session's agenda, for the network's review of deaths. */
export const mortalityReviewRequestSchema = z.object({ sessionId: objectIdSchema });
