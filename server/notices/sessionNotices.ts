import type { NoticeKind } from '../../shared/notices';
import type { SessionDto } from '../../shared/sessions';
import type { Models } from '../db/models';
import type { SessionMail, SessionMailChange } from '../domain/sessionService';
import { errorFields, log } from '../logger';
import { senderOf } from './mailer';
import { sessionMessage, type SessionMessageKind } from './messages';
import type { DecidedNotice, NoticeDelivery } from './delivery';
import { centerPeople } from './recipients';

/** Whom one part of the news goes to (the accounts of these centres), as which kind of notice. */
interface Audience {
  centerIds: string[];
  kind: NoticeKind;
  message: SessionMessageKind;
}

const centersOf = (session: SessionDto) => [session.hostCenterId, ...session.invitedCenterIds];

/**
 * Who hears what of a scheduling, change or cancellation: a change of time, length or host goes to
 * the centres that stay, an invitation to those added, a withdrawal to those dropped. Other
 * changes (title, case cut-off) send nothing.
 */
function audiences({ change, session, before }: SessionMailChange): Audience[] {
  if (change === 'scheduled') return [{ centerIds: centersOf(session), kind: 'session_invitation', message: 'invitation' }];
  if (change === 'cancelled') return [{ centerIds: centersOf(session), kind: 'session_change', message: 'cancellation' }];
  if (!before) return [];
  const was = new Set(centersOf(before));
  const now = new Set(centersOf(session));
  const material = before.startsAt !== session.startsAt || before.durationMinutes !== session.durationMinutes || before.hostCenterId !== session.hostCenterId;
  return [
    { centerIds: [...now].filter((id) => !was.has(id)), kind: 'session_invitation', message: 'invitation' },
    { centerIds: [...was].filter((id) => !now.has(id)), kind: 'session_change', message: 'withdrawn' },
    { centerIds: material ? [...now].filter((id) => was.has(id)) : [], kind: 'session_change', message: 'change' },
  ];
}

/** Turns what SessionService tells into notices, for every active account of the centres concerned. */
export class SessionNotices {
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly models: Pick<Models, 'users' | 'centers'>,
    private readonly delivery: NoticeDelivery,
  ) {}

  /** Returns at once: the request that made the change neither waits for the notices nor fails with them. */
  readonly told: SessionMail = (change) => {
    const delivering: Promise<void> = this.deliver(change)
      .catch((error: unknown) => log.error('session notices not delivered', { sessionId: change.session.id, change: change.change, ...errorFields(error) }))
      .finally(() => this.pending.delete(delivering));
    this.pending.add(delivering);
  };

  /** Resolves once everything told so far is delivered (or failed to be): before the database closes. */
  async idle(): Promise<void> {
    await Promise.all(this.pending);
  }

  private async deliver(change: SessionMailChange): Promise<void> {
    const { session } = change;
    const parts = audiences(change).filter((audience) => audience.centerIds.length);
    if (!parts.length) return;
    const host = await this.models.centers.findById(session.hostCenterId, { name: 1 }).lean();
    const now = new Date();
    const decided: DecidedNotice[] = [];
    for (const audience of parts) {
      for (const recipient of await centerPeople(this.models.users, audience.centerIds)) {
        decided.push({
          kind: audience.kind,
          subjectId: session.id,
          subjectVersion: session.version,
          recipient,
          params: { change: audience.message, number: session.number, title: session.title, startsAt: session.startsAt, timeZone: session.timeZone },
          // A centre no longer invited no longer sees the session's page.
          link: audience.message === 'withdrawn' ? '/sesiones' : `/sesiones/${session.id}`,
          email: (mail) =>
            sessionMessage({
              kind: audience.message,
              session,
              ...(change.before ? { previousStartsAt: change.before.startsAt } : {}),
              hostCenterName: host?.name ?? '',
              recipient: { name: recipient.name, email: recipient.email },
              publicUrl: mail.publicUrl,
              from: senderOf(mail.from),
              now,
            }),
        });
      }
    }
    await this.delivery.deliver(decided);
  }
}
