import { randomUUID } from 'node:crypto';
import type { Types } from 'mongoose';
import { checkpointsOn, FOLLOW_THROUGH_DUE_DAYS, followThroughStateOn, followUpDayIssue, followUpPending, type CaseFollowUpDto, type OutcomeDto } from '../../shared/followUp';
import type { FollowThroughRequest, OutcomeRequest } from '../../shared/followUpSchemas';
import { addDays } from '../../shared/pathway';
import { canEverywhere } from '../../shared/permissions';
import { calendarDayOf } from '../../shared/time';
import { isDuplicateKey } from '../db/failures';
import type { Models } from '../db/models';
import type { FollowUp } from '../db/models/followUp';
import { authorize, type Actor } from './actor';
import type { AuditLog } from './auditLog';
import { idOf } from './documents';
import { AppError, invalidField, notFound } from './errors';
import type { SessionService } from './sessionService';

export type FollowUpDoc = FollowUp & { _id: Types.ObjectId };

/** What a follow-up needs of its case and of the recommendation confirmed for it. */
interface ConfirmedCase {
  presented: { _id: Types.ObjectId; caseCode: string; sessionId: Types.ObjectId; centerId: Types.ObjectId };
  recommendation: { text: string; confirmedAt: Date };
}
const caseFields = { caseCode: 1, sessionId: 1, centerId: 1 };
const recommendationFields = { text: 1, confirmedAt: 1 };

/** The item a death takes on a later session's agenda: ten minutes, about the case. */
export const mortalityReviewItem = <Id extends string>(id: Id, caseId: string, caseCode: string) =>
  ({ id, kind: 'mortality_review', title: `Revisión de defunción: ${caseCode}`, durationMinutes: 10, caseId }) as const;

const blankFollowUp = { followThrough: null, outcomes: [], mortalityReview: null };
const isOverdue = (followUp: CaseFollowUpDto) => followUp.followThroughState === 'overdue' || followUp.checkpoints.some((checkpoint) => checkpoint.state === 'overdue');

/** The earliest day of what is asked for now: the follow-through's due day, or a checkpoint's. */
function firstPendingDay(followUp: CaseFollowUpDto): string {
  const days = followUp.checkpoints.filter((checkpoint) => checkpoint.state === 'due' || checkpoint.state === 'overdue').map((checkpoint) => checkpoint.dueOn);
  if (followUp.followThroughState !== 'recorded') days.push(addDays(followUp.recommendation.confirmedOn, FOLLOW_THROUGH_DUE_DAYS));
  return days.sort()[0] ?? '';
}

/**
 * What came of the board's confirmed recommendations: the referring centre records whether it was
 * carried out and the patient's course at 3, 6 and 12 months, is reminded when one is due, and may
 * put a death on a later session's agenda for the network's review of deaths.
 */
export class FollowUpService {
  constructor(
    private readonly models: Pick<Models, 'followUps' | 'recommendations' | 'cases' | 'centers' | 'users' | 'sessions'>,
    private readonly sessions: SessionService,
    private readonly audit: AuditLog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Null until the board confirms a recommendation for the case; seen by whoever sees its session. */
  async get(actor: Actor, caseId: string): Promise<CaseFollowUpDto | null> {
    const presented = await this.caseOf(caseId);
    await this.sessions.requireVisible(actor, idOf(presented.sessionId));
    const recommendation = await this.models.recommendations.findOne({ _id: caseId, status: 'confirmed' }, recommendationFields).lean();
    if (!recommendation?.confirmedAt) return null;
    const [followUp] = await this.toDtos([{ presented, recommendation: { text: recommendation.text, confirmedAt: recommendation.confirmedAt } }]);
    return followUp!;
  }

  /** Records whether the recommendation was carried out, replacing an earlier record (a correction). */
  async recordFollowThrough(actor: Actor, caseId: string, request: FollowThroughRequest): Promise<CaseFollowUpDto> {
    const { confirmed, stored, confirmedOn } = await this.recordable(actor, caseId);
    const issue = followUpDayIssue('decidedOn', request.decidedOn, confirmedOn, calendarDayOf(this.now()));
    if (issue) throw invalidField(issue);
    await this.save(caseId, stored, { followThrough: { ...request, recordedBy: actor.id, recordedAt: this.now() } });
    const summary = `cumplimiento de la recomendación, caso ${confirmed.presented.caseCode}`;
    await this.audit.record(actor, stored?.followThrough ? 'correct' : 'record', 'follow_up', caseId, summary, { followThrough: request });
    return (await this.toDtos([confirmed]))[0]!;
  }

  /**
   * Records the patient's course at a checkpoint, replacing an earlier record of it. After a death
   * only the death's own checkpoint may be corrected; a death cannot precede a checkpoint at which
   * the patient was recorded alive, nor stop being one while it is on an agenda for review.
   */
  async recordOutcome(actor: Actor, caseId: string, request: OutcomeRequest): Promise<CaseFollowUpDto> {
    const { confirmed, stored, confirmedOn } = await this.recordable(actor, caseId);
    const today = calendarDayOf(this.now());
    const issue =
      followUpDayIssue('assessedOn', request.assessedOn, confirmedOn, today) ?? (request.diedOn ? followUpDayIssue('diedOn', request.diedOn, confirmedOn, today) : undefined);
    if (issue) throw invalidField(issue);
    const outcomes = stored?.outcomes ?? [];
    const death = outcomes.find((outcome) => outcome.course === 'deceased');
    if (death && request.months > death.months) {
      throw new AppError('conflict', `the patient's death is recorded at the ${death.months}-month checkpoint`, 'months');
    }
    if (request.course === 'deceased' && outcomes.some((outcome) => outcome.months > request.months)) {
      throw new AppError('conflict', 'a later checkpoint records the patient alive; correct it first', 'months');
    }
    if (stored?.mortalityReview && death?.months === request.months && request.course !== 'deceased') {
      throw new AppError('conflict', 'this death is on a session’s agenda for review', 'course');
    }
    const outcome = { ...request, recordedBy: actor.id, recordedAt: this.now() };
    const next = [...outcomes.filter((recorded) => recorded.months !== request.months), outcome].sort((a, b) => a.months - b.months);
    await this.save(caseId, stored, { outcomes: next });
    const corrected = outcomes.some((recorded) => recorded.months === request.months);
    const summary = `evolución a los ${request.months} meses, caso ${confirmed.presented.caseCode}`;
    await this.audit.record(actor, corrected ? 'correct' : 'record', 'follow_up', caseId, summary, { outcome: request });
    return (await this.toDtos([confirmed]))[0]!;
  }

  /**
   * Puts the recorded death on a later scheduled case-review session's agenda, once. The review is
   * claimed on the follow-up first, so two requests at once cannot add two items; the claim is
   * given back if the agenda refuses the item (no time left, changed meanwhile).
   */
  async reviewDeath(actor: Actor, caseId: string, sessionId: string): Promise<CaseFollowUpDto> {
    const { confirmed, stored } = await this.recordable(actor, caseId);
    if (!stored?.outcomes.some((outcome) => outcome.course === 'deceased')) throw new AppError('conflict', 'no death is recorded for this patient');
    if (stored.mortalityReview) throw new AppError('conflict', 'this death is already on a session’s agenda for review');
    const target = await this.sessions.visible(actor, sessionId);
    const refuse = (message: string) => new AppError('invalid_input', `sessionId: ${message}`, 'sessionId');
    if (idOf(target._id) === idOf(confirmed.presented.sessionId)) throw refuse('must be a later session than the one that discussed the case');
    if (target.kind !== 'case_review') throw refuse('must be a case-review session');
    if (target.status !== 'scheduled' || target.startsAt.getTime() <= this.now().getTime()) throw refuse('must be a scheduled session that has not started');
    const agendaItemId = randomUUID();
    await this.save(caseId, stored, { mortalityReview: { sessionId: target._id, agendaItemId, requestedBy: actor.id, requestedAt: this.now() } });
    const { caseCode } = confirmed.presented;
    try {
      await this.sessions.appendToAgenda(actor, sessionId, mortalityReviewItem(agendaItemId, caseId, caseCode));
    } catch (error) {
      await this.models.followUps.updateOne({ _id: caseId, 'mortalityReview.agendaItemId': agendaItemId }, { $set: { mortalityReview: null }, $inc: { version: 1 } });
      throw error;
    }
    await this.audit.record(actor, 'review_death', 'follow_up', caseId, `defunción a revisión en la sesión ${target.number}, caso ${caseCode}`, { sessionId, agendaItemId });
    return (await this.toDtos([confirmed]))[0]!;
  }

  /** Follow-ups asked for now, overdue first then by the oldest due day: the network's for a coordinator, the presenter's centre's. */
  async due(actor: Actor): Promise<CaseFollowUpDto[]> {
    authorize(actor, 'followUp.watch');
    const scope = canEverywhere(actor, 'followUp.watch') ? {} : { centerId: actor.centerId };
    const recommendations = await this.models.recommendations.find({ status: 'confirmed' }, recommendationFields).lean();
    const cases = await this.models.cases.find({ ...scope, _id: { $in: recommendations.map((recommendation) => recommendation._id) } }, caseFields).lean();
    const recommendationOf = new Map(recommendations.map((recommendation) => [idOf(recommendation._id), recommendation]));
    const confirmed = cases.flatMap((presented) => {
      const recommendation = recommendationOf.get(idOf(presented._id));
      return recommendation?.confirmedAt ? [{ presented, recommendation: { text: recommendation.text, confirmedAt: recommendation.confirmedAt } }] : [];
    });
    return (await this.toDtos(confirmed))
      .filter(followUpPending)
      .sort((a, b) => Number(isOverdue(b)) - Number(isOverdue(a)) || firstPendingDay(a).localeCompare(firstPendingDay(b)) || a.caseCode.localeCompare(b.caseCode));
  }

  private async caseOf(caseId: string): Promise<ConfirmedCase['presented']> {
    const presented = await this.models.cases.findById(caseId, caseFields).lean();
    if (!presented) throw notFound('case');
    return presented;
  }

  /** The case, its confirmed recommendation and its stored follow-up, when the actor may record on them. */
  private async recordable(actor: Actor, caseId: string) {
    const presented = await this.caseOf(caseId);
    authorize(actor, 'followUp.record', idOf(presented.centerId));
    const [recommendation, stored] = await Promise.all([
      this.models.recommendations.findOne({ _id: caseId, status: 'confirmed' }, recommendationFields).lean(),
      this.models.followUps.findById(caseId).lean<FollowUpDoc>(),
    ]);
    if (!recommendation?.confirmedAt) throw new AppError('conflict', 'the board has not confirmed a recommendation for this case');
    const confirmed: ConfirmedCase = { presented, recommendation: { text: recommendation.text, confirmedAt: recommendation.confirmedAt } };
    return { confirmed, stored, confirmedOn: calendarDayOf(recommendation.confirmedAt) };
  }

  /**
   * One write conditional on the version read: the first creates the document (a second creating
   * it meanwhile collides on its id), a later one applies only to the version read. Either way a
   * second edit made meanwhile is refused, not silently overwritten.
   */
  private async save(caseId: string, stored: FollowUpDoc | null, set: Record<string, unknown>): Promise<void> {
    const written = stored
      ? await this.models.followUps.findOneAndUpdate({ _id: caseId, version: stored.version }, { $set: set, $inc: { version: 1 } }).lean()
      : await this.models.followUps.create({ _id: caseId, ...blankFollowUp, ...set, version: 1 }).catch((error: unknown) => {
          if (isDuplicateKey(error)) return null;
          throw error;
        });
    if (!written) throw new AppError('conflict', 'someone else changed this follow-up meanwhile; reload', 'version');
  }

  private async toDtos(confirmed: readonly ConfirmedCase[]): Promise<CaseFollowUpDto[]> {
    const ids = confirmed.map(({ presented }) => presented._id);
    const followUps = await this.models.followUps.find({ _id: { $in: ids } }).lean<FollowUpDoc[]>();
    const followUpOf = new Map(followUps.map((followUp) => [idOf(followUp._id), followUp]));
    const recorders = followUps
      .flatMap((followUp) => [followUp.followThrough?.recordedBy, ...followUp.outcomes.map((outcome) => outcome.recordedBy)])
      .filter((id) => id !== undefined);
    const reviewSessions = followUps.flatMap((followUp) => (followUp.mortalityReview ? [followUp.mortalityReview.sessionId] : []));
    const [users, centers, sessions] = await Promise.all([
      this.models.users.find({ _id: { $in: recorders } }, { name: 1 }).lean(),
      this.models.centers.find({ _id: { $in: confirmed.map(({ presented }) => presented.centerId) } }, { name: 1 }).lean(),
      this.models.sessions.find({ _id: { $in: reviewSessions } }, { number: 1, title: 1, startsAt: 1 }).lean(),
    ]);
    const nameOf = new Map(users.map((user) => [idOf(user._id), user.name]));
    const centerName = new Map(centers.map((center) => [idOf(center._id), center.name]));
    const sessionOf = new Map(sessions.map((session) => [idOf(session._id), session]));
    const today = calendarDayOf(this.now());
    const recorded = (by: Types.ObjectId, at: Date) => ({ recordedBy: idOf(by), recordedByName: nameOf.get(idOf(by)) ?? '', recordedAt: at.toISOString() });
    return confirmed.map(({ presented, recommendation }) => {
      const stored = followUpOf.get(idOf(presented._id));
      const confirmedOn = calendarDayOf(recommendation.confirmedAt);
      const outcomes: OutcomeDto[] = (stored?.outcomes ?? []).map(({ months, course, assessedOn, diedOn, causeOfDeath, notes, recordedBy, recordedAt }) => ({
        months: months,
        course,
        assessedOn,
        diedOn: diedOn ?? '',
        causeOfDeath: causeOfDeath ?? '',
        notes: notes ?? '',
        ...recorded(recordedBy, recordedAt),
      }));
      const followThrough = stored?.followThrough;
      const review = stored?.mortalityReview;
      const reviewSession = review && sessionOf.get(idOf(review.sessionId));
      return {
        caseId: idOf(presented._id),
        caseCode: presented.caseCode,
        sessionId: idOf(presented.sessionId),
        centerId: idOf(presented.centerId),
        centerName: centerName.get(idOf(presented.centerId)) ?? '',
        recommendation: { text: recommendation.text, confirmedAt: recommendation.confirmedAt.toISOString(), confirmedOn },
        followThrough: followThrough
          ? {
              status: followThrough.status,
              reason: followThrough.reason ?? '',
              decidedOn: followThrough.decidedOn,
              ...recorded(followThrough.recordedBy, followThrough.recordedAt),
            }
          : null,
        followThroughState: followThroughStateOn(confirmedOn, Boolean(followThrough), today),
        checkpoints: checkpointsOn(confirmedOn, outcomes, today),
        mortalityReview: review
          ? {
              sessionId: idOf(review.sessionId),
              sessionNumber: reviewSession?.number ?? 0,
              sessionTitle: reviewSession?.title ?? '',
              startsAt: reviewSession?.startsAt.toISOString() ?? '',
              agendaItemId: review.agendaItemId,
            }
          : null,
      };
    });
  }
}
