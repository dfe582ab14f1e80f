import type { Models } from '../db/models';
import type { GuestMail } from '../domain/guestService';
import { toSessionDto, type SessionMailChange } from '../domain/sessionService';
import { errorFields, log } from '../logger';
import { guestInvitationMessage, guestSessionChangeMessage } from './guestMessages';
import { senderOf } from './mailer';
import type { Outbox } from './outbox';

/** Queues an invited guest's email with their link: one per link issued (a new link is news again). */
export class GuestNotices {
  constructor(
    private readonly models: Pick<Models, 'centers' | 'guests'>,
    private readonly outbox: Outbox,
    private readonly settings: { publicUrl: string; from: string },
    /** Called once something was queued (the sender's wake-up). */
    private readonly queued: () => void,
  ) {}

  readonly invited: GuestMail = async ({ guest, session, link, window, issuedAt }) => {
    if (!guest.email) return false;
    const host = await this.models.centers.findById(session.hostCenterId, { name: 1 }).lean();
    const now = new Date();
    const content = guestInvitationMessage({
      guest: { name: guest.name, kind: guest.kind, email: guest.email },
      invitedByName: guest.invitedByName,
      session: toSessionDto(session),
      hostCenterName: host?.name ?? '',
      link,
      opensAt: window.opensAt,
      publicUrl: this.settings.publicUrl,
      from: senderOf(this.settings.from),
      now,
    });
    // A guest has no account: the outbox's person is the guest.
    const draft = { ...content, kind: 'guest_invitation' as const, subjectId: guest.id, subjectVersion: issuedAt.getTime(), userId: guest.id, to: guest.email };
    if (await this.outbox.enqueue([draft], now)) this.queued();
    return true;
  };

  /**
   * A session moved (its start or length) or cancelled: its guests with an address and a link still
   * working are told, as its centres are. Returns at once, like the centres' notices.
   */
  readonly sessionChanged = (change: SessionMailChange): void => {
    this.changed(change).catch((error: unknown) => log.error('guest notices not queued', { sessionId: change.session.id, change: change.change, ...errorFields(error) }));
  };

  private async changed({ change, session, before }: SessionMailChange): Promise<void> {
    const moved = before && (before.startsAt !== session.startsAt || before.durationMinutes !== session.durationMinutes);
    if (change !== 'cancelled' && !moved) return;
    const guests = await this.models.guests.find({ sessionId: session.id, email: { $exists: true }, revokedAt: { $exists: false } }).lean();
    if (!guests.length) return;
    const host = await this.models.centers.findById(session.hostCenterId, { name: 1 }).lean();
    const now = new Date();
    const drafts = guests.map((guest) => ({
      ...guestSessionChangeMessage({
        kind: change === 'cancelled' ? 'cancellation' : 'change',
        guest: { name: guest.name, kind: guest.kind, email: guest.email! },
        session,
        ...(before ? { previousStartsAt: before.startsAt } : {}),
        hostCenterName: host?.name ?? '',
        publicUrl: this.settings.publicUrl,
        from: senderOf(this.settings.from),
        now,
      }),
      kind: 'session_change' as const,
      subjectId: session.id,
      subjectVersion: session.version,
      userId: String(guest._id),
      to: guest.email!,
    }));
    if (await this.outbox.enqueue(drafts, now)) this.queued();
  }
}
