import { z } from 'zod';
import { objectIdSchema } from './ids';
import type { GuestKind } from './guests';
import { roleSchema, type Role } from './roles';

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email('must be a valid email address').max(254));

/** Long passphrases welcome; a floor of 10 characters and a ceiling that bounds hashing work. */
export const passwordSchema = z.string().min(10, 'must have at least 10 characters').max(200, 'must have at most 200 characters');

export const loginRequestSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, 'is required').max(200),
});

const personNameSchema = z
  .string()
  .trim()
  .min(3, 'must have at least 3 characters')
  .max(120)
  .regex(/^[^\p{C}<>]+$/u, 'must not contain control characters or angle brackets');

export const userInputSchema = z.object({
  name: personNameSchema,
  email: emailSchema,
  roles: z
    .array(roleSchema)
    .min(1, 'must have at least one role')
    .max(5)
    .refine((roles) => !roles.includes('laboratory') || roles.length === 1, 'a laboratory account holds only the laboratory role'),
  centerId: objectIdSchema,
  specialty: z.string().trim().max(120).default(''),
  active: z.boolean().default(true),
});

export const createUserRequestSchema = userInputSchema.extend({ password: passwordSchema });
export const updateUserRequestSchema = userInputSchema.partial().extend({ password: passwordSchema.optional() });

export interface UserDto {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  centerId: string;
  specialty: string;
  active: boolean;
  /** Set for an invited guest (no account): the one session their link reaches and what they are. */
  guest?: { sessionId: string; kind: GuestKind; affiliation: string };
}
