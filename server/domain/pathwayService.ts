import { canEverywhere } from '../../shared/permissions';
import type { CaseDto } from '../../shared/cases';
import {
  blankPathway,
  needsAttention,
  pathwayClocks,
  pathwayIssues,
  pathwayMilestones,
  type CommitmentClock,
  type PathwayAttentionDto,
  type PathwayDates,
} from '../../shared/pathway';
import type { PathwayChanges } from '../../shared/pathwaySchemas';
import { calendarDayOf } from '../../shared/time';
import type { Models } from '../db/models';
import { authorize, type Actor } from './actor';
import type { AuditLog } from './auditLog';
import { toCaseDto, type CaseDoc } from './caseService';
import type { CommitmentService } from './commitmentService';
import { idOf } from './documents';
import { AppError, invalidField, notFound } from './errors';
import { latestRecordedByPatient, pathwayOf, patientCaseFields, type PatientCase, type StoredPathway } from './patientPaths';
import type { SessionService } from './sessionService';

/**
 * The stored dates as a filter: the write applies only if nobody changed them since they were
 * checked. A case saved before the pathway was kept has no such fields (not even '').
 */
function unchangedSince(stored: StoredPathway): Record<string, unknown> {
  return Object.fromEntries(pathwayMilestones.map((milestone) => [`pathway.${milestone}`, stored?.[milestone] ?? { $exists: false }]));
}

/** A patient's latest case, its path, and the clocks on it that need attention. */
export interface LatePatient {
  presented: PatientCase;
  pathway: PathwayDates;
  clocks: CommitmentClock[];
}

/** Days past due for the most late clock, or minus the days left for the nearest one: larger is more urgent. */
const urgencyOf = (clocks: readonly CommitmentClock[]) => Math.max(...clocks.map((clock) => (clock.state === 'overdue' ? clock.days : -clock.days)));

/**
 * The patient's path (referral, arrival, diagnosis, treatment) and the network's clocks on it:
 * recorded after the board too, and watched by the presenting centre and the coordinators.
 */
export class PathwayService {
  constructor(
    private readonly models: Pick<Models, 'cases' | 'centers'>,
    private readonly sessions: SessionService,
    private readonly commitments: CommitmentService,
    private readonly audit: AuditLog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Records some dates of a case's pathway, whatever the state of its session (diagnosis and
   * treatment come after the board). Written against the dates checked, so two edits at once cannot
   * leave a path out of order; the case's version is left alone, so an open case form still saves.
   */
  async record(actor: Actor, id: string, changes: PathwayChanges): Promise<CaseDto> {
    const doc = await this.models.cases.findById(id).lean<CaseDoc>();
    if (!doc) throw notFound('case');
    const session = await this.sessions.visible(actor, idOf(doc.sessionId));
    authorize(actor, 'cases.pathway', idOf(doc.centerId));
    const stored: StoredPathway = doc.pathway;
    const dates: PathwayDates = { ...blankPathway, ...stored, ...changes };
    const issue = pathwayIssues(dates, calendarDayOf(this.now()))[0];
    if (issue) throw invalidField(issue);
    const updated = await this.models.cases
      .findOneAndUpdate({ _id: doc._id, ...unchangedSince(stored) }, { $set: { pathway: dates } }, { returnDocument: 'after' })
      .lean<CaseDoc>();
    if (!updated) {
      if (!(await this.models.cases.exists({ _id: doc._id }))) throw notFound('case');
      throw new AppError('conflict', 'someone else changed these dates meanwhile; reload');
    }
    await this.audit.record(actor, 'update', 'case', id, `caso ${updated.caseCode}`, { pathway: changes });
    await this.sessions.announce(session, 'cases', actor);
    return toCaseDto(updated);
  }

  /**
   * Patients past or near a commitment, most late first: the whole network's for a coordinator,
   * the actor's centre's for a presenter.
   */
  async attention(actor: Actor): Promise<PathwayAttentionDto[]> {
    authorize(actor, 'pathway.watch');
    const late = await this.needingAttention(calendarDayOf(this.now()), canEverywhere(actor, 'pathway.watch') ? undefined : actor.centerId);
    const centers = await this.models.centers.find({ _id: { $in: [...new Set(late.map(({ presented }) => idOf(presented.centerId)))] } }, { name: 1 }).lean();
    const centerName = new Map(centers.map((center) => [idOf(center._id), center.name]));
    return late
      .sort((a, b) => urgencyOf(b.clocks) - urgencyOf(a.clocks) || a.presented.caseCode.localeCompare(b.presented.caseCode))
      .map(({ presented, pathway, clocks }) => ({
        caseId: idOf(presented._id),
        caseCode: presented.caseCode,
        sessionId: idOf(presented.sessionId),
        centerId: idOf(presented.centerId),
        centerName: centerName.get(idOf(presented.centerId)) ?? '',
        pathway,
        clocks,
      }));
  }

  /**
   * Patients whose clocks need attention on `today` (one centre's, or the network's), with only
   * those clocks: each patient once, by its latest recorded path. Also read by the notices' sweep.
   */
  async needingAttention(today: string, centerId?: string): Promise<LatePatient[]> {
    const scope = centerId ? { centerId } : {};
    const running = await this.models.cases
      .find({ ...scope, 'pathway.treatmentStartedOn': '', $or: [{ 'pathway.referredOn': { $gt: '' } }, { 'pathway.diagnosedOn': { $gt: '' } }] }, patientCaseFields)
      .lean<PatientCase[]>();
    if (!running.length) return [];
    const ofThesePatients = await this.models.cases
      .find({ ...scope, caseCode: { $in: [...new Set(running.map((presented) => presented.caseCode))] } }, patientCaseFields)
      .lean<PatientCase[]>();
    const latest = latestRecordedByPatient(ofThesePatients);
    const runningIds = new Set(running.map((presented) => idOf(presented._id)));
    const rules = await this.commitments.rules();
    return [...latest.values()].flatMap((presented) => {
      if (!runningIds.has(idOf(presented._id))) return [];
      const pathway = pathwayOf(presented);
      const clocks = pathwayClocks(pathway, rules, today).filter(needsAttention);
      return clocks.length ? [{ presented, pathway, clocks }] : [];
    });
  }
}
