import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * A coordinator's correction of one person's attendance at one session. Appended, never
 * rewritten: the newest one applies and the earlier ones stay as the history.
 */
const attendanceCorrectionSchema = new Schema(
  {
    sessionId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    credited: { type: Boolean, required: true },
    /** Null keeps the minutes computed from presence. */
    minutesPresent: { type: Number, required: false, default: null },
    reason: { type: String, required: true },
    by: { type: Schema.Types.ObjectId, required: true },
    byName: { type: String, required: true },
    at: { type: Date, required: true, default: () => new Date() },
  },
  { versionKey: false },
);
attendanceCorrectionSchema.index({ sessionId: 1, at: 1 });

export type AttendanceCorrection = InferSchemaType<typeof attendanceCorrectionSchema>;

export function attendanceCorrectionModel(connection: Connection) {
  return connection.model('AttendanceCorrection', attendanceCorrectionSchema);
}
