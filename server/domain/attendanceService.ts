import { can } from '../../shared/permissions';
import type { Types } from 'mongoose';
import type { AttendanceEntryDto, AttendanceLedgerDto, correctAttendanceRequestSchema } from '../../shared/attendance';
import { certifies, DEFAULT_CREDIT_THRESHOLD_PERCENT, heldStatuses, isHeld } from '../../shared/sessions';
import type { z } from 'zod';
import type { Models } from '../db/models';
import { authorize, type Actor } from './actor';
import type { AuditLog } from './auditLog';
import { idOf } from './documents';
import { AppError } from './errors';
import { presenceIntervals, totalMs, type Interval, type PresenceMark } from './presenceIntervals';
import type { PresenceLedger } from './presenceLedger';
import type { SessionDoc, SessionService } from './sessionService';

const MINUTE_MS = 60_000;
const SUMMARY_BATCH = 20;
export function creditThresholdOf(session: Pick<SessionDoc, 'creditThresholdPercent'>): number {
  return session.creditThresholdPercent ?? DEFAULT_CREDIT_THRESHOLD_PERCENT;
}

/** Presence counts from the start to the end; while the session runs, up to now. */
export function attendanceWindow(session: Pick<SessionDoc, 'startsAt' | 'durationMinutes' | 'status' | 'endedAt'>, now: Date): Interval {
  const from = session.startsAt;
  if (session.endedAt) return { from, to: session.endedAt > from ? session.endedAt : from };
  if (isHeld(session)) return { from, to: new Date(from.getTime() + session.durationMinutes * MINUTE_MS) };
  return { from, to: now > from ? now : from };
}

/** Whole minutes completed count; credit is at least the threshold share of the scheduled duration. */
export function isCredited(minutesPresent: number, durationMinutes: number, thresholdPercent: number): boolean {
  return minutesPresent * 100 >= thresholdPercent * durationMinutes;
}

/** One person's attendance at one session, as the server keeps working with it. */
export interface AttendanceRow extends Omit<AttendanceEntryDto, 'intervals'> {
  sessionId: string;
  intervals: Interval[];
}

type Correction = { userId: Types.ObjectId; credited: boolean; minutesPresent?: number | null; reason: string; byName: string; at: Date };
type Person = { marks: PresenceMark[]; name: string; centerId: string; correction: Correction | null; guest: AttendanceEntryDto['guest'] };

/** One centre's attendance at one session, as the reports count it. */
export interface CenterAttendance {
  centerId: string;
  /** People present at least a minute, or credited by a correction. */
  attendances: number;
  credited: number;
}

/**
 * The attendance ledger: merged presence per person from the room's join/leave lines, minutes
 * present, credit against the session's threshold, and coordinators' corrections with reasons.
 */
export class AttendanceService {
  constructor(
    private readonly models: Pick<Models, 'sessions' | 'users' | 'guests' | 'certificates' | 'attendanceSummaries'>,
    private readonly presence: PresenceLedger,
    private readonly sessions: SessionService,
    private readonly audit: AuditLog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Attendance of several sessions at once, keyed by session id (reports and exports). */
  async rowsOf(sessions: readonly SessionDoc[]): Promise<Map<string, AttendanceRow[]>> {
    // Only trainings and keynotes have certificates: case reviews need not look for them.
    const certifying = sessions.filter(certifies).map((session) => session._id);
    const [records, certificates] = await Promise.all([
      Promise.all(sessions.map((session) => this.presence.read(idOf(session._id)))),
      certifying.length ? this.models.certificates.find({ sessionId: { $in: certifying }, revokedAt: null }, { sessionId: 1, userId: 1, code: 1 }).lean() : [],
    ]);
    const userIds = [...new Set(records.flatMap((record) => [...record.marks, ...record.corrections].map((line) => idOf(line.userId))))];
    // Invited guests are recorded like accounts, by their own id; they are named as the guests collection has them.
    const [accounts, guests] = await Promise.all([
      this.models.users.find({ _id: { $in: userIds } }, { name: 1, centerId: 1 }).lean(),
      this.models.guests.find({ _id: { $in: userIds } }, { name: 1, kind: 1, affiliation: 1 }).lean(),
    ]);
    const users = new Map(accounts.map((user) => [idOf(user._id), user]));
    const guestOf = new Map(guests.map((guest) => [idOf(guest._id), guest]));
    const codes = new Map(certificates.map((certificate) => [`${idOf(certificate.sessionId)}:${idOf(certificate.userId)}`, certificate.code]));

    const result = new Map<string, AttendanceRow[]>();
    for (const [index, session] of sessions.entries()) {
      const sessionId = idOf(session._id);
      const record = records[index]!;
      const window = attendanceWindow(session, this.now());
      const people = new Map<string, Person>();
      const personOf = (userId: string, fallback: { name: string; centerId: string }) => {
        let person = people.get(userId);
        if (!person) {
          const user = users.get(userId);
          const guest = guestOf.get(userId);
          // The centre they took part for, as the room recorded it; someone only added by hand counts for their own.
          const centerId = fallback.centerId || (user ? idOf(user.centerId) : '');
          person = {
            marks: [],
            name: user?.name ?? guest?.name ?? fallback.name,
            centerId,
            correction: null,
            guest: guest ? { kind: guest.kind, affiliation: guest.affiliation } : null,
          };
          people.set(userId, person);
        }
        return person;
      };
      for (const mark of record.marks) {
        personOf(idOf(mark.userId), { name: mark.displayName, centerId: idOf(mark.centerId) }).marks.push(mark);
      }
      // Oldest first: the newest correction is the one left standing.
      const corrections = [...record.corrections].sort((a, b) => a.at.getTime() - b.at.getTime());
      for (const correction of corrections) personOf(idOf(correction.userId), { name: '', centerId: '' }).correction = correction;
      result.set(
        sessionId,
        [...people]
          .map(([userId, person]) => this.row(session, window, userId, person, codes.get(`${sessionId}:${userId}`) ?? null))
          .sort((a, b) => a.name.localeCompare(b.name, 'es')),
      );
    }
    return result;
  }

  async ledger(actor: Actor, sessionId: string): Promise<AttendanceLedgerDto> {
    const session = await this.sessions.visible(actor, sessionId);
    const rows = (await this.rowsOf([session])).get(sessionId) ?? [];
    const window = attendanceWindow(session, this.now());
    return {
      sessionId,
      sessionNumber: session.number,
      durationMinutes: session.durationMinutes,
      creditThresholdPercent: creditThresholdOf(session),
      window: { from: window.from.toISOString(), to: window.to.toISOString() },
      certifies: certifies(session),
      final: isHeld(session),
      entries: rows.filter((row) => this.mayRead(actor, row)).map(toEntryDto),
    };
  }

  /** A coordinator's correction: appended with its reason, audited; a certificate follows the credit. */
  async correct(actor: Actor, sessionId: string, input: z.output<typeof correctAttendanceRequestSchema>): Promise<AttendanceEntryDto> {
    authorize(actor, 'attendance.correct');
    const session = await this.sessions.visible(actor, sessionId);
    // Anyone with an account, or a guest invited to this session (a speaker whose link failed, a family member who joined by phone).
    const [account, guest] = await Promise.all([this.models.users.exists({ _id: input.userId }), this.models.guests.exists({ _id: input.userId, sessionId })]);
    if (!account && !guest) throw new AppError('invalid_input', 'userId: no such account, nor a guest of this session', 'userId');
    await this.presence.correct(sessionId, { ...input, minutesPresent: input.minutesPresent ?? null, by: actor.id, byName: actor.name, at: this.now() });
    const holderKey = `${sessionId}:${input.userId}`;
    await this.models.certificates.updateOne(
      { holderKey, revokedAt: input.credited ? { $ne: null } : null },
      input.credited ? { $unset: { revokedAt: 1 } } : { $set: { revokedAt: this.now() } },
    );
    await this.audit.record(actor, 'correct', 'attendance', sessionId, `asistencia corregida: ${input.reason}`, {
      userId: input.userId,
      credited: input.credited,
      minutesPresent: input.minutesPresent,
    });
    const row = (await this.rowsOf([session])).get(sessionId)!.find((candidate) => candidate.userId === input.userId)!;
    return toEntryDto(row);
  }

  /**
   * Each held session's attendance per centre, for the reports: read from the session's summary
   * while it matches the session's attendance revision, otherwise computed from the record and
   * kept as the new summary, labelled with the revision read before the record was. A session not
   * held yet is computed from its record every time and no summary is kept for it: its revision
   * does not rise while it is live (PresenceLedger).
   */
  async centersOf(sessions: readonly SessionDoc[]): Promise<Map<string, CenterAttendance[]>> {
    // Summaries are small: all are read, rather than matched one by one against a long `$in`.
    const summaries = new Map((await this.models.attendanceSummaries.find().lean()).map((summary) => [idOf(summary._id), summary]));
    const result = new Map<string, CenterAttendance[]>();
    const stale: SessionDoc[] = [];
    for (const session of sessions) {
      const summary = summaries.get(idOf(session._id));
      if (summary && isHeld(session) && summary.revision === session.attendanceRevision) {
        result.set(idOf(session._id), unpackCenters(summary.centers));
      } else stale.push(session);
    }
    // A few records at a time: after an upgrade every held session's summary is computed once.
    for (let start = 0; start < stale.length; start += SUMMARY_BATCH) {
      const batch = stale.slice(start, start + SUMMARY_BATCH);
      for (const [sessionId, rows] of await this.rowsOf(batch)) {
        const centers = centerFigures(rows);
        result.set(sessionId, centers);
        const session = batch.find((candidate) => idOf(candidate._id) === sessionId)!;
        if (!isHeld(session)) continue;
        await this.models.attendanceSummaries.updateOne({ _id: sessionId }, { $set: { revision: session.attendanceRevision, centers: packCenters(centers) } }, { upsert: true });
      }
    }
    return result;
  }

  /** Brings every held session's summary up to date: run at start, so no report after an upgrade waits for them. */
  async summarizeHeld(): Promise<number> {
    const held = await this.models.sessions.find({ status: { $in: heldStatuses } }).lean<SessionDoc[]>();
    return (await this.centersOf(held)).size;
  }

  /** One person's row, or null when they neither came nor were added by a correction. */
  async rowFor(session: SessionDoc, userId: string): Promise<AttendanceRow | null> {
    return (await this.rowsOf([session])).get(idOf(session._id))?.find((row) => row.userId === userId) ?? null;
  }

  /** Coordinators and admins read everyone; others read the people of their own centre. */
  mayRead(actor: Actor, row: Pick<AttendanceRow, 'centerId' | 'userId'>): boolean {
    return row.userId === actor.id || can(actor, 'attendance.read', row.centerId);
  }

  private row(session: SessionDoc, window: Interval, userId: string, person: Person, certificateCode: string | null): AttendanceRow {
    const intervals = presenceIntervals(person.marks, window);
    const computedMinutes = Math.floor(totalMs(intervals) / MINUTE_MS);
    const { correction } = person;
    const minutesPresent = correction?.minutesPresent ?? computedMinutes;
    const joins = person.marks.filter((mark) => mark.kind === 'join').map((mark) => mark.at.getTime());
    const leaves = person.marks.filter((mark) => mark.kind === 'leave').map((mark) => mark.at.getTime());
    return {
      sessionId: idOf(session._id),
      userId,
      name: person.name,
      centerId: person.centerId,
      guest: person.guest,
      intervals,
      firstJoinAt: joins.length ? new Date(Math.min(...joins)).toISOString() : null,
      // Joined again after the last leave: still in the room (or never left before it closed).
      lastLeaveAt: leaves.length && Math.max(...leaves) >= Math.max(...joins) ? new Date(Math.max(...leaves)).toISOString() : null,
      computedMinutes,
      minutesPresent,
      percentOfSession: Math.min(100, Math.round((minutesPresent * 100) / session.durationMinutes)),
      credited: correction ? correction.credited : isCredited(computedMinutes, session.durationMinutes, creditThresholdOf(session)),
      correction: correction
        ? {
            credited: correction.credited,
            minutesPresent: correction.minutesPresent ?? null,
            reason: correction.reason,
            byName: correction.byName,
            at: correction.at.toISOString(),
          }
        : null,
      certificateCode,
    };
  }
}

const packCenters = (centers: readonly CenterAttendance[]) => centers.map((center) => `${center.centerId}:${center.attendances}:${center.credited}`).join(' ');
function unpackCenters(packed: string): CenterAttendance[] {
  return packed
    .split(' ')
    .filter(Boolean)
    .map((entry) => {
      const [centerId, attendances, credited] = entry.split(':');
      return { centerId: centerId!, attendances: Number(attendances), credited: Number(credited) };
    });
}

/** Per centre: those present at least a minute or credited, and those credited. */
function centerFigures(rows: readonly AttendanceRow[]): CenterAttendance[] {
  const byCenter = new Map<string, CenterAttendance>();
  for (const row of rows) {
    // A guest is counted by their session, not as one of its host centre's people.
    if (row.guest || (row.minutesPresent === 0 && !row.credited)) continue;
    const figures = byCenter.get(row.centerId) ?? { centerId: row.centerId, attendances: 0, credited: 0 };
    figures.attendances += 1;
    if (row.credited) figures.credited += 1;
    byCenter.set(row.centerId, figures);
  }
  return [...byCenter.values()];
}

function toEntryDto(row: AttendanceRow): AttendanceEntryDto {
  const { sessionId: _sessionId, intervals, ...rest } = row;
  return { ...rest, intervals: intervals.map(({ from, to }) => ({ from: from.toISOString(), to: to.toISOString() })) };
}
