import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * What the reports need of one held session's attendance, per centre (computed pattern), keyed by
 * the session's id. It was computed from the session's attendance at `revision`: it stands while
 * the session's `attendanceRevision` is the same, and is computed again when it is not.
 */
const attendanceSummarySchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    revision: { type: Number, required: true },
    /**
     * Per centre `centerId:attendances:credited`, space-separated. One packed value rather than
     * an array of objects: the reports read every summary, and FerretDB decodes each stored value
     * on its own (about 8 µs apiece: 0.55 s for ten years as objects, a few ms packed).
     */
    centers: { type: String, required: true, default: '' },
  },
  { versionKey: false },
);

export type AttendanceSummary = InferSchemaType<typeof attendanceSummarySchema>;

export function attendanceSummaryModel(connection: Connection) {
  return connection.model('AttendanceSummary', attendanceSummarySchema);
}
