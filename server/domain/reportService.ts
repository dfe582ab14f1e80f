import type { DateRangeQuery } from '../../shared/attendance';
import { agreementCountsOn } from '../../shared/agreements';
import { DEFAULT_TIME_ZONE } from '../../shared/mexico';
import { turnaroundBucketOf, turnaroundBuckets, type MonthFigures, type ReportDto } from '../../shared/reports';
import { calendarDayOf, utcToZonedWallTime } from '../../shared/time';
import type { Models } from '../db/models';
import type { AttendanceService } from './attendanceService';
import { idOf } from './documents';
import { heldSessionsIn } from './heldSessions';
import { storedQuorum } from './recommendationService';
import { median } from './statistics';

const DAY_MS = 86_400_000;
const monthOf = (instant: Date) => utcToZonedWallTime(instant, DEFAULT_TIME_ZONE).slice(0, 7);

function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  const cursor = new Date(`${from.slice(0, 7)}-01T00:00:00Z`);
  while (cursor.toISOString().slice(0, 7) <= to.slice(0, 7)) {
    months.push(cursor.toISOString().slice(0, 7));
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return months;
}

/**
 * The network's figures over the sessions held in a range (optionally one centre's):
 * - sessions by month and kind: held sessions by their month in Mexico City;
 * - cases reviewed: cases of those sessions (with a centre: the cases it presented);
 * - attendance per centre: people present at least one minute at those sessions (or credited by a
 *   coordinator's correction), and those credited;
 * - submission to recommendation: from a reviewed case's registration to its confirmed recommendation;
 * - agreements of those sessions (with a centre: those it is responsible for) as they read today;
 * - quorum: of the reviewed cases with a confirmed recommendation, those confirmed with quorum.
 */
export class ReportService {
  constructor(
    private readonly models: Pick<Models, 'sessions' | 'cases' | 'recommendations' | 'agreements' | 'centers'>,
    private readonly attendance: AttendanceService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async figures(range: DateRangeQuery): Promise<ReportDto> {
    const sessions = await heldSessionsIn(this.models.sessions, range);
    // These collections hold a few documents per session: read whole and kept here for the held
    // sessions, since a `$in` over hundreds of session ids is matched document by document on FerretDB.
    const held = new Set(sessions.map((session) => idOf(session._id)));
    const ofHeld = <Doc extends { sessionId: unknown }>(docs: Doc[]) => docs.filter((doc) => held.has(idOf(doc.sessionId as string)));
    const [allCases, recommendations, allAgreements, centers, attendance] = await Promise.all([
      this.models.cases.find({}, { sessionId: 1, centerId: 1, createdAt: 1 }).lean().then(ofHeld),
      this.models.recommendations.find({ status: 'confirmed' }).lean().then(ofHeld),
      this.models.agreements.find({}, { sessionId: 1, status: 1, dueDate: 1, responsibleCenterId: 1 }).lean().then(ofHeld),
      this.models.centers.find({}, { name: 1 }).lean(),
      this.attendance.centersOf(sessions),
    ]);
    const forCenter = (centerId: unknown) => !range.centerId || idOf(centerId as string) === range.centerId;
    const cases = allCases.filter((presented) => forCenter(presented.centerId));
    const agreements = allAgreements.filter((agreement) => forCenter(agreement.responsibleCenterId));

    const months = new Map<string, MonthFigures>(
      monthsBetween(range.from, range.to).map((month) => [month, { month, cases: 0, case_review: 0, training: 0, keynote: 0, working_group: 0 }]),
    );
    const sessionMonth = new Map(sessions.map((session) => [idOf(session._id), monthOf(session.startsAt)]));
    for (const session of sessions) months.get(monthOf(session.startsAt))![session.kind] += 1;
    for (const presented of cases) months.get(sessionMonth.get(idOf(presented.sessionId))!)!.cases += 1;

    const centerName = new Map(centers.map((center) => [idOf(center._id), center.name]));
    const byCenter = new Map<string, { attendances: number; credited: number }>();
    for (const center of [...attendance.values()].flat()) {
      if (!forCenter(center.centerId)) continue;
      const figures = byCenter.get(center.centerId) ?? { attendances: 0, credited: 0 };
      figures.attendances += center.attendances;
      figures.credited += center.credited;
      byCenter.set(center.centerId, figures);
    }
    const attendanceByCenter = [...byCenter]
      .map(([centerId, figures]) => ({ centerId, centerName: centerName.get(centerId) ?? centerId, ...figures }))
      .sort((a, b) => b.attendances - a.attendances || a.centerName.localeCompare(b.centerName, 'es'));

    const recommendationOf = new Map(recommendations.map((recommendation) => [idOf(recommendation.caseId), recommendation]));
    const decided = cases.flatMap((presented) => {
      const recommendation = recommendationOf.get(idOf(presented._id));
      return recommendation?.confirmedAt ? [{ presented, recommendation, days: (recommendation.confirmedAt.getTime() - presented.createdAt.getTime()) / DAY_MS }] : [];
    });
    const countOf = <T>(values: T[], wanted: (value: T) => boolean) => values.filter(wanted).length;

    return {
      from: range.from,
      to: range.to,
      centerId: range.centerId ?? null,
      totals: {
        sessions: sessions.length,
        caseReviews: countOf(sessions, (session) => session.kind === 'case_review'),
        trainings: countOf(sessions, (session) => session.kind === 'training'),
        keynotes: countOf(sessions, (session) => session.kind === 'keynote'),
        casesReviewed: cases.length,
        attendances: attendanceByCenter.reduce((sum, center) => sum + center.attendances, 0),
        credited: attendanceByCenter.reduce((sum, center) => sum + center.credited, 0),
      },
      months: [...months.values()],
      attendanceByCenter,
      turnaround: {
        cases: decided.length,
        medianDays: median(decided.map((entry) => entry.days)),
        buckets: turnaroundBuckets.map((bucket) => ({ bucket, count: countOf(decided, (entry) => turnaroundBucketOf(entry.days) === bucket) })),
      },
      agreements: agreementCountsOn(agreements, calendarDayOf(this.now())),
      quorum: { confirmed: decided.length, withQuorum: countOf(decided, (entry) => storedQuorum(entry.recommendation)?.met === true) },
    };
  }
}
