import { addDays } from '../../shared/pathway';
import { calendarDayOf } from '../../shared/time';
import type { Models } from '../db/models';
import { idOf } from '../domain/documents';
import type { PathwayService } from '../domain/pathwayService';
import type { StudyService } from '../domain/studyService';
import { latePatientMessage, lateStudyMessage } from './commitmentMessages';
import type { DecidedNotice, NoticeDelivery } from './delivery';
import { dayVersion, NoticeSweep, type SweepSettings } from './noticeSweep';
import { accountsWhoCan, type NoticeRecipient } from './recipients';

/** A study or a patient late for longer than this is not told (the first sweep would otherwise tell every one ever late); the home pages keep listing them. */
export const LATE_NOTICE_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * Tells whoever watches a case (its centre's presenters, the coordinators: 'pathway.watch') when
 * one of its laboratory studies passes its turnaround without a result, and when its patient's
 * clock passes a commitment (diagnosis, treatment): hourly on every server, once per study or
 * clock and due time.
 */
export class CommitmentNotices extends NoticeSweep {
  constructor(
    private readonly models: Pick<Models, 'users' | 'centers'>,
    private readonly watched: { studies: Pick<StudyService, 'overdue'>; pathway: Pick<PathwayService, 'needingAttention'> },
    delivery: NoticeDelivery,
    settings: SweepSettings = {},
  ) {
    super(delivery, settings, 'late commitment notices');
  }

  protected async decide(now: Date): Promise<DecidedNotice[]> {
    // A centre's watchers are the same for its studies and its patients: asked once per centre.
    const watchers = new Map<string, Promise<NoticeRecipient[]>>();
    const watchersOf = (centerId: string) => {
      if (!watchers.has(centerId)) watchers.set(centerId, accountsWhoCan(this.models.users, 'pathway.watch', centerId));
      return watchers.get(centerId)!;
    };
    const [studies, patients] = await Promise.all([this.lateStudies(now, watchersOf), this.latePatients(now, watchersOf)]);
    return [...studies, ...patients];
  }

  private async lateStudies(now: Date, watchersOf: (centerId: string) => Promise<NoticeRecipient[]>): Promise<DecidedNotice[]> {
    const since = now.getTime() - LATE_NOTICE_WINDOW_DAYS * DAY_MS;
    const studies = (await this.watched.studies.overdue(now)).filter((study) => Date.parse(study.clock!.dueAt) >= since);
    const decided: DecidedNotice[] = [];
    for (const study of studies) {
      const clock = study.clock!;
      for (const recipient of await watchersOf(study.sendingCenterId)) {
        decided.push({
          kind: 'commitment_late',
          subjectId: study.id,
          // A receipt corrected moves the due time: news again.
          subjectVersion: Math.floor(Date.parse(clock.dueAt) / MINUTE_MS),
          recipient,
          params: { about: 'study', caseCode: study.caseCode, studyType: study.type, late: clock.late, unit: clock.turnaround.unit, dueAt: clock.dueAt },
          link: `/casos/${study.caseId}`,
          email: (mail) => lateStudyMessage({ study: { ...study, dueAt: clock.dueAt }, late: clock.late, recipient, publicUrl: mail.publicUrl }),
        });
      }
    }
    return decided;
  }

  private async latePatients(now: Date, watchersOf: (centerId: string) => Promise<NoticeRecipient[]>): Promise<DecidedNotice[]> {
    const today = calendarDayOf(now);
    const since = addDays(today, -LATE_NOTICE_WINDOW_DAYS);
    const late = (await this.watched.pathway.needingAttention(today)).flatMap(({ presented, clocks }) =>
      clocks.filter((clock) => clock.state === 'overdue' && clock.dueOn >= since).map((clock) => ({ presented, clock })),
    );
    if (!late.length) return [];
    const centers = await this.models.centers.find({ _id: { $in: [...new Set(late.map(({ presented }) => idOf(presented.centerId)))] } }, { name: 1 }).lean();
    const centerName = new Map(centers.map((center) => [idOf(center._id), center.name]));
    const decided: DecidedNotice[] = [];
    for (const { presented, clock } of late) {
      const centerId = idOf(presented.centerId);
      const caseId = idOf(presented._id);
      for (const recipient of await watchersOf(centerId)) {
        decided.push({
          kind: 'commitment_late',
          // The patient is their centre's case code (presented again, a new case): one clock however many cases.
          subjectId: `${centerId}:${presented.caseCode}:${clock.commitment}`,
          subjectVersion: dayVersion(clock.dueOn),
          recipient,
          params: { about: clock.commitment, caseCode: presented.caseCode, late: clock.days, unit: 'days', dueOn: clock.dueOn },
          link: `/casos/${caseId}`,
          email: (mail) => latePatientMessage({ caseId, caseCode: presented.caseCode, centerName: centerName.get(centerId) ?? '', clock, recipient, publicUrl: mail.publicUrl }),
        });
      }
    }
    return decided;
  }
}
