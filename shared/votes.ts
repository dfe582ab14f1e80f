import { z } from 'zod';
import { objectIdSchema } from './ids';

export const voteChoices = ['agree', 'dissent', 'abstain'] as const;
export type VoteChoice = (typeof voteChoices)[number];

export const openVoteRequestSchema = z.object({
  caseId: objectIdSchema,
  question: z.string().trim().min(3, 'must have at least 3 characters').max(500, 'must have at most 500 characters'),
});
export const castVoteRequestSchema = z.object({ caseId: objectIdSchema, choice: z.enum(voteChoices) });
export const caseVoteRequestSchema = z.object({ caseId: objectIdSchema });

/** A vote among the experts present on a case: one ballot each; dissent is kept with names. */
export interface VoteDto {
  caseId: string;
  question: string;
  open: boolean;
  counts: Record<VoteChoice, number>;
  dissenters: string[];
  /** Who has voted (not how): each client tells from it whether its own ballot is in. */
  voterIds: string[];
}
