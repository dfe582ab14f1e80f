import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/** The board's recommendation for one case: one document, changed only through conditional writes. */
const recommendationSchema = new Schema(
  {
    /** The case's id: a case has one, found by `_id`. */
    _id: { type: Schema.Types.ObjectId, required: true },
    sessionId: { type: Schema.Types.ObjectId, required: true, index: true },
    caseId: { type: Schema.Types.ObjectId, required: true },
    text: { type: String, required: true },
    status: { type: String, required: true, enum: ['proposed', 'confirmed'] },
    version: { type: Number, required: true, default: 0 },
    proposedBy: { type: Schema.Types.ObjectId, required: true },
    confirmedBy: { type: Schema.Types.ObjectId, required: false },
    confirmedAt: { type: Date, required: false },
    quorumSpecialties: { type: [String], default: undefined },
    quorumRequired: { type: Number, required: false },
  },
  { timestamps: true, versionKey: false },
);

export type Recommendation = InferSchemaType<typeof recommendationSchema>;

export function recommendationModel(connection: Connection) {
  return connection.model('Recommendation', recommendationSchema);
}
