import type { DateRangeQuery } from '../../shared/attendance';
import { commitments, pathwayClocks, type CommitmentClock } from '../../shared/pathway';
import { withinCommitmentPercent, type CommitmentFigures, type CommitmentsFigures, type PathwayReportDto } from '../../shared/pathwayReports';
import { calendarDayOf } from '../../shared/time';
import type { Models } from '../db/models';
import type { CommitmentService } from './commitmentService';
import type { CsvFile } from './csv';
import { idOf } from './documents';
import { latestRecordedByPatient, pathwayOf, patientCaseFields, type PatientCase } from './patientPaths';
import { reportCsv } from './reportCsv';
import { COMMITMENT_LABEL } from './spanishLabels';
import { median, nearestRankPercentile } from './statistics';

function figuresOf(clocks: readonly CommitmentClock[]): CommitmentFigures {
  const days = clocks.filter((clock) => clock.state === 'met' || clock.state === 'missed').map((clock) => clock.elapsedDays);
  const countOf = (...states: CommitmentClock['state'][]) => clocks.filter((clock) => states.includes(clock.state)).length;
  return {
    reached: days.length,
    medianDays: median(days),
    p90Days: nearestRankPercentile(days, 90),
    withinCommitment: countOf('met'),
    waiting: countOf('waiting', 'overdue'),
    overdue: countOf('overdue'),
  };
}

const figuresByCommitment = (clocks: readonly CommitmentClock[]) =>
  Object.fromEntries(commitments.map((commitment) => [commitment, figuresOf(clocks.filter((clock) => clock.commitment === commitment))])) as CommitmentsFigures;

/**
 * How the network keeps its promises to families over a range of Mexican calendar days, for the
 * network and per centre (or for one centre):
 * - patients: every case, each patient (a centre's case code) once, by their latest recorded path —
 *   a patient presented at several sessions is timed by the newest case with any date recorded;
 * - a clock is counted when it started within the range: the referral day for the diagnosis, the
 *   diagnosis day for the treatment. It is read today (Mexico City), with the rule in force the day
 *   it started (a later change of the commitments does not move it);
 * - reached: clocks whose milestone is recorded (met or missed); medianDays and p90Days over their
 *   days from start to milestone (median: the mean of the two middle values for an even count; p90:
 *   nearest rank, the value at position ceil(0.9·n) in ascending order; null when none was reached);
 * - withinCommitment: of those reached, reached by the due day (met);
 * - waiting: clocks still running today, past their due day or not; overdue: those past it;
 * - centres: those with at least one clock in the range, by name (Spanish collation); the network
 *   figures are all of them together.
 */
export class PathwayReportService {
  constructor(
    private readonly models: Pick<Models, 'cases' | 'centers'>,
    private readonly commitments: CommitmentService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async figures(range: DateRangeQuery): Promise<PathwayReportDto> {
    // A few hundred cases, scanned whole on FerretDB whatever the filter: read once, timed here.
    const [cases, rules, centers] = await Promise.all([
      this.models.cases.find(range.centerId ? { centerId: range.centerId } : {}, patientCaseFields).lean<PatientCase[]>(),
      this.commitments.rules(),
      this.models.centers.find({}, { name: 1 }).lean(),
    ]);
    const today = calendarDayOf(this.now());
    const startedInRange = (clock: CommitmentClock) => clock.startedOn >= range.from && clock.startedOn <= range.to;
    const clocksByCenter = new Map<string, CommitmentClock[]>();
    for (const presented of latestRecordedByPatient(cases).values()) {
      const clocks = pathwayClocks(pathwayOf(presented), rules, today).filter(startedInRange);
      if (clocks.length) clocksByCenter.set(idOf(presented.centerId), [...(clocksByCenter.get(idOf(presented.centerId)) ?? []), ...clocks]);
    }
    const centerName = new Map(centers.map((center) => [idOf(center._id), center.name]));
    return {
      from: range.from,
      to: range.to,
      centerId: range.centerId ?? null,
      network: figuresByCommitment([...clocksByCenter.values()].flat()),
      centers: [...clocksByCenter]
        .map(([centerId, clocks]) => ({ centerId, centerName: centerName.get(centerId) ?? centerId, ...figuresByCommitment(clocks) }))
        .sort((a, b) => a.centerName.localeCompare(b.centerName, 'es')),
    };
  }

  /** The same figures as CSV: a row per centre and commitment, then the network's (with a centre chosen, its total). */
  async csv(range: DateRangeQuery): Promise<CsvFile> {
    const report = await this.figures(range);
    return reportCsv(this.models.centers, range, {
      title: 'Compromisos con las familias',
      header: ['Centro', 'Compromiso', 'Alcanzados', 'Mediana de días', 'Percentil 90 de días', 'Dentro del compromiso', '% dentro del compromiso', 'En espera', 'Vencidos'],
      groups: report.centers.map((center) => ({ name: center.centerName, figures: center })),
      network: report.network,
      rowsOf: (name, figures) =>
        commitments.map((commitment) => {
          const of = figures[commitment];
          return [name, COMMITMENT_LABEL[commitment], of.reached, of.medianDays, of.p90Days, of.withinCommitment, withinCommitmentPercent(of), of.waiting, of.overdue];
        }),
    });
  }
}
