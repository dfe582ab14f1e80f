import { z } from 'zod';

export const roles = ['admin', 'coordinator', 'presenter', 'expert', 'attendee'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;
