import type { DateRangeQuery } from '../../shared/attendance';
import type { LaboratoryReportDto, TurnaroundFigures, TurnaroundFiguresByType } from '../../shared/laboratoryReports';
import { withinCommitmentPercent } from '../../shared/pathwayReports';
import { DEFAULT_TIME_ZONE } from '../../shared/mexico';
import { studyClock, studyTypes, type StudyClock, type StudyType } from '../../shared/studies';
import { calendarRangeToUtc } from '../../shared/time';
import type { Models } from '../db/models';
import type { Study } from '../db/models/study';
import type { CsvFile } from './csv';
import { idOf } from './documents';
import { reportCsv } from './reportCsv';
import { STUDY_TYPE_LABEL } from './spanishLabels';
import { median, nearestRankPercentile } from './statistics';

const HOUR_MS = 3_600_000;
const oneDecimal = (hours: number | null) => (hours === null ? null : Math.round(hours * 10) / 10);

/** A study received in the range, with its clock read now. */
interface TimedStudy {
  type: StudyType;
  hours: number | null;
  state: StudyClock['state'];
}

function figuresOf(studies: readonly TimedStudy[]): TurnaroundFigures {
  const hours = studies.flatMap((study) => (study.hours === null ? [] : [study.hours]));
  const countOf = (state: StudyClock['state']) => studies.filter((study) => study.state === state).length;
  return {
    received: studies.length,
    reached: hours.length,
    medianHours: oneDecimal(median(hours)),
    p90Hours: oneDecimal(nearestRankPercentile(hours, 90)),
    withinCommitment: countOf('met'),
    waiting: studies.length - hours.length,
    overdue: countOf('overdue'),
  };
}

const figuresByType = (studies: readonly TimedStudy[]) =>
  Object.fromEntries(studyTypes.map((type) => [type, figuresOf(studies.filter((study) => study.type === type))])) as TurnaroundFiguresByType;

/**
 * How fast the reference laboratories answer, over a range of Mexican calendar days, for the network
 * and per laboratory, by study type (or only the studies one centre sent):
 * - a study counts when its receipt at the laboratory falls on a Mexico City day of the range;
 * - reached: those resulted; medianHours and p90Hours over their hours from receipt to result
 *   (median: the mean of the two middle values for an even count; p90: nearest rank), rounded to one
 *   decimal at the end; null when none was resulted;
 * - withinCommitment: resulted by the due time of the turnaround the study was sent with (met);
 * - waiting: still without result now; overdue: those of them past their due time now;
 * - every study type is always there (zeros where none); laboratories with at least one study
 *   received in the range, by name (Spanish collation).
 */
export class LaboratoryReportService {
  constructor(
    private readonly models: Pick<Models, 'studies' | 'centers'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async figures(range: DateRangeQuery): Promise<LaboratoryReportDto> {
    const { from, until } = calendarRangeToUtc(range, DEFAULT_TIME_ZONE);
    const studies = await this.models.studies
      .find(
        { receivedAt: { $gte: from, $lt: until }, ...(range.centerId ? { sendingCenterId: range.centerId } : {}) },
        { type: 1, laboratoryId: 1, turnaround: 1, receivedAt: 1, resultedAt: 1 },
      )
      .lean<Pick<Study, 'type' | 'laboratoryId' | 'turnaround' | 'receivedAt' | 'resultedAt'>[]>();
    const now = this.now();
    const byLaboratory = new Map<string, TimedStudy[]>();
    for (const study of studies) {
      const receivedAt = study.receivedAt!;
      const resultedAt = study.resultedAt ?? null;
      const clock = studyClock({ receivedAt, resultedAt }, study.turnaround, now)!;
      const timed = { type: study.type, hours: resultedAt ? (resultedAt.getTime() - receivedAt.getTime()) / HOUR_MS : null, state: clock.state };
      byLaboratory.set(idOf(study.laboratoryId), [...(byLaboratory.get(idOf(study.laboratoryId)) ?? []), timed]);
    }
    const laboratories = await this.models.centers.find({ _id: { $in: [...byLaboratory.keys()] } }, { name: 1 }).lean();
    const nameOf = new Map(laboratories.map((laboratory) => [idOf(laboratory._id), laboratory.name]));
    return {
      from: range.from,
      to: range.to,
      centerId: range.centerId ?? null,
      network: figuresByType([...byLaboratory.values()].flat()),
      laboratories: [...byLaboratory]
        .map(([laboratoryId, timed]) => ({ laboratoryId, laboratoryName: nameOf.get(laboratoryId) ?? laboratoryId, byType: figuresByType(timed) }))
        .sort((a, b) => a.laboratoryName.localeCompare(b.laboratoryName, 'es')),
    };
  }

  /** The same figures as CSV: a row per laboratory and study type, then the network's (with a centre chosen, its total). */
  async csv(range: DateRangeQuery): Promise<CsvFile> {
    const report = await this.figures(range);
    return reportCsv(this.models.centers, range, {
      title: 'Tiempos de respuesta de laboratorio',
      header: [
        'Laboratorio',
        'Estudio',
        'Recibidos',
        'Con resultado',
        'Mediana de horas',
        'Percentil 90 de horas',
        'Dentro del compromiso',
        '% dentro del compromiso',
        'En espera',
        'Vencidos',
      ],
      groups: report.laboratories.map((laboratory) => ({ name: laboratory.laboratoryName, figures: laboratory.byType })),
      network: report.network,
      rowsOf: (name, figures) =>
        studyTypes.map((type) => {
          const of = figures[type];
          return [name, STUDY_TYPE_LABEL[type], of.received, of.reached, of.medianHours, of.p90Hours, of.withinCommitment, withinCommitmentPercent(of), of.waiting, of.overdue];
        }),
    });
  }
}
