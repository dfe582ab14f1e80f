import { z } from 'zod';
import { objectIdSchema } from './ids';
import { mexicanStateCodes } from './mexico';

/**
 * A matter (asunto) a family raises at a working-group meeting: a concrete problem (a drug out of
 * stock in one state, catheter training in one hospital) that becomes one or more agreements with a
 * responsible office or hospital, followed up meeting after meeting like the board's agreements.
 */
export const matterTopics = [
  'medicine_supply',
  'diagnosis_access',
  'treatment_access',
  'supplies_equipment',
  'staff_training',
  'transport_lodging',
  'social_support',
  'care_quality',
  'other',
] as const;
export const matterTopicSchema = z.enum(matterTopics);
export type MatterTopic = z.infer<typeof matterTopicSchema>;

/** `resolved`: it has agreements and all of them are done; `open` otherwise. Never stored: read from its agreements. */
export type MatterStatus = 'open' | 'resolved';

/** Whoever raised it, by first name only (one or two words: "María", "José Luis"), never a surname or a patient's name. */
export const firstNameSchema = z
  .string()
  .trim()
  .min(2, 'must have at least 2 characters')
  .max(40, 'must have at most 40 characters')
  .regex(/^\p{L}[\p{L}'’-]*( \p{L}[\p{L}'’-]*)?$/u, 'must be a first name only (one or two words, letters only)');

const matterText = z
  .string()
  .trim()
  .min(3, 'must have at least 3 characters')
  .max(2000, 'must have at most 2000 characters')
  .regex(/^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/, 'must not contain control characters');

export const createMatterRequestSchema = z.object({
  topic: matterTopicSchema,
  state: z.enum(mexicanStateCodes, 'must be a Mexican state code such as YUC or SLP'),
  /** The hospital the matter is about, when it is about one. */
  hospitalCenterId: objectIdSchema.optional(),
  raisedBy: firstNameSchema,
  description: matterText,
});

export const updateMatterRequestSchema = z
  .object({
    version: z.number().int().min(0),
    topic: matterTopicSchema.optional(),
    state: z.enum(mexicanStateCodes, 'must be a Mexican state code such as YUC or SLP').optional(),
    hospitalCenterId: objectIdSchema.nullable().optional(),
    raisedBy: firstNameSchema.optional(),
    description: matterText.optional(),
  })
  .strict();

/** Open matters of earlier meetings (to follow up), or every matter of the network, newest first. */
export const matterListQuerySchema = z.object({
  status: z.enum(['open', 'resolved', 'all']).default('open'),
  state: z.enum(mexicanStateCodes).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export interface MatterDto {
  id: string;
  sessionId: string;
  sessionNumber: number;
  /** Numbered within the network, in the order raised: "Asunto 187". */
  number: number;
  topic: MatterTopic;
  state: string;
  hospitalCenterId: string | null;
  raisedBy: string;
  description: string;
  status: MatterStatus;
  /** Its agreements (AgreementDto.matterId), oldest first. */
  agreementIds: string[];
  version: number;
  createdAt: string;
}

/** Matters raised in a range: how many, and how many are resolved or still open today. */
export interface MatterCounts {
  raised: number;
  resolved: number;
  open: number;
}

/** The working group over a date range (Mexico City days), by the day each meeting was held. */
export interface WorkingGroupReportDto {
  from: string;
  to: string;
  /** Working-group meetings held (ended) in the range. */
  meetingsHeld: number;
  /** Family members who attended those meetings (guests of kind family present), counted once per meeting. */
  familyAttendances: number;
  matters: MatterCounts;
  /** Every state with a matter raised in the range, by name. */
  byState: ({ state: string } & MatterCounts)[];
  /** Every topic, in matterTopics order, empty ones included. */
  byTopic: ({ topic: MatterTopic } & MatterCounts)[];
  /** The agreements of those matters: open, done, overdue today. */
  agreements: { open: number; done: number; overdue: number };
}
