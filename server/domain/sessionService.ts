import { can } from '../../shared/permissions';
import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import type { z } from 'zod';
import type { SessionChange, SessionNews } from '../../shared/events';
import type {
  AgendaItemDto,
  AgendaItemKind,
  cancelSessionRequestSchema,
  createSessionRequestSchema,
  rescheduleSessionRequestSchema,
  SessionDto,
  SessionKind,
  sessionListQuerySchema,
  updateAgendaRequestSchema,
} from '../../shared/sessions';
import { takesPart } from '../../shared/participation';
import { caseCutoffFor, DEFAULT_CREDIT_THRESHOLD_PERCENT, DEFAULT_QUORUM_BY_KIND, defaultCaseCutoffHours, takesCases } from '../../shared/sessions';
import { zonedWallTimeToUtc } from '../../shared/time';
import type { Models } from '../db/models';
import { nextValue } from '../db/models/counter';
import type { Session } from '../db/models/session';
import { errorFields, log } from '../logger';
import { authorize, type Actor } from './actor';
import type { AuditLog } from './auditLog';
import type { CenterService } from './centerService';
import { idOf } from './documents';
import { KeptReads } from './keptReads';
import { AppError, forbidden, notFound } from './errors';

export type SessionDoc = Session & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
/** Who a session is for: all that decides whether someone may see it. */
type Audience = Pick<SessionDoc, '_id' | 'hostCenterId' | 'invitedCenterIds'>;
/** How long who a session is for is trusted without reading it again (a change forgets it at once). */
export const AUDIENCE_KEPT_MS = 10_000;
type AgendaInput = z.output<typeof updateAgendaRequestSchema>['agenda'];
const HOUR_MS = 60 * 60_000;

/**
 * Tells everyone who may see a session what changed in it; the realtime layer provides it. With
 * `formerCenterIds` (the centres that took part before a change of centres), the centres added
 * hear that they were invited, and those dropped that they no longer see the session.
 */
export type SessionNotifier = (news: SessionNews, formerCenterIds?: string[]) => void;

/** A scheduling, change or cancellation, with the session as it was before a change. */
export interface SessionMailChange {
  change: 'scheduled' | 'rescheduled' | 'cancelled';
  session: SessionDto;
  before?: SessionDto;
}

/** Hears the same changes for the email notices; returns at once and never throws (see SessionNotices). */
export type SessionMail = (change: SessionMailChange) => void;

/** Who hears of a session's changes: its audiences in the app, its mail, and every instance (its centres changed). */
export interface SessionTellers {
  session?: SessionNotifier;
  mail?: SessionMail;
  audience?: (sessionId: string) => void;
}

const centersOf = (session: Pick<SessionDoc, 'hostCenterId' | 'invitedCenterIds'>) => [session.hostCenterId, ...session.invitedCenterIds].map(idOf);

export function toSessionDto(session: SessionDoc): SessionDto {
  let offsetMs = 0;
  const agenda: AgendaItemDto[] = session.agenda.map((item) => {
    const dto: AgendaItemDto = {
      id: item.id,
      kind: item.kind,
      title: item.title,
      durationMinutes: item.durationMinutes,
      startsAt: new Date(session.startsAt.getTime() + offsetMs).toISOString(),
      ...(item.caseId ? { caseId: idOf(item.caseId) } : {}),
    };
    offsetMs += item.durationMinutes * 60_000;
    return dto;
  });
  return {
    id: idOf(session._id),
    number: session.number,
    kind: session.kind,
    title: session.title,
    startsAt: session.startsAt.toISOString(),
    timeZone: session.timeZone,
    durationMinutes: session.durationMinutes,
    hostCenterId: idOf(session.hostCenterId),
    invitedCenterIds: session.invitedCenterIds.map(idOf),
    status: session.status,
    caseCutoffHours: session.caseCutoffHours,
    caseCutoffAt: caseCutoffFor(session.startsAt, session.caseCutoffHours).toISOString(),
    // Sessions stored before these settings existed take the network defaults.
    quorumSpecialties: session.quorumSpecialties ?? DEFAULT_QUORUM_BY_KIND[session.kind],
    creditThresholdPercent: session.creditThresholdPercent ?? DEFAULT_CREDIT_THRESHOLD_PERCENT,
    agenda,
    version: session.version,
    ...(session.cancelReason ? { cancelReason: session.cancelReason } : {}),
    ...(session.previousStartsAt ? { previousStartsAt: session.previousStartsAt.toISOString() } : {}),
    createdAt: session.createdAt.toISOString(),
    updatedAt: session.updatedAt.toISOString(),
  };
}

function startFrom(local: string, timeZone: string, now: Date): Date {
  const startsAt = zonedWallTimeToUtc(local, timeZone);
  if (!startsAt) throw new AppError('invalid_input', 'startsAtLocal: that date and time do not exist', 'startsAtLocal');
  if (startsAt.getTime() <= now.getTime()) throw new AppError('invalid_input', 'startsAtLocal: must be in the future', 'startsAtLocal');
  return startsAt;
}

/** Agenda items that show a patient's data, which a working-group meeting never has. */
const caseItemKinds: readonly AgendaItemKind[] = ['case', 'mortality_review'];

function agendaFrom(items: AgendaInput, durationMinutes: number, kind: SessionKind) {
  if (!takesCases({ kind }) && items.some((item) => caseItemKinds.includes(item.kind))) {
    throw new AppError('invalid_input', 'agenda: a working-group meeting has no case or death-review items (no patient’s data is shown there)', 'agenda');
  }
  const total = items.reduce((sum, item) => sum + item.durationMinutes, 0);
  if (total > durationMinutes) {
    throw new AppError('invalid_input', `agenda: its items take ${total} min, more than the session's ${durationMinutes} min`, 'agenda');
  }
  return items.map((item) => ({
    id: item.id ?? randomUUID(),
    kind: item.kind,
    title: item.title,
    durationMinutes: item.durationMinutes,
    ...(item.caseId ? { caseId: new Types.ObjectId(item.caseId) } : {}),
  }));
}

/** Scheduling of sessions by coordinators, and who may see which session. */
export class SessionService {
  constructor(
    private readonly models: Pick<Models, 'sessions' | 'counters'>,
    private readonly centers: CenterService,
    private readonly audit: AuditLog,
    private readonly tell: SessionTellers = {},
    private readonly now: () => Date = () => new Date(),
  ) {}

  private readonly audiences = new KeptReads<Audience>(AUDIENCE_KEPT_MS);

  private notify(...news: Parameters<SessionNotifier>): void {
    this.tell.session?.(...news);
  }

  private mail(change: SessionMailChange): void {
    this.tell.mail?.(change);
  }

  /** Coordinators and administrators see every session; an invited guest their own; others those their centre hosts or is invited to. */
  canSee(actor: Actor, session: { _id: { toString(): string }; hostCenterId: unknown; invitedCenterIds: unknown[] }): boolean {
    if (actor.guest) return actor.guest.sessionId === idOf(session._id);
    if (can(actor, 'sessions.seeAll')) return true;
    return takesPart(session, actor.centerId);
  }

  async list(actor: Actor, query: z.output<typeof sessionListQuerySchema>): Promise<SessionDto[]> {
    const filter: Record<string, unknown> = {};
    const now = this.now();
    if (query.when === 'upcoming') filter.startsAt = { $gte: new Date(now.getTime() - 12 * HOUR_MS) };
    if (query.when === 'past') filter.startsAt = { $lt: now };
    if (query.kind) filter.kind = query.kind;
    const sessions = await this.models.sessions
      .find(filter)
      .sort({ startsAt: query.when === 'past' ? -1 : 1 })
      .lean<SessionDoc[]>();
    const centerId = query.centerId;
    return sessions
      .filter((session) => this.canSee(actor, session))
      .filter((session) => !centerId || takesPart(session, centerId))
      .filter((session) => query.when !== 'upcoming' || session.startsAt.getTime() + session.durationMinutes * 60_000 >= now.getTime())
      .slice(0, query.limit)
      .map(toSessionDto);
  }

  async get(actor: Actor, id: string): Promise<SessionDto> {
    return toSessionDto(await this.visible(actor, id));
  }

  /**
   * The stored session, when it exists and the actor's centre takes part (or they coordinate). To
   * an invited guest any other session than theirs does not exist: their link reveals nothing else.
   */
  async visible(actor: Actor, id: string): Promise<SessionDoc> {
    if (actor.guest && actor.guest.sessionId !== id) throw notFound('session');
    const session = await this.models.sessions.findById(id).lean<SessionDoc>();
    return this.seenBy(actor, session);
  }

  /**
   * Refuses as `visible` does, for a request that needs nothing else of the session (a case, its
   * files, the minutes): who the session is for is read once for a burst of such requests, a
   * series of images or a room's panels (see KeptReads), and forgotten on every instance when a
   * rescheduling changes its centres.
   */
  async requireVisible(actor: Actor, id: string): Promise<void> {
    if (actor.guest && actor.guest.sessionId !== id) throw notFound('session');
    const audience = await this.audiences.read(id, async () => (await this.models.sessions.findById(id, { hostCenterId: 1, invitedCenterIds: 1 }).lean<Audience>()) ?? undefined);
    this.seenBy(actor, audience);
  }

  /** A rescheduling changed the session's centres, here or on another instance. */
  forgetAudience(id: string): void {
    this.audiences.forget((_, key) => key === id);
  }

  private seenBy<S extends Audience>(actor: Actor, session: S | null | undefined): S {
    if (!session) throw notFound('session');
    if (!this.canSee(actor, session)) throw forbidden('your centre is not invited to this session');
    return session;
  }

  async create(actor: Actor, input: z.output<typeof createSessionRequestSchema>): Promise<SessionDto> {
    authorize(actor, 'sessions.schedule');
    const startsAt = startFrom(input.startsAtLocal, input.timeZone, this.now());
    const agenda = agendaFrom(input.agenda, input.durationMinutes, input.kind);
    await this.centers.requireSessionCenters([input.hostCenterId], 'hostCenterId');
    await this.centers.requireSessionCenters(input.invitedCenterIds, 'invitedCenterIds');
    const created = await this.models.sessions.create({
      number: await nextValue(this.models.counters, 'session'),
      kind: input.kind,
      title: input.title,
      startsAt,
      timeZone: input.timeZone,
      durationMinutes: input.durationMinutes,
      hostCenterId: input.hostCenterId,
      invitedCenterIds: [...new Set(input.invitedCenterIds)],
      caseCutoffHours: input.caseCutoffHours ?? defaultCaseCutoffHours(startsAt, this.now()),
      quorumSpecialties: input.quorumSpecialties ?? DEFAULT_QUORUM_BY_KIND[input.kind],
      creditThresholdPercent: input.creditThresholdPercent,
      agenda,
      createdBy: actor.id,
    });
    const dto = toSessionDto(created.toObject<SessionDoc>());
    await this.audit.record(actor, 'create', 'session', dto.id, `sesión ${dto.number}: ${dto.title}`, { startsAt: dto.startsAt });
    this.notify({ session: dto, change: 'scheduled', byUserId: actor.id });
    this.mail({ change: 'scheduled', session: dto });
    return dto;
  }

  async reschedule(actor: Actor, id: string, input: z.output<typeof rescheduleSessionRequestSchema>): Promise<SessionDto> {
    authorize(actor, 'sessions.schedule');
    const current = await this.editable(id);
    const set: Record<string, unknown> = {};
    const timeZone = input.timeZone ?? current.timeZone;
    if (input.startsAtLocal) {
      const startsAt = startFrom(input.startsAtLocal, timeZone, this.now());
      if (startsAt.getTime() !== current.startsAt.getTime()) Object.assign(set, { startsAt, previousStartsAt: current.startsAt });
    }
    if (input.title) set.title = input.title;
    if (input.timeZone) set.timeZone = input.timeZone;
    if (input.caseCutoffHours !== undefined) set.caseCutoffHours = input.caseCutoffHours;
    if (input.quorumSpecialties !== undefined) set.quorumSpecialties = input.quorumSpecialties;
    if (input.creditThresholdPercent !== undefined) set.creditThresholdPercent = input.creditThresholdPercent;
    if (input.durationMinutes) {
      agendaFrom(
        current.agenda.map((item) => ({ ...item, caseId: undefined })),
        input.durationMinutes,
        current.kind,
      );
      set.durationMinutes = input.durationMinutes;
    }
    if (input.hostCenterId) {
      await this.centers.requireSessionCenters([input.hostCenterId], 'hostCenterId');
      set.hostCenterId = input.hostCenterId;
    }
    if (input.invitedCenterIds) {
      await this.centers.requireSessionCenters(input.invitedCenterIds, 'invitedCenterIds');
      set.invitedCenterIds = [...new Set(input.invitedCenterIds)];
    }
    const dto = await this.write(id, input.version, set);
    if (set.hostCenterId || set.invitedCenterIds) {
      this.forgetAudience(id);
      this.tell.audience?.(id);
    }
    await this.audit.record(actor, 'reschedule', 'session', id, `sesión ${dto.number}`, { ...input, version: undefined });
    this.notify({ session: dto, change: 'rescheduled', byUserId: actor.id }, set.hostCenterId || set.invitedCenterIds ? centersOf(current) : undefined);
    this.mail({ change: 'rescheduled', session: dto, before: toSessionDto(current) });
    return dto;
  }

  async updateAgenda(actor: Actor, id: string, input: z.output<typeof updateAgendaRequestSchema>): Promise<SessionDto> {
    authorize(actor, 'sessions.schedule');
    return this.saveAgenda(actor, await this.editable(id), input.version, input.agenda);
  }

  /**
   * Adds an item that another use case puts on a scheduled session's agenda (a death for review),
   * within the session's time and bumping its version like a coordinator's edit, so an agenda
   * open in an editor is reloaded rather than saved over it. The caller has checked the actor's right.
   */
  async appendToAgenda(actor: Actor, id: string, item: AgendaInput[number] & { id: string }): Promise<SessionDto> {
    const current = await this.editable(id);
    const kept = current.agenda.map(({ id: itemId, kind, title, durationMinutes, caseId }) => ({
      id: itemId,
      kind,
      title,
      durationMinutes,
      ...(caseId ? { caseId: idOf(caseId) } : {}),
    }));
    return this.saveAgenda(actor, current, current.version, [...kept, item]);
  }

  async cancel(actor: Actor, id: string, input: z.output<typeof cancelSessionRequestSchema>): Promise<SessionDto> {
    authorize(actor, 'sessions.schedule');
    await this.editable(id);
    const dto = await this.write(id, input.version, { status: 'cancelled', cancelReason: input.reason });
    await this.audit.record(actor, 'cancel', 'session', id, `sesión ${dto.number}`, { reason: input.reason });
    this.notify({ session: dto, change: 'cancelled', byUserId: actor.id });
    this.mail({ change: 'cancelled', session: dto });
    return dto;
  }

  /**
   * Tells of a change made elsewhere (a case, the room, the minutes, an agreement) with the session
   * as it now is: read again, unless the caller holds it already and its change left it as it was
   * (a case's). The change is saved by then: failing to tell it is logged, not the request's failure.
   */
  async announce(session: string | SessionDoc, change: SessionChange, by: Actor | undefined): Promise<void> {
    const sessionId = typeof session === 'string' ? session : idOf(session._id);
    try {
      const current = typeof session === 'string' ? await this.models.sessions.findById(sessionId).lean<SessionDoc>() : session;
      if (current) this.notify({ session: toSessionDto(current), change, byUserId: by?.id ?? null });
    } catch (error) {
      log.error('session news not told', { sessionId, change, ...errorFields(error) });
    }
  }

  private async saveAgenda(actor: Actor, current: SessionDoc, version: number, items: AgendaInput): Promise<SessionDto> {
    const dto = await this.write(idOf(current._id), version, { agenda: agendaFrom(items, current.durationMinutes, current.kind) });
    await this.audit.record(actor, 'update_agenda', 'session', dto.id, `orden del día de la sesión ${dto.number}`, { items: items.map((item) => item.title) });
    this.notify({ session: dto, change: 'agenda', byUserId: actor.id });
    return dto;
  }

  private async editable(id: string): Promise<SessionDoc> {
    const session = await this.models.sessions.findById(id).lean<SessionDoc>();
    if (!session) throw notFound('session');
    if (session.status !== 'scheduled') throw new AppError('conflict', `the session is ${session.status} and can no longer be changed`);
    return session;
  }

  /** One conditional write: it applies only to the version the editor saw. */
  private async write(id: string, version: number, set: Record<string, unknown>): Promise<SessionDto> {
    const updated = await this.models.sessions
      .findOneAndUpdate({ _id: id, version, status: 'scheduled' }, { $set: set, $inc: { version: 1 } }, { returnDocument: 'after', runValidators: true })
      .lean<SessionDoc>();
    if (!updated) {
      throw new AppError('conflict', 'someone else changed this session meanwhile; reload it to see their changes', 'version');
    }
    return toSessionDto(updated);
  }
}
