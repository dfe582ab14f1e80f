import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { opinionCategories, opinionStances } from '../../../shared/opinions';

/** One expert's opinion on one case: a single document, rewritten atomically as they type. */
const opinionSchema = new Schema(
  {
    sessionId: { type: Schema.Types.ObjectId, required: true },
    caseId: { type: Schema.Types.ObjectId, required: true },
    authorId: { type: Schema.Types.ObjectId, required: true },
    authorName: { type: String, required: true },
    centerId: { type: Schema.Types.ObjectId, required: true },
    specialty: { type: String, default: '' },
    category: { type: String, required: true, enum: opinionCategories },
    stance: { type: String, required: true, enum: opinionStances },
    text: { type: String, default: '' },
    published: { type: Boolean, required: true, default: false },
  },
  { timestamps: true, versionKey: false },
);
opinionSchema.index({ caseId: 1, authorId: 1 }, { unique: true });

export type Opinion = InferSchemaType<typeof opinionSchema>;

export function opinionModel(connection: Connection) {
  return connection.model('Opinion', opinionSchema);
}
