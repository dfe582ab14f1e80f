import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { opinionCategories, opinionStances } from '../../../shared/opinions';

/** One expert's opinion on the case: rewritten as they type, published once they say so. */
const opinionSchema = new Schema(
  {
    authorName: { type: String, required: true },
    centerId: { type: Schema.Types.ObjectId, required: true },
    specialty: { type: String, default: '' },
    category: { type: String, required: true, enum: opinionCategories },
    stance: { type: String, required: true, enum: opinionStances },
    text: { type: String, default: '' },
    published: { type: Boolean, required: false },
    updatedAt: { type: Date, required: true },
  },
  { _id: false },
);

/**
 * The experts' opinions on one case, keyed by the case's id, one entry per author keyed by the
 * author's id: the room reads a case's opinions with one `_id` read, and each keystroke pause
 * writes the author's own entry with one atomic update.
 */
const caseOpinionsSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    sessionId: { type: Schema.Types.ObjectId, required: true },
    byAuthor: { type: Map, of: opinionSchema, default: {} },
  },
  { versionKey: false },
);

export type Opinion = InferSchemaType<typeof opinionSchema>;

export function caseOpinionsModel(connection: Connection) {
  return connection.model('CaseOpinions', caseOpinionsSchema);
}
