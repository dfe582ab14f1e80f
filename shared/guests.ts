import { z } from 'zod';
import { objectIdSchema } from './ids';
import { ROOM_OPENS_MINUTES_BEFORE } from './room';
import type { SessionKind } from './sessions';

/**
 * Someone without an account invited by a coordinator to one session: a family member, an external
 * speaker (national or international) or someone else. A personal link lets them into that
 * session's lobby and room and reaches nothing else.
 */
export const guestKinds = ['family', 'speaker', 'other'] as const;
export const guestKindSchema = z.enum(guestKinds);
export type GuestKind = z.infer<typeof guestKindSchema>;

/** A guest's link works from this long before the start (when the room opens)… */
export const GUEST_LINK_OPENS_MINUTES_BEFORE = ROOM_OPENS_MINUTES_BEFORE;
/** … until the session ends; a session nobody ends stops admitting its guests this long after its scheduled end. */
export const GUEST_LINK_GRACE_MINUTES_AFTER = 120;
/** Bytes of randomness in a link's token (base64url in the link): far beyond guessing. */
export const GUEST_TOKEN_BYTES = 32;

const noControl = /^[^\p{C}]+$/u;

export const inviteGuestRequestSchema = z.object({
  /** A family member is named by first name only, as the network's bulletins do. */
  name: z.string().trim().min(2, 'must have at least 2 characters').max(120, 'must have at most 120 characters').regex(noControl, 'must not contain control characters'),
  kind: guestKindSchema,
  /** Where the link is emailed; without one the coordinator hands the link over (a message, a call). */
  email: z.email('must be an email address').max(254).optional(),
  /** What they are to the network, shown in the lobby and the room: "madre de paciente", "Universidad de Toronto". */
  affiliation: z
    .string()
    .trim()
    .max(160, 'must have at most 160 characters')
    .regex(/^[^\p{C}]*$/u, 'must not contain control characters')
    .default(''),
});
export type InviteGuestRequest = z.input<typeof inviteGuestRequestSchema>;

/** What the guest's page sends: the token from the link's fragment. */
export const guestEnterRequestSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be the code of an invitation link'),
});

export const guestParams = z.object({ id: objectIdSchema, guestId: objectIdSchema });

export interface GuestDto {
  id: string;
  sessionId: string;
  name: string;
  kind: GuestKind;
  affiliation: string;
  email: string | null;
  invitedByName: string;
  invitedAt: string;
  /** When the link stopped working by the coordinator's hand; null while it works. */
  revokedAt: string | null;
  /** When the link was first and last used to enter; null until then. */
  firstUsedAt: string | null;
  lastUsedAt: string | null;
  /** Whether an email with the link was queued to `email`. */
  emailed: boolean;
}

/** The invitation's answer: the only time the link is told (the server keeps only its hash). */
export interface GuestInvitationDto {
  guest: GuestDto;
  /** PUBLIC_URL (or the request's origin) + GUEST_LINK_PATH + '#' + token. */
  link: string;
  /** When the link starts and stops working. */
  opensAt: string;
  closesAt: string;
}

/** What a guest's page learns on entering: who they are and the one session they may join. */
export interface GuestEntryDto {
  guest: Pick<GuestDto, 'id' | 'name' | 'kind' | 'affiliation'>;
  sessionId: string;
  sessionNumber: number;
  sessionTitle: string;
  startsAt: string;
  timeZone: string;
}

/**
 * Whether a session's agreements (and their news) are its guests' business: at a working-group
 * meeting they answer the families' matters; elsewhere an agreement may be about a patient's case.
 */
export const guestsFollowAgreements = (session: { kind: SessionKind }) => session.kind === 'working_group';
