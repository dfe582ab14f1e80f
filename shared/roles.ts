import { z } from 'zod';

/** `laboratory`: an account of a reference laboratory, which reaches only the studies sent to it. */
export const accountRoles = ['admin', 'coordinator', 'presenter', 'expert', 'attendee', 'laboratory'] as const;
/**
 * Held only by an invited guest's link, for one session, and never given to an account: `guest`
 * (a family member or another guest), `guest_speaker` (an external speaker of a keynote or a
 * training, who may share a screen there).
 */
export const guestRoles = ['guest', 'guest_speaker'] as const;
export const roles = [...accountRoles, ...guestRoles] as const;
/** The roles an account may be given. */
export const roleSchema = z.enum(accountRoles);
export type Role = (typeof roles)[number];
export type AccountRole = (typeof accountRoles)[number];
export type GuestRole = (typeof guestRoles)[number];
export const isGuestRole = (role: Role): role is GuestRole => (guestRoles as readonly Role[]).includes(role);
