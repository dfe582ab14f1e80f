import type { Types } from 'mongoose';
import type { z } from 'zod';
import { can } from '../../shared/permissions';
import type { createMatterRequestSchema, MatterDto, matterListQuerySchema, MatterStatus, updateMatterRequestSchema } from '../../shared/workingGroup';
import type { Models } from '../db/models';
import { nextValue } from '../db/models/counter';
import type { Matter } from '../db/models/matter';
import { authorize, type Actor } from './actor';
import type { AuditLog } from './auditLog';
import type { CenterService } from './centerService';
import { idOf } from './documents';
import { AppError, invalidField, notFound } from './errors';
import type { SessionDoc, SessionService } from './sessionService';

export type MatterDoc = Matter & { _id: Types.ObjectId; createdAt: Date };
/** What a matter's status is read from: its agreements. */
type AnswerDoc = { _id: Types.ObjectId; matterId?: Types.ObjectId | null; status: string };

/** `resolved` once it has agreements and every one is done; `open` until then. */
export const matterStatusOf = (agreements: readonly { status: string }[]): MatterStatus =>
  agreements.length > 0 && agreements.every((agreement) => agreement.status === 'done') ? 'resolved' : 'open';

/**
 * The matters (asuntos) families raise at working-group meetings: recorded by the coordinator while
 * the meeting's minutes are open, read by whoever sees the meeting and by its own guests, and
 * followed up across meetings until their agreements are done.
 */
export class MatterService {
  constructor(
    private readonly models: Pick<Models, 'matters' | 'agreements' | 'sessions' | 'counters'>,
    private readonly sessions: SessionService,
    private readonly centers: CenterService,
    private readonly audit: AuditLog,
  ) {}

  /** Whoever sees the meeting, its own guests included. */
  async listForSession(actor: Actor, sessionId: string): Promise<MatterDto[]> {
    await this.sessions.requireVisible(actor, sessionId);
    return this.toDtos(await this.models.matters.find({ sessionId }).sort({ number: 1 }).lean<MatterDoc[]>());
  }

  /** Matters across meetings, newest first, of the meetings the actor may see. */
  async list(actor: Actor, query: z.output<typeof matterListQuerySchema>): Promise<MatterDto[]> {
    const docs = await this.models.matters
      .find(query.state ? { state: query.state } : {})
      .sort({ sessionStartsAt: -1, number: -1 })
      .lean<MatterDoc[]>();
    const seen = await this.visibleSessionIds(actor);
    const matters = await this.toDtos(docs.filter((doc) => !seen || seen.has(idOf(doc.sessionId))));
    return matters.filter((matter) => query.status === 'all' || matter.status === query.status).slice(0, query.limit);
  }

  async create(actor: Actor, sessionId: string, input: z.output<typeof createMatterRequestSchema>): Promise<MatterDto> {
    authorize(actor, 'matters.record');
    const session = this.requireRecordable(await this.sessions.visible(actor, sessionId));
    if (input.hospitalCenterId) await this.centers.requireSessionCenters([input.hospitalCenterId], 'hospitalCenterId');
    const created = await this.models.matters.create({
      ...input,
      sessionId,
      sessionNumber: session.number,
      sessionStartsAt: session.startsAt,
      number: await nextValue(this.models.counters, 'matter'),
      createdBy: actor.id,
    });
    const [dto] = await this.toDtos([created.toObject<MatterDoc>()]);
    await this.audit.record(actor, 'create', 'matter', dto!.id, `asunto ${dto!.number} de la sesión ${session.number}`, { ...input });
    await this.sessions.announce(session, 'matters', actor);
    return dto!;
  }

  async update(actor: Actor, id: string, input: z.output<typeof updateMatterRequestSchema>): Promise<MatterDto> {
    authorize(actor, 'matters.record');
    const current = await this.models.matters.findById(id, { sessionId: 1 }).lean();
    if (!current) throw notFound('matter');
    const session = this.requireRecordable(await this.sessions.visible(actor, idOf(current.sessionId)));
    const { version, hospitalCenterId, ...changes } = input;
    if (hospitalCenterId) await this.centers.requireSessionCenters([hospitalCenterId], 'hospitalCenterId');
    const set = { ...changes, ...(hospitalCenterId ? { hospitalCenterId } : {}) };
    const update = {
      ...(Object.keys(set).length ? { $set: set } : {}),
      ...(hospitalCenterId === null ? { $unset: { hospitalCenterId: 1 } } : {}),
      $inc: { version: 1 },
    };
    const updated = await this.models.matters.findOneAndUpdate({ _id: id, version }, update, { returnDocument: 'after', runValidators: true }).lean<MatterDoc>();
    if (!updated) throw new AppError('conflict', 'someone else changed this matter meanwhile; reload it to see their changes', 'version');
    await this.audit.record(actor, 'update', 'matter', id, `asunto ${updated.number}`, { ...changes, ...(hospitalCenterId !== undefined ? { hospitalCenterId } : {}) });
    await this.sessions.announce(session, 'matters', actor);
    const [dto] = await this.toDtos([updated]);
    return dto!;
  }

  /**
   * Refuses an agreement's matter unless the agreement is recorded at a working-group meeting and
   * the matter was raised there, or is an earlier meeting's matter still open (its follow-up).
   */
  async requireAnswerable(session: SessionDoc, matterId: string): Promise<void> {
    const refuse = (message: string) => invalidField({ field: 'matterId', message });
    if (session.kind !== 'working_group') throw refuse('only a working-group meeting’s agreements answer a matter');
    const matter = await this.models.matters.findById(matterId, { sessionId: 1, sessionStartsAt: 1 }).lean();
    if (!matter) throw refuse('unknown matter');
    if (idOf(matter.sessionId) === idOf(session._id)) return;
    const earlier = matter.sessionStartsAt.getTime() < session.startsAt.getTime();
    if (!earlier || matterStatusOf(await this.answersOf([matter._id])) !== 'open') {
      throw refuse('must be a matter of this meeting or an open matter of an earlier one');
    }
  }

  /** The session of a matter, whose page lists it: told when an agreement changes the matter's status. */
  async sessionOf(matterId: string): Promise<string | undefined> {
    const matter = await this.models.matters.findById(matterId, { sessionId: 1 }).lean();
    return matter ? idOf(matter.sessionId) : undefined;
  }

  /** Coordinators see every meeting (undefined: no filter); others those their centre takes part in. */
  private async visibleSessionIds(actor: Actor): Promise<Set<string> | undefined> {
    if (can(actor, 'sessions.seeAll')) return undefined;
    const meetings = await this.models.sessions.find({ kind: 'working_group' }, { hostCenterId: 1, invitedCenterIds: 1 }).lean();
    return new Set(meetings.filter((meeting) => this.sessions.canSee(actor, meeting)).map((meeting) => idOf(meeting._id)));
  }

  private requireRecordable(session: SessionDoc): SessionDoc {
    if (session.kind !== 'working_group') throw new AppError('conflict', 'matters are raised only at working-group meetings');
    if (session.status === 'cancelled') throw new AppError('conflict', 'the meeting was cancelled');
    if (session.status === 'minutes_approved') throw new AppError('conflict', 'the meeting’s minutes are approved; its matters no longer change');
    return session;
  }

  /** The agreements answering these matters, oldest first (matterId is indexed). */
  private answersOf(matterIds: readonly Types.ObjectId[]): Promise<AnswerDoc[]> {
    if (matterIds.length === 0) return Promise.resolve([]);
    return this.models.agreements
      .find({ matterId: { $in: matterIds } }, { matterId: 1, status: 1 })
      .sort({ createdAt: 1 })
      .lean<AnswerDoc[]>();
  }

  private async toDtos(docs: readonly MatterDoc[]): Promise<MatterDto[]> {
    const answersByMatter = new Map<string, AnswerDoc[]>();
    for (const answer of await this.answersOf(docs.map((doc) => doc._id))) {
      const matterId = idOf(answer.matterId!);
      answersByMatter.set(matterId, [...(answersByMatter.get(matterId) ?? []), answer]);
    }
    return docs.map((doc) => {
      const own = answersByMatter.get(idOf(doc._id)) ?? [];
      return {
        id: idOf(doc._id),
        sessionId: idOf(doc.sessionId),
        sessionNumber: doc.sessionNumber,
        number: doc.number,
        topic: doc.topic,
        state: doc.state,
        hospitalCenterId: doc.hospitalCenterId ? idOf(doc.hospitalCenterId) : null,
        raisedBy: doc.raisedBy,
        description: doc.description,
        status: matterStatusOf(own),
        agreementIds: own.map((answer) => idOf(answer._id)),
        version: doc.version,
        createdAt: doc.createdAt.toISOString(),
      };
    });
  }
}
