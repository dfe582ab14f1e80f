/*
 * Apart from the session schemas, so that pages which only read sessions (the home page) load no
 * schema to ask it.
 */

/** Whether a centre hosts or is invited to a session (ids as strings or ObjectIds). */
export function takesPart(session: { hostCenterId: unknown; invitedCenterIds: readonly unknown[] }, centerId: string | undefined): boolean {
  return [session.hostCenterId, ...session.invitedCenterIds].some((id) => String(id) === centerId);
}
