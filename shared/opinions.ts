import { z } from 'zod';
import { objectIdSchema } from './ids';

export const opinionCategories = ['diagnosis', 'treatment', 'referral', 'palliative_care', 'further_study', 'second_opinion'] as const;
export type OpinionCategory = (typeof opinionCategories)[number];
export const opinionStances = ['agree', 'dissent'] as const;

const opinionText = z
  .string()
  .max(5000, 'must have at most 5000 characters')
  .regex(/^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/, 'must not contain control characters');

/** Saved as the expert types, so a dropped connection loses nothing; only the author sees a draft. */
export const saveOpinionDraftRequestSchema = z.object({
  caseId: objectIdSchema,
  category: z.enum(opinionCategories),
  stance: z.enum(opinionStances),
  text: opinionText,
});

export const publishOpinionRequestSchema = z.object({ caseId: objectIdSchema });
export const caseOpinionsRequestSchema = z.object({ caseId: objectIdSchema });

export interface OpinionDto {
  id: string;
  caseId: string;
  sessionId: string;
  authorId: string;
  authorName: string;
  centerId: string;
  specialty: string;
  category: OpinionCategory;
  stance: (typeof opinionStances)[number];
  text: string;
  published: boolean;
  updatedAt: string;
}

/** Distinct specialties among the experts present, against what a recommendation needs. */
export interface Quorum {
  specialties: string[];
  required: number;
  met: boolean;
}

export interface CaseOpinions {
  opinions: OpinionDto[];
  mine: OpinionDto | null;
}

/** The quorum of the people present: distinct specialties of those with the expert role. */
export function quorumOf(people: { roles: readonly string[]; specialty: string }[], required: number): Quorum {
  const specialties = [...new Set(people.filter((person) => person.roles.includes('expert') && person.specialty.trim()).map((person) => person.specialty.trim()))].sort((a, b) =>
    a.localeCompare(b, 'es'),
  );
  return { specialties, required, met: specialties.length >= required };
}

export const proposeRecommendationRequestSchema = z.object({
  caseId: objectIdSchema,
  text: opinionText.refine((text) => text.trim().length >= 3, 'must have at least 3 characters'),
});
export const confirmRecommendationRequestSchema = z.object({
  caseId: objectIdSchema,
  version: z.number().int().min(0),
  /** The coordinator saw the warning and records the recommendation without quorum anyway. */
  withoutQuorum: z.boolean().default(false),
});

/** The board's consensus for a case: proposed and read back on every screen, then confirmed. */
export interface RecommendationDto {
  caseId: string;
  sessionId: string;
  text: string;
  status: 'proposed' | 'confirmed';
  version: number;
  proposedBy: string;
  confirmedAt: string | null;
  quorum: Quorum | null;
}
