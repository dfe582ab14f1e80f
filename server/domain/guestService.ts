import type { Types } from 'mongoose';
import type { z } from 'zod';
import { GUEST_TOKEN_BYTES, type GuestDto, type GuestEntryDto, type GuestInvitationDto, type inviteGuestRequestSchema } from '../../shared/guests';
import { isHeld } from '../../shared/sessions';
import { firstNameSchema } from '../../shared/workingGroup';
import type { Models } from '../db/models';
import type { Guest } from '../db/models/guest';
import { errorFields, log } from '../logger';
import { authorize, type Actor } from './actor';
import type { AuditLog } from './auditLog';
import type { AuthService } from './authService';
import { idOf } from './documents';
import { AppError, conflictBecause, invalidField, notFound } from './errors';
import { guestLink, guestLinkWindow, linkState, type LinkWindow } from './guestLinks';
import { LoginThrottle } from './loginThrottle';
import { newSecret, secretHash } from './secrets';
import type { SessionDoc, SessionService } from './sessionService';

export type GuestDoc = Guest & { _id: Types.ObjectId; createdAt: Date };

/** Links tried from one address in a quarter of an hour before it is refused: a family's few tries, never a guessing run. */
export const GUEST_ENTRIES_PER_ADDRESS = 20;

/** An invitation to email: the guest, their session, and the link with when it works. */
export interface GuestInvitationMail {
  guest: GuestDto;
  session: SessionDoc;
  link: string;
  window: LinkWindow;
  /** Told apart from the guest's earlier links, so a new link is emailed again. */
  issuedAt: Date;
}

/** Queues the invitation's email; true once queued. Unset without a mail server. */
export type GuestMail = (mail: GuestInvitationMail) => Promise<boolean>;

export function toGuestDto(guest: GuestDoc): GuestDto {
  return {
    id: idOf(guest._id),
    sessionId: idOf(guest.sessionId),
    name: guest.name,
    kind: guest.kind,
    affiliation: guest.affiliation,
    email: guest.email ?? null,
    invitedByName: guest.invitedByName,
    invitedAt: guest.createdAt.toISOString(),
    revokedAt: guest.revokedAt?.toISOString() ?? null,
    firstUsedAt: guest.firstUsedAt?.toISOString() ?? null,
    lastUsedAt: guest.lastUsedAt?.toISOString() ?? null,
    emailed: guest.emailed,
  };
}

/**
 * People without an account invited by a coordinator to one session: their personal links (only
 * each token's hash is kept), revoked or renewed at once, and exchanged for a sign-in that reaches
 * that session's lobby and room only while the link works.
 */
export class GuestService {
  private readonly throttle: LoginThrottle;

  constructor(
    private readonly models: Pick<Models, 'guests' | 'sessions' | 'signInFailures'>,
    private readonly sessions: SessionService,
    private readonly auth: AuthService,
    private readonly audit: AuditLog,
    private readonly mail?: GuestMail,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.throttle = new LoginThrottle(models, 'guest_link_address', GUEST_ENTRIES_PER_ADDRESS);
  }

  async list(actor: Actor, sessionId: string): Promise<GuestDto[]> {
    authorize(actor, 'guests.invite');
    await this.sessions.requireVisible(actor, sessionId);
    return (await this.models.guests.find({ sessionId }).sort({ createdAt: 1 }).lean<GuestDoc[]>()).map(toGuestDto);
  }

  /** `base`: where the pages are (PUBLIC_URL, or the coordinator's own address). */
  async invite(actor: Actor, sessionId: string, input: z.output<typeof inviteGuestRequestSchema>, base: string): Promise<GuestInvitationDto> {
    authorize(actor, 'guests.invite');
    const session = await this.invitable(actor, sessionId);
    if (input.kind === 'family') {
      // Families are named by first name only, as the network's bulletins do.
      const firstName = firstNameSchema.safeParse(input.name);
      if (!firstName.success) throw invalidField({ field: 'name', message: firstName.error.issues[0]?.message ?? 'must be a first name only' });
    }
    const { token, hash: tokenHash } = newSecret(GUEST_TOKEN_BYTES);
    const created = await this.models.guests.create({
      sessionId,
      name: input.name,
      kind: input.kind,
      affiliation: input.affiliation,
      ...(input.email ? { email: input.email } : {}),
      tokenHash,
      invitedBy: actor.id,
      invitedByName: actor.name,
    });
    const guest = created.toObject<GuestDoc>();
    await this.audit.record(actor, 'invite', 'guest', idOf(guest._id), `invitación de ${guest.name} a la sesión ${session.number}`, {
      sessionId,
      kind: input.kind,
      affiliation: input.affiliation,
      email: input.email,
    });
    return this.issued(guest, session, token, base);
  }

  /** The link stops working now, and the guest is sent out of the room or lobby. Revoking twice changes nothing. */
  async revoke(actor: Actor, sessionId: string, guestId: string): Promise<GuestDto> {
    authorize(actor, 'guests.invite');
    await this.sessions.requireVisible(actor, sessionId);
    const revoked = await this.models.guests
      .findOneAndUpdate({ _id: guestId, sessionId, revokedAt: null }, { $set: { revokedAt: this.now() } }, { returnDocument: 'after' })
      .lean<GuestDoc>();
    if (!revoked) return toGuestDto(await this.find(sessionId, guestId));
    await this.audit.record(actor, 'revoke', 'guest', guestId, `enlace de ${revoked.name} revocado`, { sessionId });
    await this.auth.endGuest(guestId);
    return toGuestDto(revoked);
  }

  /** A new link for a guest who lost theirs: the old one stops working, and whoever entered with it is signed out. */
  async renew(actor: Actor, sessionId: string, guestId: string, base: string): Promise<GuestInvitationDto> {
    authorize(actor, 'guests.invite');
    const session = await this.invitable(actor, sessionId);
    const { token, hash: tokenHash } = newSecret(GUEST_TOKEN_BYTES);
    const renewed = await this.models.guests.findOneAndUpdate({ _id: guestId, sessionId, revokedAt: null }, { $set: { tokenHash } }, { returnDocument: 'after' }).lean<GuestDoc>();
    if (!renewed) {
      await this.find(sessionId, guestId);
      throw conflictBecause('link_revoked', 'this guest’s link was revoked; invite them again');
    }
    await this.audit.record(actor, 'renew_link', 'guest', guestId, `nuevo enlace para ${renewed.name}`, { sessionId });
    await this.auth.endGuest(guestId);
    return this.issued(renewed, session, token, base);
  }

  /**
   * A link exchanged for a sign-in to its session, until the link stops working. Unknown, revoked
   * and spent links count against the address, so links cannot be guessed; one tried too early does not.
   */
  async enter(token: string, clientAddress: string): Promise<{ entry: GuestEntryDto; token: string; expiresAt: Date }> {
    const wait = await this.throttle.attempt(clientAddress);
    if (wait > 0) throw new AppError('rate_limited', `too many invitation links tried; try again in ${Math.ceil(wait / 60_000)} min`);
    const guest = await this.models.guests.findOne({ tokenHash: secretHash(token) }).lean<GuestDoc>();
    if (!guest) throw new AppError('not_found', 'invitation link not valid');
    if (guest.revokedAt) throw conflictBecause('link_revoked', 'this invitation link was revoked');
    const session = await this.models.sessions.findById(guest.sessionId).lean<SessionDoc>();
    if (!session) throw new AppError('not_found', 'invitation link not valid');
    const now = this.now();
    const state = linkState(session, now);
    if (state === 'closed') throw conflictBecause('link_closed', 'this invitation link no longer works: the session is over');
    await this.throttle.forgiveOne(clientAddress);
    const window = guestLinkWindow(session);
    if (state === 'not_open') throw conflictBecause('link_not_open', `this invitation link works from ${window.opensAt.toISOString()}`, window.opensAt);

    const guestId = idOf(guest._id);
    const signIn = await this.auth.signInGuest(guestId, window.closesAt);
    await this.models.guests.updateOne({ _id: guest._id }, { $set: { lastUsedAt: now }, $min: { firstUsedAt: now } });
    await this.audit.record(undefined, 'enter', 'guest', guestId, `${guest.name} entró con su enlace a la sesión ${session.number}`, { sessionId: idOf(session._id) });
    return {
      token: signIn,
      expiresAt: window.closesAt,
      entry: {
        guest: { id: guestId, name: guest.name, kind: guest.kind, affiliation: guest.affiliation },
        sessionId: idOf(session._id),
        sessionNumber: session.number,
        sessionTitle: session.title,
        startsAt: session.startsAt.toISOString(),
        timeZone: session.timeZone,
      },
    };
  }

  /** The answer that tells the link, once; emailed when the guest has an address and mail is set up. */
  private async issued(guest: GuestDoc, session: SessionDoc, token: string, base: string): Promise<GuestInvitationDto> {
    const link = guestLink(base, token);
    const window = guestLinkWindow(session);
    let dto = toGuestDto(guest);
    if (guest.email && this.mail && (await this.mailed({ guest: dto, session, link, window, issuedAt: this.now() }))) {
      const marked = await this.models.guests.findOneAndUpdate({ _id: guest._id }, { $set: { emailed: true } }, { returnDocument: 'after' }).lean<GuestDoc>();
      if (marked) dto = toGuestDto(marked);
    }
    return { guest: dto, link, opensAt: window.opensAt.toISOString(), closesAt: window.closesAt.toISOString() };
  }

  /** A failure to queue is logged: the coordinator still has the link to hand over, and sees it was not emailed. */
  private async mailed(mail: GuestInvitationMail): Promise<boolean> {
    try {
      return await this.mail!(mail);
    } catch (error) {
      log.error('guest invitation not queued', { guestId: mail.guest.id, ...errorFields(error) });
      return false;
    }
  }

  /** A session whose guests may still be invited or given a link: not cancelled, not over. */
  private async invitable(actor: Actor, sessionId: string): Promise<SessionDoc> {
    const session = await this.sessions.visible(actor, sessionId);
    if (session.status === 'cancelled' || isHeld(session)) throw conflictBecause('link_closed', `the session is ${session.status}: its guests’ links would not work`);
    return session;
  }

  private async find(sessionId: string, guestId: string): Promise<GuestDoc> {
    const guest = await this.models.guests.findOne({ _id: guestId, sessionId }).lean<GuestDoc>();
    if (!guest) throw notFound('guest');
    return guest;
  }
}
