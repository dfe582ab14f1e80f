import type { NoticeKind } from '../../shared/notices';
import type { SessionDto } from '../../shared/sessions';
import type { Models } from '../db/models';
import type { SessionMail, SessionMailChange } from '../domain/sessionService';
import { errorFields, log } from '../logger';
import { senderOf } from './mailer';
import { sessionMessage, type SessionMessageKind } from './messages';
import type { NoticeDraft, Outbox } from './outbox';
import { noticeRecipients } from './recipients';

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

/** Turns what SessionService tells into email notices in the outbox, for every active account of the centres concerned. */
export class SessionNotices {
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly models: Pick<Models, 'users' | 'centers'>,
    private readonly outbox: Outbox,
    private readonly settings: { publicUrl: string; from: string },
    /** Called once something was queued (the sender's wake-up). */
    private readonly queued: () => void,
  ) {}

  /** Returns at once: the request that made the change neither waits for the notices nor fails with them. */
  readonly told: SessionMail = (change) => {
    const queuing: Promise<void> = this.enqueue(change)
      .catch((error: unknown) => log.error('session notices not queued', { sessionId: change.session.id, change: change.change, ...errorFields(error) }))
      .finally(() => this.pending.delete(queuing));
    this.pending.add(queuing);
  };

  /** Resolves once everything told so far is queued (or failed to be): before the database closes. */
  async idle(): Promise<void> {
    await Promise.all(this.pending);
  }

  private async enqueue(change: SessionMailChange): Promise<void> {
    const { session } = change;
    const parts = audiences(change).filter((audience) => audience.centerIds.length);
    if (!parts.length) return;
    const host = await this.models.centers.findById(session.hostCenterId, { name: 1 }).lean();
    const now = new Date();
    const drafts: NoticeDraft[] = [];
    for (const audience of parts) {
      const people = await noticeRecipients(this.models.users, audience.centerIds, audience.kind);
      for (const person of people) {
        const content = sessionMessage({
          kind: audience.message,
          session,
          ...(change.before ? { previousStartsAt: change.before.startsAt } : {}),
          hostCenterName: host?.name ?? '',
          recipient: { name: person.name, email: person.email },
          publicUrl: this.settings.publicUrl,
          from: senderOf(this.settings.from),
          now,
        });
        drafts.push({ ...content, kind: audience.kind, subjectId: session.id, subjectVersion: session.version, userId: String(person._id), to: person.email });
      }
    }
    const queued = await this.outbox.enqueue(drafts, now);
    if (queued) this.queued();
  }
}
