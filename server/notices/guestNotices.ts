import type { Models } from '../db/models';
import type { GuestMail } from '../domain/guestService';
import { toSessionDto } from '../domain/sessionService';
import { guestInvitationMessage } from './guestMessages';
import { senderOf } from './mailer';
import type { Outbox } from './outbox';

/** Queues an invited guest's email with their link: one per link issued (a new link is news again). */
export class GuestNotices {
  constructor(
    private readonly models: Pick<Models, 'centers'>,
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
}
