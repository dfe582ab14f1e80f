import { can } from '../../shared/permissions';
import type { Types } from 'mongoose';
import type { z } from 'zod';
import type { AgreementDto, createAgreementRequestSchema, updateAgreementRequestSchema } from '../../shared/agreements';
import { agreementStatusOn, openAgreementStatuses } from '../../shared/agreements';
import { calendarDayOf } from '../../shared/time';
import type { Models } from '../db/models';
import type { Agreement } from '../db/models/agreement';
import { authorize, type Actor } from './actor';
import type { AuditLog } from './auditLog';
import type { CenterService } from './centerService';
import { idOf } from './documents';
import { AppError, notFound } from './errors';
import type { MatterService } from './matterService';
import { guestsFollowAgreements } from '../../shared/guests';
import type { SessionDoc, SessionService } from './sessionService';

type AgreementDoc = Agreement & { _id: Types.ObjectId; createdAt: Date };

/** Tells the people in the rooms of these sessions that an agreement changed; the realtime layer provides it. */
export type AgreementNotifier = (sessionIds: string[], agreement: AgreementDto) => void;

/**
 * Agreements (acuerdos): created by the coordinator during or after a session, updated by the
 * coordinator or the responsible centre, followed up in later sessions until done.
 */
export class AgreementService {
  constructor(
    private readonly models: Pick<Models, 'agreements' | 'sessions' | 'cases'>,
    private readonly sessions: SessionService,
    private readonly centers: CenterService,
    private readonly matters: MatterService,
    private readonly audit: AuditLog,
    private readonly notify: AgreementNotifier = () => {},
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Today in Mexico: an open agreement due before it is overdue. */
  private today(): string {
    return calendarDayOf(this.now());
  }

  private toDto(doc: AgreementDoc): AgreementDto {
    return {
      id: idOf(doc._id),
      sessionId: idOf(doc.sessionId),
      sessionNumber: doc.sessionNumber,
      caseId: doc.caseId ? idOf(doc.caseId) : null,
      matterId: doc.matterId ? idOf(doc.matterId) : null,
      text: doc.text,
      responsibleCenterId: idOf(doc.responsibleCenterId),
      responsiblePerson: doc.responsiblePerson,
      dueDate: doc.dueDate,
      status: agreementStatusOn(doc, this.today()),
      followUps: doc.followUps.map((followUp) => ({
        at: followUp.at.toISOString(),
        byName: followUp.byName,
        sessionId: followUp.sessionId ? idOf(followUp.sessionId) : null,
        note: followUp.note,
      })),
      version: doc.version,
      createdAt: doc.createdAt.toISOString(),
    };
  }

  async create(actor: Actor, sessionId: string, input: z.output<typeof createAgreementRequestSchema>): Promise<AgreementDto> {
    authorize(actor, 'agreements.record');
    const session = await this.sessions.visible(actor, sessionId);
    if (session.status === 'cancelled') throw new AppError('conflict', 'the session was cancelled');
    // An office answers for a working-group matter's agreement as a hospital does; a laboratory never answers for one.
    await this.centers.requireSessionCenters([input.responsibleCenterId], 'responsibleCenterId');
    if (input.matterId) await this.matters.requireAnswerable(session, input.matterId);
    if (input.caseId) {
      const presented = await this.models.cases.findById(input.caseId, { sessionId: 1 }).lean();
      if (!presented || idOf(presented.sessionId) !== sessionId) throw new AppError('invalid_input', 'caseId: not a case of this session', 'caseId');
    }
    const created = await this.models.agreements.create({
      ...input,
      sessionId,
      sessionNumber: session.number,
      sessionStartsAt: session.startsAt,
      createdBy: actor.id,
    });
    const dto = this.toDto(created.toObject<AgreementDoc>());
    await this.audit.record(actor, 'create', 'agreement', dto.id, `acuerdo de la sesión ${session.number}`, { ...input });
    await this.tell([session], dto, actor);
    return dto;
  }

  async listForSession(actor: Actor, sessionId: string): Promise<AgreementDto[]> {
    const session = await this.sessions.visible(actor, sessionId);
    if (actor.guest && !guestsFollowAgreements(session)) throw new AppError('forbidden', 'an invited guest reads the agreements of a working-group meeting only');
    const docs = await this.models.agreements.find({ sessionId }).sort({ createdAt: 1 }).lean<AgreementDoc[]>();
    return docs.map((doc) => this.toDto(doc));
  }

  /** The open agreements of earlier sessions: what this session's "Seguimiento de acuerdos" covers. */
  async openBefore(actor: Actor, sessionId: string): Promise<AgreementDto[]> {
    const session = await this.sessions.visible(actor, sessionId);
    // One equality query per open status: the embedded database then reads only open agreements,
    // where a `$ne` would make it decode every agreement ever recorded.
    const open = (
      await Promise.all(openAgreementStatuses.map((status) => this.models.agreements.find({ status, sessionStartsAt: { $lt: session.startsAt } }).lean<AgreementDoc[]>()))
    ).flat();
    const visible = await this.visibleTo(actor, open);
    return visible.sort((a, b) => a.dueDate.localeCompare(b.dueDate)).map((doc) => this.toDto(doc));
  }

  /** Agreements the actor may read: those of sessions their centre takes part in, or that their centre is responsible for. */
  private async visibleTo(actor: Actor, agreements: AgreementDoc[]): Promise<AgreementDoc[]> {
    if (can(actor, 'agreements.seeAll')) return agreements;
    const sessionIds = [...new Set(agreements.map((agreement) => idOf(agreement.sessionId)))];
    const sessions = await Promise.all(sessionIds.map((id) => this.models.sessions.findById(id, { hostCenterId: 1, invitedCenterIds: 1 }).lean()));
    const seen = new Set(sessions.flatMap((session) => (session && this.sessions.canSee(actor, session) ? [idOf(session._id)] : [])));
    return agreements.filter((agreement) => seen.has(idOf(agreement.sessionId)) || idOf(agreement.responsibleCenterId) === actor.centerId);
  }

  async update(actor: Actor, id: string, input: z.output<typeof updateAgreementRequestSchema>): Promise<AgreementDto> {
    const current = await this.find(id);
    const { version, ...changes } = input;
    const onlyStatus = Object.keys(changes).every((key) => key === 'status');
    // The responsible centre reports its progress (the status); everything else is the coordinator's.
    authorize(actor, onlyStatus ? 'agreements.followUp' : 'agreements.record', idOf(current.responsibleCenterId));
    if (changes.responsibleCenterId) await this.centers.requireSessionCenters([changes.responsibleCenterId], 'responsibleCenterId');
    const updated = await this.models.agreements
      .findOneAndUpdate({ _id: id, version }, { $set: changes, $inc: { version: 1 } }, { returnDocument: 'after', runValidators: true })
      .lean<AgreementDoc>();
    if (!updated) throw new AppError('conflict', 'someone else changed this agreement meanwhile; reload it to see their changes', 'version');
    await this.audit.record(actor, 'update', 'agreement', id, 'acuerdo actualizado', { ...changes });
    const dto = this.toDto(updated);
    await this.tell([dto.sessionId], dto, actor);
    return dto;
  }

  /** Notes are appended, never rewritten, so two people adding one at once both keep theirs. */
  async addFollowUp(actor: Actor, id: string, note: string, sessionId?: string): Promise<AgreementDto> {
    const current = await this.find(id);
    authorize(actor, 'agreements.followUp', idOf(current.responsibleCenterId));
    const followUp = { at: this.now(), by: actor.id, byName: actor.name, note, ...(sessionId ? { sessionId } : {}) };
    const updated = await this.models.agreements
      .findOneAndUpdate({ _id: id }, { $push: { followUps: followUp }, $inc: { version: 1 } }, { returnDocument: 'after' })
      .lean<AgreementDoc>();
    await this.audit.record(actor, 'follow_up', 'agreement', id, 'seguimiento de acuerdo', { note });
    const dto = this.toDto(updated!);
    await this.tell(sessionId ? [dto.sessionId, sessionId] : [dto.sessionId], dto, actor);
    return dto;
  }

  /** The rooms of these sessions see the agreement; whoever may see the sessions, that their agreements changed. */
  private async tell(sessions: (string | SessionDoc)[], agreement: AgreementDto, actor: Actor): Promise<void> {
    // A session already read is announced as read: by the request that wrote the agreement, a moment ago.
    const byId = new Map<string, string | SessionDoc>(sessions.map((session) => (typeof session === 'string' ? [session, session] : [idOf(session._id), session])));
    this.notify([...byId.keys()], agreement);
    for (const session of byId.values()) await this.sessions.announce(session, 'agreements', actor);
    // The matter it answers reads its status from its agreements: the meeting that raised it lists it.
    const matterSession = agreement.matterId && (await this.matters.sessionOf(agreement.matterId));
    if (matterSession) await this.sessions.announce(matterSession, 'matters', actor);
  }

  private async find(id: string): Promise<AgreementDoc> {
    const doc = await this.models.agreements.findById(id).lean<AgreementDoc>();
    if (!doc) throw notFound('agreement');
    return doc;
  }
}
