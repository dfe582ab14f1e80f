import { agreementStatusOn, openAgreementStatuses } from '../../shared/agreements';
import type { NoticeKind } from '../../shared/notices';
import { addDays } from '../../shared/pathway';
import { calendarDayOf } from '../../shared/time';
import type { Models } from '../db/models';
import { errorFields, log } from '../logger';
import { agreementMessage } from './agreementMessages';
import type { NoticeDraft, Outbox } from './outbox';
import { noticeRecipients } from './recipients';

const HOUR_MS = 60 * 60_000;
/**
 * An agreement overdue for longer than this is not emailed: the first sweep after notices are
 * turned on would otherwise mail everyone every agreement ever left open. The session pages and the
 * follow-up list keep showing it.
 */
export const OVERDUE_NOTICE_WINDOW_DAYS = 30;

export interface AgreementNoticeSettings {
  publicUrl: string;
  /** Open agreements due within this many days from today (0: today only) are reminded; those past it, as overdue. */
  noticeDays: number;
  /** Between two sweeps: an hour unless told (tests). */
  intervalMs?: number;
  /** The clock (tests set the day). */
  now?: () => Date;
}

/**
 * The due date stands for the notice's version: a moved due date is news again, while a follow-up
 * note or a new wording (the agreement's own version) is not.
 */
const dueDateVersion = (dueDate: string) => Number(dueDate.replace(/-/g, ''));

/**
 * Reminds the responsible centre of its open agreements due soon and overdue: a sweep on every
 * server, at start and then every hour. Each reminder is queued once per due date, however many
 * sweeps (on however many servers) find it, since the outbox keeps one notice per key.
 */
export class AgreementNotices {
  private timer: NodeJS.Timeout | undefined;
  private started = false;
  private stopped = false;
  private readonly pending = new Set<Promise<unknown>>();
  private readonly intervalMs: number;
  private readonly now: () => Date;

  constructor(
    private readonly models: Pick<Models, 'agreements' | 'sessions' | 'centers' | 'users'>,
    private readonly outbox: Outbox,
    private readonly settings: AgreementNoticeSettings,
    /** Called once something was queued (the sender's wake-up). */
    private readonly queued: () => void,
  ) {
    this.intervalMs = settings.intervalMs ?? HOUR_MS;
    this.now = settings.now ?? (() => new Date());
  }

  /** Sweeps now, then every interval after the last sweep ended; the timer keeps no process alive. */
  start(): void {
    if (this.started) return;
    this.started = true;
    const tick = () => {
      void this.sweep()
        .catch((error: unknown) => log.error('agreement reminders not queued', errorFields(error)))
        .finally(() => {
          if (this.stopped) return;
          this.timer = setTimeout(tick, this.intervalMs);
          this.timer.unref();
        });
    };
    tick();
  }

  /** Ends the sweeps: the one under way finishes queuing (before the database closes). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await Promise.allSettled(this.pending);
  }

  /** Queues the reminders due on the clock's day (or `now`'s); returns how many were new. */
  async sweep(now = this.now()): Promise<number> {
    const sweeping = this.queueReminders(now);
    this.pending.add(sweeping);
    try {
      return await sweeping;
    } finally {
      this.pending.delete(sweeping);
    }
  }

  private async queueReminders(now: Date): Promise<number> {
    const today = calendarDayOf(now);
    const agreements = await this.models.agreements
      .find(
        { status: { $in: [...openAgreementStatuses] }, dueDate: { $gte: addDays(today, -OVERDUE_NOTICE_WINDOW_DAYS), $lte: addDays(today, this.settings.noticeDays) } },
        { sessionId: 1, text: 1, responsibleCenterId: 1, responsiblePerson: 1, dueDate: 1, status: 1 },
      )
      .lean();
    if (!agreements.length) return 0;
    const [sessions, centers] = await Promise.all([
      this.models.sessions.find({ _id: { $in: agreements.map((agreement) => agreement.sessionId) } }, { number: 1, title: 1 }).lean(),
      this.models.centers.find({ _id: { $in: agreements.map((agreement) => agreement.responsibleCenterId) } }, { name: 1 }).lean(),
    ]);
    const sessionById = new Map(sessions.map((session) => [String(session._id), session]));
    const centerName = new Map(centers.map((center) => [String(center._id), center.name]));
    // Agreements of one centre share its people: asked once per centre and kind.
    const people = new Map<string, ReturnType<typeof noticeRecipients>>();
    const drafts: NoticeDraft[] = [];
    for (const agreement of agreements) {
      const session = sessionById.get(String(agreement.sessionId));
      if (!session) continue;
      const centerId = String(agreement.responsibleCenterId);
      const kind: NoticeKind = agreementStatusOn(agreement, today) === 'overdue' ? 'agreement_overdue' : 'agreement_due';
      const audience = `${centerId}:${kind}`;
      if (!people.has(audience)) people.set(audience, noticeRecipients(this.models.users, [centerId], kind));
      for (const person of await people.get(audience)!) {
        const content = agreementMessage({
          kind: kind === 'agreement_due' ? 'due' : 'overdue',
          agreement: { text: agreement.text, dueDate: agreement.dueDate, responsiblePerson: agreement.responsiblePerson ?? '' },
          session: { id: String(session._id), number: session.number, title: session.title },
          centerName: centerName.get(centerId) ?? '',
          recipient: { name: person.name },
          publicUrl: this.settings.publicUrl,
          today,
        });
        drafts.push({ ...content, kind, subjectId: String(agreement._id), subjectVersion: dueDateVersion(agreement.dueDate), userId: String(person._id), to: person.email });
      }
    }
    // Due for sending at once, on the sender's clock: the sweep's day may be a test's.
    const queued = await this.outbox.enqueue(drafts);
    if (queued) {
      log.info('agreement reminders queued', { count: queued, day: today });
      this.queued();
    }
    return queued;
  }
}
