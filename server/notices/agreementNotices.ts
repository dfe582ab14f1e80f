import { agreementStatusOn, openAgreementStatuses } from '../../shared/agreements';
import type { NoticeKind } from '../../shared/notices';
import { addDays } from '../../shared/pathway';
import { calendarDayOf } from '../../shared/time';
import type { Models } from '../db/models';
import { agreementMessage } from './agreementMessages';
import type { DecidedNotice, NoticeDelivery } from './delivery';
import { dayVersion, NoticeSweep, type SweepSettings } from './noticeSweep';
import { centerPeople } from './recipients';

/**
 * An agreement overdue for longer than this is not told: the first sweep after notices are
 * turned on would otherwise tell everyone of every agreement ever left open. The session pages and the
 * follow-up list keep showing it.
 */
export const OVERDUE_NOTICE_WINDOW_DAYS = 30;

export interface AgreementNoticeSettings extends SweepSettings {
  /** Open agreements due within this many days from today (0: today only) are reminded; those past it, as overdue. */
  noticeDays: number;
}

/** The agreement's first words, for a line in a list. */
const AGREEMENT_WORDS = 120;

/**
 * Reminds the responsible centre of its open agreements due soon and overdue, hourly on every
 * server. The due date stands for the notice's version: a moved due date is news again, while a
 * follow-up note or a new wording (the agreement's own version) is not.
 */
export class AgreementNotices extends NoticeSweep {
  constructor(
    private readonly models: Pick<Models, 'agreements' | 'sessions' | 'centers' | 'users'>,
    delivery: NoticeDelivery,
    private readonly settings: AgreementNoticeSettings,
  ) {
    super(delivery, settings, 'agreement reminders');
  }

  protected async decide(now: Date): Promise<DecidedNotice[]> {
    const today = calendarDayOf(now);
    const agreements = await this.models.agreements
      .find(
        { status: { $in: [...openAgreementStatuses] }, dueDate: { $gte: addDays(today, -OVERDUE_NOTICE_WINDOW_DAYS), $lte: addDays(today, this.settings.noticeDays) } },
        { sessionId: 1, text: 1, responsibleCenterId: 1, responsiblePerson: 1, dueDate: 1, status: 1 },
      )
      .lean();
    if (!agreements.length) return [];
    const [sessions, centers] = await Promise.all([
      this.models.sessions.find({ _id: { $in: agreements.map((agreement) => agreement.sessionId) } }, { number: 1, title: 1 }).lean(),
      this.models.centers.find({ _id: { $in: agreements.map((agreement) => agreement.responsibleCenterId) } }, { name: 1 }).lean(),
    ]);
    const sessionById = new Map(sessions.map((session) => [String(session._id), session]));
    const centerName = new Map(centers.map((center) => [String(center._id), center.name]));
    // Agreements of one centre share its people: asked once per centre.
    const people = new Map<string, ReturnType<typeof centerPeople>>();
    const decided: DecidedNotice[] = [];
    for (const agreement of agreements) {
      const session = sessionById.get(String(agreement.sessionId));
      if (!session) continue;
      const centerId = String(agreement.responsibleCenterId);
      const kind: NoticeKind = agreementStatusOn(agreement, today) === 'overdue' ? 'agreement_overdue' : 'agreement_due';
      if (!people.has(centerId)) people.set(centerId, centerPeople(this.models.users, [centerId]));
      const sessionOf = { id: String(session._id), number: session.number, title: session.title };
      for (const recipient of await people.get(centerId)!) {
        decided.push({
          kind,
          subjectId: String(agreement._id),
          subjectVersion: dayVersion(agreement.dueDate),
          recipient,
          params: { text: agreement.text.slice(0, AGREEMENT_WORDS), dueDate: agreement.dueDate, sessionNumber: session.number },
          link: `/sesiones/${sessionOf.id}`,
          email: (mail) =>
            agreementMessage({
              kind: kind === 'agreement_due' ? 'due' : 'overdue',
              agreement: { text: agreement.text, dueDate: agreement.dueDate, responsiblePerson: agreement.responsiblePerson ?? '' },
              session: sessionOf,
              centerName: centerName.get(centerId) ?? '',
              recipient: { name: recipient.name },
              publicUrl: mail.publicUrl,
              today,
            }),
        });
      }
    }
    return decided;
  }
}
