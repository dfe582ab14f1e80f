import { z } from 'zod';
import { calendarDaySchema } from './agreements';
import { MAX_COMMITMENT_DAYS, pathwayMilestones, type PathwayMilestone } from './pathway';

/*
 * The requests that change a patient's pathway and the network's commitments. Apart from
 * shared/pathway.ts, whose clocks the home page shows: these bring zod, which only forms need.
 */

/** Some milestones of a case's pathway: a day, or '' to clear one recorded by mistake. Only those sent change. */
export const pathwayChangesSchema = z
  .object(
    Object.fromEntries(pathwayMilestones.map((milestone) => [milestone, z.union([z.literal(''), calendarDaySchema])])) as Record<
      PathwayMilestone,
      z.ZodUnion<[z.ZodLiteral<''>, typeof calendarDaySchema]>
    >,
  )
  .partial()
  .refine((changes) => Object.keys(changes).length > 0, 'must change at least one date');
export type PathwayChanges = z.output<typeof pathwayChangesSchema>;

const commitmentDays = z.number().int().min(1, 'must be at least 1 day').max(MAX_COMMITMENT_DAYS, `must be at most ${MAX_COMMITMENT_DAYS} days`);
export const commitmentChangeSchema = z.object({ diagnosisDays: commitmentDays, treatmentDays: commitmentDays });
export type CommitmentChange = z.output<typeof commitmentChangeSchema>;
