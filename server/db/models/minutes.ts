import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/** A session's minutes: one document, written only by conditional updates on `version`. */
const minutesSchema = new Schema(
  {
    sessionId: { type: Schema.Types.ObjectId, required: true, unique: true },
    status: { type: String, required: true, enum: ['draft', 'approved'], default: 'draft' },
    text: { type: String, required: true },
    version: { type: Number, required: true, default: 0 },
    editedBy: { type: Schema.Types.ObjectId, required: true },
    approvedBy: { type: Schema.Types.ObjectId, required: false },
    approvedAt: { type: Date, required: false },
  },
  { timestamps: true, versionKey: false },
);

export type Minutes = InferSchemaType<typeof minutesSchema>;

export function minutesModel(connection: Connection): Model<Minutes> {
  return connection.models.Minutes ?? connection.model('Minutes', minutesSchema);
}
