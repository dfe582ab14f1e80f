import { addDays } from '../../shared/pathway';
import { daysInTransit, type StudyClock, type StudyDto } from '../../shared/studies';
import { calendarDayOf } from '../../shared/time';
import type { Models } from '../db/models';
import { idOf } from '../domain/documents';
import type { PathwayService } from '../domain/pathwayService';
import type { StudyService } from '../domain/studyService';
import { latePatientMessage, lateStudyMessage, unreceivedSampleMessage } from './commitmentMessages';
import type { DecidedNotice, NoticeDelivery } from './delivery';
import { dayVersion, NoticeSweep, type SweepSettings } from './noticeSweep';
import { accountsWhoCan, type NoticeRecipient } from './recipients';

/** A study or a patient late for longer than this is not told (the first sweep would otherwise tell every one ever late); the home pages keep listing them. */
export const LATE_NOTICE_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * Tells whoever watches a case (its centre's presenters, the coordinators: 'pathway.watch') when
 * one of its laboratory studies passes its turnaround without a result or its sample is still not
 * received days after it was sent, and when its patient's clock passes a commitment (diagnosis,
 * treatment): hourly on every server, once per study or clock and due time.
 */
export class CommitmentNotices extends NoticeSweep {
  constructor(
    private readonly models: Pick<Models, 'users' | 'centers'>,
    private readonly watched: { studies: Pick<StudyService, 'late'>; pathway: Pick<PathwayService, 'needingAttention'> },
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
    const decided: DecidedNotice[] = [];
    for (const study of await this.watched.studies.late(now)) {
      const notice = study.clock ? overdueStudyNotice(study, study.clock) : unreceivedSampleNotice(study, now);
      if (notice.since < since) continue;
      for (const recipient of await watchersOf(study.sendingCenterId)) decided.push({ ...notice.decided(recipient), recipient });
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

/** What is told of one late study, for each of its watchers; `since` is when it became late (ms). */
interface LateStudyNotice {
  since: number;
  decided: (recipient: NoticeRecipient) => Omit<DecidedNotice, 'recipient'>;
}

/** A study past its turnaround without a result. */
function overdueStudyNotice(study: StudyDto, clock: StudyClock): LateStudyNotice {
  return {
    since: Date.parse(clock.dueAt),
    decided: (recipient) => ({
      kind: 'commitment_late',
      subjectId: study.id,
      // A receipt corrected moves the due time: news again.
      subjectVersion: Math.floor(Date.parse(clock.dueAt) / MINUTE_MS),
      params: { about: 'study', caseCode: study.caseCode, studyType: study.type, late: clock.late, unit: clock.turnaround.unit, dueAt: clock.dueAt },
      link: `/casos/${study.caseId}`,
      email: (mail) => lateStudyMessage({ study: { ...study, dueAt: clock.dueAt }, late: clock.late, recipient, publicUrl: mail.publicUrl }),
    }),
  };
}

/** A sample sent days ago that the laboratory has not recorded as received: it may be lost on the way. */
function unreceivedSampleNotice(study: StudyDto, now: Date): LateStudyNotice {
  const days = daysInTransit(new Date(study.sentAt), calendarDayOf(now));
  return {
    since: Date.parse(study.sentAt),
    decided: (recipient) => ({
      kind: 'commitment_late',
      // Told once: a sample is sent once, and a receipt once recorded stays.
      subjectId: `${study.id}:not_received`,
      subjectVersion: 0,
      params: { about: 'not_received', caseCode: study.caseCode, studyType: study.type, late: days, unit: 'days', sentAt: study.sentAt },
      link: `/casos/${study.caseId}`,
      email: (mail) => unreceivedSampleMessage({ study, days, recipient, publicUrl: mail.publicUrl }),
    }),
  };
}
