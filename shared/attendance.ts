import { z } from 'zod';
import type { GuestKind } from './guests';
import { calendarDaySchema } from './agreements';
import { objectIdSchema } from './ids';

/** A stretch of time someone was in the session's room, ISO instants. */
export interface IntervalDto {
  from: string;
  to: string;
}

/** What a coordinator set by hand over the computed figures, and why. */
export interface AttendanceCorrectionDto {
  credited: boolean;
  minutesPresent: number | null;
  reason: string;
  byName: string;
  at: string;
}

export interface AttendanceEntryDto {
  /** An account's id, or an invited guest's. */
  userId: string;
  name: string;
  /** A guest's: their session's host centre. */
  centerId: string;
  /** Set for an invited guest, who is listed and never given a certificate. */
  guest: { kind: GuestKind; affiliation: string } | null;
  /** Merged: several tabs or reconnections never count twice. */
  intervals: IntervalDto[];
  firstJoinAt: string | null;
  lastLeaveAt: string | null;
  /** Computed from the intervals, before any correction. */
  computedMinutes: number;
  /** The figures that count: the correction's when there is one. */
  minutesPresent: number;
  percentOfSession: number;
  credited: boolean;
  correction: AttendanceCorrectionDto | null;
  /** Set once a certificate was issued for this entry. */
  certificateCode: string | null;
}

export interface AttendanceLedgerDto {
  sessionId: string;
  sessionNumber: number;
  durationMinutes: number;
  creditThresholdPercent: number;
  /** Presence counts inside this window: from the start to the end (or now, while it runs). */
  window: IntervalDto;
  /** Trainings and keynotes give certificates to those credited. */
  certifies: boolean;
  /** Only once the session ended are the figures final. */
  final: boolean;
  entries: AttendanceEntryDto[];
}

export const correctAttendanceRequestSchema = z.object({
  userId: objectIdSchema,
  credited: z.boolean(),
  minutesPresent: z.number().int().min(0).max(1440).nullable().default(null),
  reason: z.string().trim().min(3, 'must have at least 3 characters').max(500, 'must have at most 500 characters'),
});

/** A certificate as the public verification page shows it: whose and for which session, nothing else. */
export interface CertificateVerificationDto {
  code: string;
  name: string;
  sessionNumber: number;
  sessionTitle: string;
  sessionKind: 'training' | 'keynote';
  sessionDate: string;
  issuedAt: string;
  revoked: boolean;
}

/** Codes are 12 characters of an alphabet without look-alikes, shown in groups of four. */
export const CERTIFICATE_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const certificateCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(new RegExp(`^[${CERTIFICATE_CODE_ALPHABET}]{4}-[${CERTIFICATE_CODE_ALPHABET}]{4}-[${CERTIFICATE_CODE_ALPHABET}]{4}$`), 'must look like ABCD-EFGH-JKMN');

const MAX_RANGE_YEARS = 10;

/** Date range and centre of an export or report, as Mexican calendar days (inclusive). */
export const dateRangeQuerySchema = z
  .object({
    from: calendarDaySchema,
    to: calendarDaySchema,
    centerId: objectIdSchema.optional(),
  })
  .refine((range) => range.from <= range.to, { message: 'must not be after the end date', path: ['from'] })
  .refine((range) => Number(range.to.slice(0, 4)) - Number(range.from.slice(0, 4)) <= MAX_RANGE_YEARS, {
    message: `must be at most ${MAX_RANGE_YEARS} years before the end date`,
    path: ['from'],
  });
export type DateRangeQuery = z.output<typeof dateRangeQuerySchema>;

/** A training or keynote where the signed-in person is credited: a certificate to download. */
export interface MyCertificateDto {
  sessionId: string;
  number: number;
  title: string;
  kind: 'training' | 'keynote';
  startsAt: string;
  minutesPresent: number;
  /** Null until it is first downloaded. */
  code: string | null;
}
