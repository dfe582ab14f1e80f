import type { DateRangeQuery } from '../../shared/attendance';
import { carriedOutPercent, followThroughStatuses, outcomeCheckpoints, patientCourses, type FollowUpFigures, type FollowUpReportDto } from '../../shared/followUp';
import { DEFAULT_TIME_ZONE } from '../../shared/mexico';
import { calendarRangeToUtc } from '../../shared/time';
import type { Models } from '../db/models';
import { centerNames, rangeCsvNaming, rowsPerCenter } from './centerReports';
import { toCsv, type CsvFile } from './csv';
import { idOf } from './documents';
import type { FollowUpDoc } from './followUpService';
import { FOLLOW_THROUGH_LABEL, PATIENT_COURSE_LABEL } from './spanishLabels';

const countsOf = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

/** The figures of a set of confirmed recommendations, each with its follow-up (none recorded yet: undefined). */
function figuresOf(followUps: readonly (FollowUpDoc | undefined)[]): FollowUpFigures {
  const figures: FollowUpFigures = {
    confirmed: followUps.length,
    recorded: 0,
    byStatus: countsOf(followThroughStatuses),
    outcomes: Object.fromEntries(outcomeCheckpoints.map((months) => [months, { recorded: 0, byCourse: countsOf(patientCourses) }])) as FollowUpFigures['outcomes'],
    deaths: 0,
    reviewedDeaths: 0,
  };
  for (const followUp of followUps) {
    if (followUp?.followThrough) {
      figures.recorded += 1;
      figures.byStatus[followUp.followThrough.status] += 1;
    }
    for (const outcome of followUp?.outcomes ?? []) {
      const checkpoint = figures.outcomes[outcome.months];
      checkpoint.recorded += 1;
      checkpoint.byCourse[outcome.course] += 1;
    }
    if (followUp?.outcomes.some((outcome) => outcome.course === 'deceased')) {
      figures.deaths += 1;
      if (followUp.mortalityReview) figures.reviewedDeaths += 1;
    }
  }
  return figures;
}

/**
 * What came of the board's recommendations, for those confirmed on a Mexican calendar day of the
 * range, for the network and per referring centre (the case's centre; or for one centre):
 * - confirmed: the recommendations; recorded: those with a follow-through, and byStatus of them;
 * - outcomes: per checkpoint (3, 6, 12 months), the outcomes recorded and how many of each course;
 * - deaths: patients with a death recorded at any checkpoint; reviewedDeaths: of them, those put on
 *   a session's agenda for review;
 * - centres: those with a recommendation confirmed in the range, by name (Spanish collation).
 */
export class FollowUpReportService {
  constructor(private readonly models: Pick<Models, 'followUps' | 'recommendations' | 'cases' | 'centers'>) {}

  async figures(range: DateRangeQuery): Promise<FollowUpReportDto> {
    const { from, until } = calendarRangeToUtc(range, DEFAULT_TIME_ZONE);
    const recommendations = await this.models.recommendations.find({ status: 'confirmed', confirmedAt: { $gte: from, $lt: until } }, { _id: 1 }).lean();
    const ids = recommendations.map((recommendation) => recommendation._id);
    const [cases, followUps, names] = await Promise.all([
      this.models.cases.find({ _id: { $in: ids }, ...(range.centerId ? { centerId: range.centerId } : {}) }, { centerId: 1 }).lean(),
      this.models.followUps.find({ _id: { $in: ids } }).lean<FollowUpDoc[]>(),
      centerNames(this.models.centers),
    ]);
    const followUpOf = new Map(followUps.map((followUp) => [idOf(followUp._id), followUp]));
    const byCenter = new Map<string, (FollowUpDoc | undefined)[]>();
    for (const presented of cases) {
      const centerId = idOf(presented.centerId);
      byCenter.set(centerId, [...(byCenter.get(centerId) ?? []), followUpOf.get(idOf(presented._id))]);
    }
    return {
      from: range.from,
      to: range.to,
      centerId: range.centerId ?? null,
      network: figuresOf([...byCenter.values()].flat()),
      centers: rowsPerCenter(byCenter, names, figuresOf),
    };
  }

  /** The same figures as CSV: a row per centre, then the network's (with a centre chosen, its total). */
  async csv(range: DateRangeQuery): Promise<CsvFile> {
    const report = await this.figures(range);
    const { filename, totalLabel } = await rangeCsvNaming(this.models.centers, range, 'Seguimiento de recomendaciones');
    const rowOf = (name: string, figures: FollowUpFigures) => [
      name,
      figures.confirmed,
      figures.recorded,
      ...followThroughStatuses.map((status) => figures.byStatus[status]),
      carriedOutPercent(figures),
      ...outcomeCheckpoints.flatMap((months) => [figures.outcomes[months].recorded, ...patientCourses.map((course) => figures.outcomes[months].byCourse[course])]),
      figures.deaths,
      figures.reviewedDeaths,
    ];
    const csv = toCsv(
      [
        'Centro',
        'Recomendaciones confirmadas',
        'Con seguimiento registrado',
        ...followThroughStatuses.map((status) => FOLLOW_THROUGH_LABEL[status]),
        '% llevadas a cabo',
        ...outcomeCheckpoints.flatMap((months) => [
          `Evolución a ${months} meses registrada`,
          ...patientCourses.map((course) => `${PATIENT_COURSE_LABEL[course]} a ${months} meses`),
        ]),
        'Defunciones',
        'Defunciones revisadas en sesión',
      ],
      [...report.centers.map((center) => rowOf(center.centerName, center)), rowOf(totalLabel, report.network)],
    );
    return { filename, csv };
  }
}
