import type { Types } from 'mongoose';
import type { MinutesDto } from '../../shared/minutes';
import { takesCases, type SessionKind, type SessionStatus } from '../../shared/sessions';
import type { Models } from '../db/models';
import type { Minutes } from '../db/models/minutes';
import { authorize, type Actor } from './actor';
import type { AuditLog } from './auditLog';
import { idOf } from './documents';
import { renderMinutesDraft } from './minutesText';
import { matterStatusOf } from './matterService';
import { renderWorkingGroupMinutes, type MinutesMatter } from './workingGroupMinutesText';
import { AppError, notFound } from './errors';
import { opinionsOf } from './opinionService';
import type { PresenceLedger } from './presenceLedger';
import type { SessionDoc, SessionService } from './sessionService';

type MinutesDoc = Minutes & { _id: Types.ObjectId; updatedAt: Date };

/** How long past its scheduled end an empty room's session stays open before the system ends it. */
export const ABANDONED_AFTER_MS = 3 * 3_600_000;

function toDto(doc: MinutesDoc): MinutesDto {
  const latest = doc.corrections.at(-1);
  return {
    sessionId: idOf(doc.sessionId),
    status: doc.status,
    text: latest?.text ?? doc.text,
    version: doc.version,
    updatedAt: doc.updatedAt.toISOString(),
    approvedAt: doc.approvedAt?.toISOString() ?? null,
    corrections: doc.corrections.map(({ version, byName, at, reason }) => ({ version, byName, at: at.toISOString(), reason })),
  };
}

/** What a printed copy of the minutes says besides their text. */
export interface MinutesForExport {
  session: { number: number; title: string; kind: SessionKind; startsAt: Date; timeZone: string; hostCenterName: string };
  minutes: MinutesDto;
  approvedByName: string | null;
}

/** Ends a session, writes its minutes from what was recorded, and keeps approved minutes unchangeable. */
export class MinutesService {
  constructor(
    private readonly models: Pick<
      Models,
      'minutes' | 'sessions' | 'cases' | 'caseOpinions' | 'recommendations' | 'votes' | 'agreements' | 'centers' | 'users' | 'matters' | 'guests'
    >,
    private readonly presence: PresenceLedger,
    private readonly sessions: SessionService,
    private readonly audit: AuditLog,
    private readonly onEnded: (sessionId: string) => void = () => {},
  ) {}

  async end(actor: Actor, sessionId: string): Promise<MinutesDto> {
    authorize(actor, 'minutes.keep');
    const session = await this.sessions.visible(actor, sessionId);
    const minutes = await this.close(session, ['scheduled', 'live'], new Date(), actor.id);
    if (!minutes) throw new AppError('conflict', `the session is ${session.status} and cannot be ended`);
    await this.audit.record(actor, 'end', 'session', sessionId, `sesión ${session.number} terminada; minuta generada`);
    await this.sessions.announce(sessionId, 'ended', actor);
    return minutes;
  }

  /**
   * Ends sessions left open well past their scheduled end with nobody in the room (the
   * coordinator forgot to end them), so their attendance, certificates and reports close.
   * They end when their last person left, or at their scheduled end.
   */
  async endAbandoned(now: Date, roomIsEmpty: (sessionId: string) => boolean): Promise<string[]> {
    const live = await this.models.sessions.find({ status: 'live' }).lean<SessionDoc[]>();
    const ended: string[] = [];
    for (const session of live) {
      const sessionId = idOf(session._id);
      const scheduledEnd = session.startsAt.getTime() + session.durationMinutes * 60_000;
      if (scheduledEnd + ABANDONED_AFTER_MS > now.getTime() || !roomIsEmpty(sessionId)) continue;
      const last = (await this.presence.history(sessionId)).at(-1);
      const endedAt = new Date(Math.max(scheduledEnd, last?.at.getTime() ?? 0));
      if (!(await this.close(session, ['live'], endedAt, session.createdBy))) continue;
      await this.audit.record(undefined, 'end', 'session', sessionId, `sesión ${session.number} terminada por el sistema: seguía abierta sin nadie en la sala`);
      await this.sessions.announce(sessionId, 'ended', undefined);
      ended.push(sessionId);
    }
    return ended;
  }

  /** Marks the session ended if it is in one of `from`, and writes its draft; null when someone else ended it first. */
  private async close(session: SessionDoc, from: SessionStatus[], endedAt: Date, editedBy: Types.ObjectId | string): Promise<MinutesDto | null> {
    const sessionId = idOf(session._id);
    const ended = await this.models.sessions.updateOne({ _id: sessionId, status: { $in: from } }, { $set: { status: 'ended', endedAt }, $inc: { version: 1 } });
    if (ended.modifiedCount === 0) return null;
    const created = await this.models.minutes.create({ _id: sessionId, sessionId, text: await this.draft(session), editedBy });
    this.onEnded(sessionId);
    return toDto(created.toObject<MinutesDoc>());
  }

  async get(actor: Actor, sessionId: string): Promise<MinutesDto> {
    await this.sessions.requireVisible(actor, sessionId);
    const doc = await this.models.minutes.findById(sessionId).lean<MinutesDoc>();
    if (!doc) throw notFound('minutes');
    return toDto(doc);
  }

  async forExport(actor: Actor, sessionId: string): Promise<MinutesForExport> {
    const session = await this.sessions.visible(actor, sessionId);
    const doc = await this.models.minutes.findById(sessionId).lean<MinutesDoc>();
    if (!doc) throw notFound('minutes');
    const [host, approver] = await Promise.all([
      this.models.centers.findById(session.hostCenterId, { name: 1 }).lean(),
      doc.approvedBy ? this.models.users.findById(doc.approvedBy, { name: 1 }).lean() : null,
    ]);
    const { number, title, kind, startsAt, timeZone } = session;
    return {
      session: { number, title, kind, startsAt, timeZone, hostCenterName: host?.name ?? '' },
      minutes: toDto(doc),
      approvedByName: approver?.name ?? null,
    };
  }

  async save(actor: Actor, sessionId: string, version: number, text: string): Promise<MinutesDto> {
    authorize(actor, 'minutes.keep');
    await this.sessions.requireVisible(actor, sessionId);
    const doc = await this.models.minutes
      .findOneAndUpdate({ _id: sessionId, version, status: 'draft' }, { $set: { text, editedBy: actor.id }, $inc: { version: 1 } }, { returnDocument: 'after' })
      .lean<MinutesDoc>();
    if (!doc) throw await this.refusal(sessionId);
    await this.audit.record(actor, 'edit', 'minutes', sessionId, 'minuta editada', { version: doc.version });
    return toDto(doc);
  }

  async approve(actor: Actor, sessionId: string, version: number): Promise<MinutesDto> {
    authorize(actor, 'minutes.keep');
    await this.sessions.requireVisible(actor, sessionId);
    const doc = await this.models.minutes
      .findOneAndUpdate(
        { _id: sessionId, version, status: 'draft' },
        { $set: { status: 'approved', approvedBy: actor.id, approvedAt: new Date() }, $inc: { version: 1 } },
        { returnDocument: 'after' },
      )
      .lean<MinutesDoc>();
    if (!doc) throw await this.refusal(sessionId);
    await this.models.sessions.updateOne({ _id: sessionId, status: 'ended' }, { $set: { status: 'minutes_approved' }, $inc: { version: 1 } });
    await this.audit.record(actor, 'approve', 'minutes', sessionId, 'minuta aprobada', { version: doc.version });
    await this.sessions.announce(sessionId, 'minutes_approved', actor);
    return toDto(doc);
  }

  /** A correction of approved minutes: appended as a new version; the approved text stays as it was. */
  async correct(actor: Actor, sessionId: string, version: number, text: string, reason: string): Promise<MinutesDto> {
    authorize(actor, 'minutes.keep');
    await this.sessions.requireVisible(actor, sessionId);
    const correction = { version: version + 1, text, by: actor.id, byName: actor.name, at: new Date(), reason };
    const doc = await this.models.minutes
      .findOneAndUpdate({ _id: sessionId, version, status: 'approved' }, { $push: { corrections: correction }, $inc: { version: 1 } }, { returnDocument: 'after' })
      .lean<MinutesDoc>();
    if (!doc) {
      const current = await this.models.minutes.findById(sessionId, { status: 1 }).lean();
      if (!current) throw notFound('minutes');
      if (current.status === 'draft') throw new AppError('conflict', 'draft minutes are edited, not corrected');
      throw new AppError('conflict', 'someone else corrected these minutes meanwhile; reload to see their text', 'version');
    }
    await this.audit.record(actor, 'correct', 'minutes', sessionId, 'minuta corregida', { version: doc.version, reason });
    return toDto(doc);
  }

  /** Why a conditional write matched nothing: approved minutes never change; otherwise someone saved first. */
  private async refusal(sessionId: string): Promise<AppError> {
    const current = await this.models.minutes.findById(sessionId, { status: 1 }).lean();
    if (!current) return notFound('minutes');
    if (current.status === 'approved') return new AppError('conflict', 'approved minutes cannot change');
    return new AppError('conflict', 'someone else saved these minutes meanwhile; reload to see their text', 'version');
  }

  /** Gathers what the session recorded and writes the first draft of its minutes. */
  private async draft(session: SessionDoc): Promise<string> {
    if (!takesCases(session)) return this.workingGroupDraft(session);
    const sessionId = idOf(session._id);
    const [centers, presence, cases, agreements] = await Promise.all([
      this.models.centers.find({}, { name: 1 }).lean(),
      this.presence.history(sessionId),
      this.models.cases.find({ sessionId }).sort({ createdAt: 1 }).lean(),
      this.models.agreements.find({ sessionId }).sort({ createdAt: 1 }).lean(),
    ]);
    // Each case's opinions, vote and recommendation are found by the case's id.
    const ofCases = <Doc>(read: (caseId: unknown) => Promise<Doc | null>) => Promise.all(cases.map((presented) => read(presented._id)));
    const [opinions, votes, recommendations] = await Promise.all([
      ofCases((caseId) => this.models.caseOpinions.findById(caseId).lean()),
      ofCases((caseId) => this.models.votes.findById(caseId).lean()),
      ofCases((caseId) => this.models.recommendations.findById(caseId).lean()),
    ]);
    const centerName = new Map(centers.map((center) => [idOf(center._id), center.name]));
    return renderMinutesDraft({
      session: { ...session, hostCenterId: idOf(session.hostCenterId) },
      centerName: (centerId) => centerName.get(centerId) ?? centerId,
      joined: presence.filter((mark) => mark.kind === 'join').map((mark) => ({ centerId: idOf(mark.centerId), displayName: mark.displayName })),
      cases: cases.map((presented, index) => ({
        ...presented,
        centerId: idOf(presented.centerId),
        opinions: opinionsOf(opinions[index]!),
        vote: votes[index] ?? null,
        recommendation: recommendations[index] ?? null,
      })),
      agreements: agreements.map((agreement) => ({ ...agreement, responsibleCenterId: idOf(agreement.responsibleCenterId) })),
    });
  }

  /** A working-group meeting's draft: who came (authorities by office, families by first name), its matters and the follow-up of earlier ones. */
  private async workingGroupDraft(session: SessionDoc): Promise<string> {
    const sessionId = idOf(session._id);
    const [centers, presence, guests, raised, earlier, agreements] = await Promise.all([
      this.models.centers.find({}, { name: 1 }).lean(),
      this.presence.history(sessionId),
      this.models.guests.find({ sessionId }, { name: 1, kind: 1, affiliation: 1 }).lean(),
      this.models.matters.find({ sessionId }).sort({ number: 1 }).lean(),
      this.models.matters
        .find({ sessionStartsAt: { $lt: session.startsAt } })
        .sort({ number: 1 })
        .lean(),
      this.models.agreements.find({ sessionId }).sort({ createdAt: 1 }).lean(),
    ]);
    const asked = [...raised, ...earlier].map((matter) => matter._id);
    const answers = asked.length
      ? await this.models.agreements
          .find({ matterId: { $in: asked } })
          .sort({ createdAt: 1 })
          .lean()
      : [];
    const toMinutes = (agreement: (typeof agreements)[number]) => ({ ...agreement, responsibleCenterId: idOf(agreement.responsibleCenterId) });
    const toMatter = (matter: (typeof raised)[number]): MinutesMatter => {
      const own = answers.filter((answer) => idOf(answer.matterId!) === idOf(matter._id));
      return {
        ...matter,
        topic: matter.topic,
        hospitalCenterId: matter.hospitalCenterId ? idOf(matter.hospitalCenterId) : null,
        status: matterStatusOf(own),
        agreements: own.map(toMinutes),
      };
    };
    const centerName = new Map(centers.map((center) => [idOf(center._id), center.name]));
    const entered = new Set(presence.filter((mark) => mark.kind === 'join').map((mark) => idOf(mark.userId)));
    const guestIds = new Set(guests.map((guest) => idOf(guest._id)));
    return renderWorkingGroupMinutes({
      session: { ...session, hostCenterId: idOf(session.hostCenterId) },
      centerName: (centerId) => centerName.get(centerId) ?? centerId,
      joined: presence.filter((mark) => mark.kind === 'join' && !guestIds.has(idOf(mark.userId))).map((mark) => ({ centerId: idOf(mark.centerId), displayName: mark.displayName })),
      guests: guests.filter((guest) => entered.has(idOf(guest._id))),
      matters: raised.map(toMatter),
      followUps: earlier.map(toMatter).filter((matter) => matter.status === 'open'),
      otherAgreements: agreements.filter((agreement) => !agreement.matterId).map(toMinutes),
    });
  }
}
