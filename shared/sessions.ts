import { z } from 'zod';
import { objectIdSchema } from './ids';
import { DEFAULT_TIME_ZONE } from './mexico';
import { isKnownTimeZone } from './time';

/** An IANA time zone that this runtime knows (America/Mexico_City, America/Tijuana, …). */
export const timeZoneSchema = z.string().max(64).refine(isKnownTimeZone, 'must be an IANA time zone such as America/Mexico_City').default(DEFAULT_TIME_ZONE);

/** A wall-clock date and time as typed in a form: 2026-12-01T10:30. */
export const localDateTimeSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'must be a date and time like 2026-12-01T10:30');

/** `working_group`: the network's authorities meet the families of children under treatment; matters, no cases. */
export const sessionKinds = ['case_review', 'training', 'keynote', 'working_group'] as const;
export const sessionKindSchema = z.enum(sessionKinds);
export type SessionKind = z.infer<typeof sessionKindSchema>;

/** Distinct specialties among the experts present that a case recommendation needs, by session kind. */
export const DEFAULT_QUORUM_BY_KIND: Record<SessionKind, number> = { case_review: 3, training: 1, keynote: 1, working_group: 0 };
/** A working-group meeting shows no patient's data: no cases, no case files, no studies. */
export const takesCases = (session: { kind: SessionKind }) => session.kind !== 'working_group';
/** Share of the scheduled duration a participant must be present to be credited. */
export const DEFAULT_CREDIT_THRESHOLD_PERCENT = 80;

/** Hours before the start when case submissions close, for a session scheduled well ahead. */
export const DEFAULT_CASE_CUTOFF_HOURS = 24;
const HOUR_MS = 3_600_000;

/**
 * The case cut-off a session gets unless the coordinator chooses one: 24 h before the start or,
 * for a session less than two days ahead, half the time left (in whole hours, rounded down). So
 * presenters keep at least half of the notice there is, the coordinator up to the other half (at
 * most a day) to read what came in, and the cut-off is never already past: a session called less
 * than two hours ahead takes cases until it starts.
 */
export function defaultCaseCutoffHours(startsAt: Date, now: Date): number {
  const hoursLeft = (startsAt.getTime() - now.getTime()) / HOUR_MS;
  return Math.max(0, Math.min(DEFAULT_CASE_CUTOFF_HOURS, Math.floor(hoursLeft / 2)));
}

/** When case submissions close for a session starting at `startsAt`. */
export const caseCutoffFor = (startsAt: Date, cutoffHours: number): Date => new Date(startsAt.getTime() - cutoffHours * HOUR_MS);

const cutoffHoursSchema = z.number().int().min(0, 'must be 0 or more').max(336, 'must be at most 336 hours (two weeks)');
const quorumSchema = z.number().int().min(0, 'must be 0 or more').max(12, 'must be at most 12');
const creditThresholdSchema = z.number().int().min(10, 'must be at least 10').max(100, 'must be at most 100');

export const sessionStatuses = ['scheduled', 'live', 'ended', 'minutes_approved', 'cancelled'] as const;
export type SessionStatus = (typeof sessionStatuses)[number];
/** A session that took place: ended, with or without approved minutes. */
export const heldStatuses: readonly SessionStatus[] = ['ended', 'minutes_approved'];
export const isHeld = (session: { status: string }) => heldStatuses.includes(session.status as SessionStatus);
/** Kinds whose credited participants receive a certificate. */
export const certifyingKinds: readonly SessionKind[] = ['training', 'keynote'];
export const certifies = (session: { kind: SessionKind }) => certifyingKinds.includes(session.kind);

/** `mortality_review`: a death after a board's recommendation, reviewed to find its causes (its caseId is an earlier session's case). */
export const agendaItemKinds = ['case', 'training_topic', 'agreement_followup', 'keynote', 'mortality_review', 'other'] as const;
export type AgendaItemKind = (typeof agendaItemKinds)[number];

const titleSchema = z
  .string()
  .trim()
  .min(3, 'must have at least 3 characters')
  .max(200, 'must have at most 200 characters')
  .regex(/^[^\p{C}]+$/u, 'must not contain control characters');

export const agendaItemInputSchema = z.object({
  id: z.uuid().optional(),
  kind: z.enum(agendaItemKinds),
  title: titleSchema,
  durationMinutes: z.number().int().min(1, 'must be at least 1 minute').max(240, 'must be at most 240 minutes'),
  caseId: objectIdSchema.optional(),
});
export type AgendaItemInput = z.input<typeof agendaItemInputSchema>;

const scheduleFields = {
  kind: sessionKindSchema,
  title: titleSchema,
  startsAtLocal: localDateTimeSchema,
  timeZone: timeZoneSchema,
  durationMinutes: z.number().int().min(15, 'must be at least 15 minutes').max(480, 'must be at most 8 hours'),
  hostCenterId: objectIdSchema,
  invitedCenterIds: z.array(objectIdSchema).max(200).default([]),
  /** Omitted: defaultCaseCutoffHours for the start, at the time of scheduling. */
  caseCutoffHours: cutoffHoursSchema.optional(),
  /** Omitted: the default of the session's kind. */
  quorumSpecialties: quorumSchema.optional(),
  creditThresholdPercent: creditThresholdSchema.default(DEFAULT_CREDIT_THRESHOLD_PERCENT),
};

export const createSessionRequestSchema = z.object({
  ...scheduleFields,
  agenda: z.array(agendaItemInputSchema).max(60).default([]),
});

/** Editing needs the version the editor saw, so a stale edit is refused instead of overwriting. */
const versionSchema = z.number().int().min(0);

export const rescheduleSessionRequestSchema = z
  .object({
    version: versionSchema,
    title: scheduleFields.title.optional(),
    startsAtLocal: localDateTimeSchema.optional(),
    timeZone: z.string().optional().pipe(timeZoneSchema.optional()),
    durationMinutes: scheduleFields.durationMinutes.optional(),
    hostCenterId: objectIdSchema.optional(),
    invitedCenterIds: z.array(objectIdSchema).max(200).optional(),
    caseCutoffHours: cutoffHoursSchema.optional(),
    quorumSpecialties: quorumSchema.optional(),
    creditThresholdPercent: creditThresholdSchema.optional(),
  })
  .strict();

export const updateAgendaRequestSchema = z.object({
  version: versionSchema,
  agenda: z.array(agendaItemInputSchema).max(60),
});

export const cancelSessionRequestSchema = z.object({
  version: versionSchema,
  reason: z.string().trim().min(3, 'must have at least 3 characters').max(500),
});

export const sessionListQuerySchema = z.object({
  when: z.enum(['upcoming', 'past', 'all']).default('upcoming'),
  kind: sessionKindSchema.optional(),
  centerId: objectIdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export interface AgendaItemDto {
  id: string;
  kind: AgendaItemKind;
  title: string;
  durationMinutes: number;
  /** Derived from the session start and the items before it. */
  startsAt: string;
  caseId?: string;
}

export interface SessionDto {
  id: string;
  number: number;
  kind: SessionKind;
  title: string;
  startsAt: string;
  timeZone: string;
  durationMinutes: number;
  hostCenterId: string;
  invitedCenterIds: string[];
  status: SessionStatus;
  caseCutoffHours: number;
  caseCutoffAt: string;
  quorumSpecialties: number;
  creditThresholdPercent: number;
  agenda: AgendaItemDto[];
  version: number;
  cancelReason?: string;
  /** Set when the session was moved: the start invitees had in their calendars. */
  previousStartsAt?: string;
  createdAt: string;
  updatedAt: string;
}
