import type { DateRangeQuery } from '../../shared/attendance';
import { agreementCountsOn } from '../../shared/agreements';
import { mexicanStates, type MexicanState } from '../../shared/mexico';
import { calendarDayOf } from '../../shared/time';
import { matterTopics, type MatterCounts, type WorkingGroupReportDto } from '../../shared/workingGroup';
import type { Models } from '../db/models';
import { reportCsv } from './centerReports';
import type { CsvFile } from './csv';
import { idOf } from './documents';
import { heldSessionsIn } from './heldSessions';
import { matterStatusOf } from './matterService';
import { MATTER_TOPIC_LABEL } from './spanishLabels';
import type { PresenceLedger } from './presenceLedger';

const countsOf = (statuses: readonly string[]): MatterCounts => ({
  raised: statuses.length,
  resolved: statuses.filter((status) => status === 'resolved').length,
  open: statuses.filter((status) => status === 'open').length,
});

/** One CSV row's figures: a state's or a topic's matters; the whole range's also its meetings and agreements. */
type RowFigures = MatterCounts & Partial<Pick<WorkingGroupReportDto, 'meetingsHeld' | 'familyAttendances' | 'agreements'>>;

/**
 * The working group over the meetings held in a range of Mexico City days (with a centre, those it
 * took part in):
 * - meetingsHeld: working-group meetings ended in the range; familyAttendances: family guests
 *   present at them, each once per meeting;
 * - matters raised at those meetings, resolved or open as they read today, overall, by state (its
 *   name, states with matters only, in Spanish order) and by topic (every topic);
 * - the agreements answering those matters (at whichever meeting), open, done and overdue today.
 */
export class WorkingGroupReportService {
  constructor(
    private readonly models: Pick<Models, 'sessions' | 'matters' | 'agreements' | 'guests' | 'centers'>,
    private readonly presence: PresenceLedger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async figures(range: DateRangeQuery): Promise<WorkingGroupReportDto> {
    const meetings = (await heldSessionsIn(this.models.sessions, range)).filter((session) => session.kind === 'working_group');
    const held = new Set(meetings.map((meeting) => idOf(meeting._id)));
    const first = meetings[0]?.startsAt;
    // Read by the meetings' start (indexed), then kept to the meetings held.
    const matters = first
      ? (await this.models.matters.find({ sessionStartsAt: { $gte: first } }, { sessionId: 1, state: 1, topic: 1 }).lean()).filter((matter) => held.has(idOf(matter.sessionId)))
      : [];
    const [answers, familyAttendances] = await Promise.all([
      matters.length ? this.models.agreements.find({ matterId: { $in: matters.map((matter) => matter._id) } }, { matterId: 1, status: 1, dueDate: 1 }).lean() : [],
      this.familiesPresent([...held]),
    ]);
    const statusOf = new Map(matters.map((matter) => [idOf(matter._id), matterStatusOf(answers.filter((answer) => idOf(answer.matterId!) === idOf(matter._id)))]));
    const statusesWhere = (wanted: (matter: (typeof matters)[number]) => boolean) => matters.filter(wanted).map((matter) => statusOf.get(idOf(matter._id))!);
    const stateName = (code: string) => mexicanStates[code as MexicanState] ?? code;
    return {
      from: range.from,
      to: range.to,
      meetingsHeld: meetings.length,
      familyAttendances,
      matters: countsOf([...statusOf.values()]),
      byState: [...new Set(matters.map((matter) => matter.state))]
        .map((code) => ({ state: stateName(code), ...countsOf(statusesWhere((matter) => matter.state === code)) }))
        .sort((a, b) => a.state.localeCompare(b.state, 'es')),
      byTopic: matterTopics.map((topic) => ({ topic, ...countsOf(statusesWhere((matter) => matter.topic === topic)) })),
      agreements: agreementCountsOn(answers, calendarDayOf(this.now())),
    };
  }

  /** The same figures as CSV: a row per state and per topic, then the range's totals with its meetings and agreements. */
  async csv(range: DateRangeQuery): Promise<CsvFile> {
    const report = await this.figures(range);
    return reportCsv<RowFigures>(this.models.centers, range, {
      title: 'Mesa de trabajo con familias',
      header: [
        'Grupo',
        'Asuntos planteados',
        'Asuntos resueltos',
        'Asuntos abiertos',
        'Reuniones celebradas',
        'Asistencias de familias',
        'Acuerdos abiertos',
        'Acuerdos cumplidos',
        'Acuerdos vencidos',
      ],
      groups: [
        ...report.byState.map(({ state, ...figures }) => ({ name: `Estado: ${state}`, figures })),
        ...report.byTopic.map(({ topic, ...figures }) => ({ name: `Tema: ${MATTER_TOPIC_LABEL[topic]}`, figures })),
      ],
      network: { ...report.matters, meetingsHeld: report.meetingsHeld, familyAttendances: report.familyAttendances, agreements: report.agreements },
      rowsOf: (name, figures) => [
        [
          name,
          figures.raised,
          figures.resolved,
          figures.open,
          figures.meetingsHeld ?? null,
          figures.familyAttendances ?? null,
          figures.agreements?.open ?? null,
          figures.agreements?.done ?? null,
          figures.agreements?.overdue ?? null,
        ],
      ],
    });
  }

  /** Family guests who entered each meeting's room, counted once per meeting. */
  private async familiesPresent(sessionIds: readonly string[]): Promise<number> {
    const counts = await Promise.all(
      sessionIds.map(async (sessionId) => {
        const [families, record] = await Promise.all([this.models.guests.find({ sessionId, kind: 'family' }, { _id: 1 }).lean(), this.presence.read(sessionId)]);
        const entered = new Set(record.marks.filter((mark) => mark.kind === 'join').map((mark) => idOf(mark.userId)));
        return families.filter((family) => entered.has(idOf(family._id))).length;
      }),
    );
    return counts.reduce((sum, count) => sum + count, 0);
  }
}
