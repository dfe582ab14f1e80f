import { z } from 'zod';

/** `laboratory`: an account of a reference laboratory, which reaches only the studies sent to it. */
export const roles = ['admin', 'coordinator', 'presenter', 'expert', 'attendee', 'laboratory'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;
