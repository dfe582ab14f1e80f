import { GUEST_LINK_GRACE_MINUTES_AFTER, GUEST_LINK_OPENS_MINUTES_BEFORE } from '../../shared/guests';
import { GUEST_LINK_PATH } from '../../shared/guestPaths';
import { isHeld, type SessionStatus } from '../../shared/sessions';

const MINUTE_MS = 60_000;

/** What of a session decides when its guests' links work. */
export interface LinkSession {
  startsAt: Date;
  durationMinutes: number;
  status: SessionStatus;
  endedAt?: Date | null;
  /** A cancelled session's last change: its cancellation. */
  updatedAt?: Date | null;
}

export interface LinkWindow {
  opensAt: Date;
  closesAt: Date;
}

/**
 * When a guest's link works: from when the room opens until the session ends; one nobody ends
 * stops admitting guests a while after its scheduled end, and a cancelled one when it was cancelled.
 */
export function guestLinkWindow(session: LinkSession): LinkWindow {
  const opensAt = new Date(session.startsAt.getTime() - GUEST_LINK_OPENS_MINUTES_BEFORE * MINUTE_MS);
  const scheduledClose = new Date(session.startsAt.getTime() + (session.durationMinutes + GUEST_LINK_GRACE_MINUTES_AFTER) * MINUTE_MS);
  const stoppedAt = isHeld(session) ? session.endedAt : session.status === 'cancelled' ? session.updatedAt : null;
  // Ended before it opened (cancelled days ahead): the window is empty, not reversed.
  const closesAt = stoppedAt && stoppedAt < scheduledClose ? new Date(Math.max(stoppedAt.getTime(), opensAt.getTime())) : scheduledClose;
  return { opensAt, closesAt };
}

/** Whether a link works now: too early, open, or over for good (the session ended or was cancelled, or its time passed). */
export function linkState(session: LinkSession, now: Date): 'not_open' | 'open' | 'closed' {
  if (session.status === 'cancelled' || isHeld(session)) return 'closed';
  const { opensAt, closesAt } = guestLinkWindow(session);
  if (now >= closesAt) return 'closed';
  return now < opensAt ? 'not_open' : 'open';
}

/** The link a guest opens: the token after `#`, so it reaches neither a server's log nor a Referer. */
export const guestLink = (base: string, token: string) => `${base.replace(/\/+$/, '')}${GUEST_LINK_PATH}#${token}`;
