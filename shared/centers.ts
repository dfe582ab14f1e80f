import { z } from 'zod';
import { mexicanStateCodes } from './mexico';

/**
 * `laboratory`: a reference laboratory that receives studies; never invited to sessions.
 * `office`: an authority (a state's health services, a national office) that attends working-group
 * meetings and answers for their agreements; it presents no cases.
 */
export const centerKinds = ['oncocrean', 'umae', 'hospital', 'laboratory', 'office'] as const;
export const centerKindSchema = z.enum(centerKinds);
export type CenterKind = z.infer<typeof centerKindSchema>;

export const centerInputSchema = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9][A-Z0-9-]{1,23}$/, 'must be 2 to 24 letters, digits or "-"'),
  name: z.string().trim().min(3, 'must have at least 3 characters').max(160),
  state: z.enum(mexicanStateCodes, 'must be a Mexican state code such as YUC or SLP'),
  kind: centerKindSchema,
  active: z.boolean().default(true),
});
export type CenterInput = z.input<typeof centerInputSchema>;

export interface CenterDto {
  id: string;
  code: string;
  name: string;
  state: string;
  kind: CenterKind;
  active: boolean;
}
