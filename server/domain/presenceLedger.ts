import { heldStatuses } from '../../shared/sessions';
import { ChunkedList } from '../db/chunkedList';
import type { Models } from '../db/models';
import { MARKS_PER_DOCUMENT, type Attendance, type AttendanceCorrectionDoc, type PresenceMarkDoc } from '../db/models/attendance';
import { errorFields, log } from '../logger';

export interface PresenceInput {
  sessionId: string;
  userId: string;
  centerId: string;
  peerId: string;
  displayName: string;
  kind: 'join' | 'leave';
}

export type PresenceMarkInput = Omit<PresenceInput, 'sessionId'> & { at: Date; instance?: string };

/** The instance of a mark written when one server did everything (and its heartbeat's `_id`). */
export const LONE_INSTANCE = 'server';
export type CorrectionInput = Omit<AttendanceCorrectionDoc, 'userId' | 'by'> & { userId: string; by: string };

/** What a session's attendance record holds: its room's marks and its coordinators' corrections, oldest first. */
export interface AttendanceRecord {
  marks: PresenceMarkDoc[];
  corrections: AttendanceCorrectionDoc[];
}

/**
 * Each session's attendance record: the room's join and leave times, the raw material of
 * attendance, and coordinators' corrections, only ever appended. Marks go MARKS_PER_DOCUMENT to a
 * document (a chunked list), so a join costs the same in a session's first minute as after
 * hundreds of joins and leaves. After each append to a held session's record its
 * `attendanceRevision` rises, so a summary computed from the record before the append is known to
 * be stale (the append comes first, so no summary can miss it and still carry the new revision).
 * Only a held session's summary is ever kept (AttendanceService.centersOf), so while a session is
 * live its revision need not rise: the update then matches nothing and writes nothing, a durable
 * write fewer for every join and leave. A mark appended while the session was live is in the
 * record before it is held, and so in any summary read after.
 */
export class PresenceLedger {
  private readonly marks: ChunkedList<PresenceMarkDoc, Attendance, PresenceMarkInput>;

  constructor(
    private readonly models: Pick<Models, 'attendances' | 'attendanceMarks' | 'sessions'>,
    private readonly now: () => Date = () => new Date(),
    /** Stamped on the marks this instance's rooms write, so that another can close them if it dies. */
    readonly instance: string = LONE_INSTANCE,
  ) {
    this.marks = new ChunkedList(models.attendances, models.attendanceMarks, 'marks', MARKS_PER_DOCUMENT);
  }

  /**
   * Writes one presence mark, at `at` when it happened before it was known (a dropped link that
   * never came back), and resolves once the mark is durable: a room's answer waits for that, not
   * for the session's revision, which (once the session is held) still rises after the mark, so no
   * summary can miss it, but only tells reports to compute again. A failed write is logged, not
   * thrown: losing a presence line must not drop someone from the call.
   */
  async record(event: PresenceInput, at: Date = this.now()): Promise<void> {
    const { sessionId, ...mark } = event;
    try {
      await this.marks.append(sessionId, [{ ...mark, at, instance: this.instance }]);
    } catch (error) {
      log.error('presence event not recorded', { ...event, ...errorFields(error) });
      return;
    }
    this.changed(sessionId).catch((error: unknown) => log.error('attendance revision not raised', { sessionId, ...errorFields(error) }));
  }

  async append(sessionId: string, marks: readonly PresenceMarkInput[]): Promise<void> {
    await this.marks.append(sessionId, marks);
    await this.changed(sessionId);
  }

  async correct(sessionId: string, correction: CorrectionInput): Promise<void> {
    await this.models.attendances.updateOne({ _id: sessionId }, { $push: { corrections: correction } }, { upsert: true, runValidators: true });
    await this.changed(sessionId);
  }

  /** The whole record of a session (empty when nobody entered yet), marks and corrections in the order written. */
  async read(sessionId: string): Promise<AttendanceRecord> {
    const { head, entries } = await this.marks.read(sessionId);
    return { marks: entries, corrections: head?.corrections ?? [] };
  }

  /** The marks in clock order. */
  async history(sessionId: string): Promise<PresenceMarkDoc[]> {
    return (await this.read(sessionId)).marks.sort((a, b) => a.at.getTime() - b.at.getTime());
  }

  private async changed(sessionId: string): Promise<void> {
    await this.models.sessions.updateOne({ _id: sessionId, status: { $in: heldStatuses } }, { $inc: { attendanceRevision: 1 } }, { timestamps: false });
  }
}
