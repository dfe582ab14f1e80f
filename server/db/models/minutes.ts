import { Schema, type Connection, type InferSchemaType } from 'mongoose';

const correctionSchema = new Schema(
  {
    version: { type: Number, required: true },
    text: { type: String, required: true },
    by: { type: Schema.Types.ObjectId, required: true },
    byName: { type: String, required: true },
    at: { type: Date, required: true },
    reason: { type: String, required: true },
  },
  { _id: false },
);

/**
 * A session's minutes: one document, written only by conditional updates on `version`. Once
 * approved, `text` is frozen; corrections are appended, each with its own full text.
 */
const minutesSchema = new Schema(
  {
    /** The session's id: a session has one, found by `_id`. */
    _id: { type: Schema.Types.ObjectId, required: true },
    sessionId: { type: Schema.Types.ObjectId, required: true },
    status: { type: String, required: true, enum: ['draft', 'approved'], default: 'draft' },
    text: { type: String, required: true },
    version: { type: Number, required: true, default: 0 },
    editedBy: { type: Schema.Types.ObjectId, required: true },
    approvedBy: { type: Schema.Types.ObjectId, required: false },
    approvedAt: { type: Date, required: false },
    corrections: { type: [correctionSchema], default: [] },
  },
  { timestamps: true, versionKey: false },
);

export type Minutes = InferSchemaType<typeof minutesSchema>;

export function minutesModel(connection: Connection) {
  return connection.model('Minutes', minutesSchema);
}
