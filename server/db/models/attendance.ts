import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { chunkedDocuments } from '../chunkedList';

/** One line of the room presence ledger: who entered or left the room, and when. */
const presenceMarkSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    centerId: { type: Schema.Types.ObjectId, required: true },
    peerId: { type: String, required: true },
    displayName: { type: String, required: true },
    kind: { type: String, enum: ['join', 'leave'], required: true },
    at: { type: Date, required: true },
    /** The server instance whose room recorded it (none before there were several: `LONE_INSTANCE`). */
    instance: { type: String },
  },
  { _id: false },
);

/** A coordinator's correction of one person's attendance: the newest applies, the earlier ones stay as history. */
const attendanceCorrectionSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    credited: { type: Boolean, required: true },
    /** Null keeps the minutes computed from presence. */
    minutesPresent: { type: Number, required: false, default: null },
    reason: { type: String, required: true },
    by: { type: Schema.Types.ObjectId, required: true },
    byName: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { _id: false },
);

/** How many presence marks one document holds (db/chunkedList.ts): a join's mark costs the same after hundreds. */
export const MARKS_PER_DOCUMENT = 32;

/**
 * The attendance record of one session, keyed by the session's id (bucket pattern): its room's
 * join and leave lines and the coordinators' corrections, only ever appended. Its first
 * MARKS_PER_DOCUMENT marks are here, later ones in `attendanceMarks` documents (a chunked list),
 * each read by `_id`, which every MongoDB-compatible server answers from its index.
 */
const attendanceSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    marks: { type: [presenceMarkSchema], default: [] },
    appended: { type: Number },
    chunks: { type: Number },
    corrections: { type: [attendanceCorrectionSchema], default: [] },
  },
  { versionKey: false },
);

/** A session's later presence marks: `_id` is `<sessionId>/<number>`. */
const attendanceMarksSchema = new Schema(
  {
    _id: { type: String, required: true },
    marks: { type: [presenceMarkSchema], default: [] },
    appended: { type: Number, required: true },
  },
  { versionKey: false },
);

export type Attendance = InferSchemaType<typeof attendanceSchema>;
export type PresenceMarkDoc = InferSchemaType<typeof presenceMarkSchema>;
export type AttendanceCorrectionDoc = InferSchemaType<typeof attendanceCorrectionSchema>;

export function attendanceModel(connection: Connection) {
  return connection.model('Attendance', attendanceSchema);
}

export function attendanceMarksModel(connection: Connection) {
  return connection.model('AttendanceMarks', attendanceMarksSchema);
}

/** Presence lines written one per join or leave (seeds) laid out as the ledger keeps them: the documents of each collection. */
export function attendanceRecordsOf<Line extends { sessionId: unknown }>(lines: readonly Line[]) {
  type Marks = { sessionId: Line['sessionId']; marks: Omit<Line, 'sessionId'>[] };
  const bySession = new Map<string, Marks>();
  for (const { sessionId, ...mark } of lines) {
    const key = String(sessionId);
    const record: Marks = bySession.get(key) ?? { sessionId, marks: [] };
    record.marks.push(mark);
    bySession.set(key, record);
  }
  const laidOut = [...bySession.values()].map(({ sessionId, marks }) => chunkedDocuments(sessionId, 'marks', marks, MARKS_PER_DOCUMENT));
  return { attendances: laidOut.map(({ head }) => head), attendanceMarks: laidOut.flatMap(({ rest }) => rest) };
}
