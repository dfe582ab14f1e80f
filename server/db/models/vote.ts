import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { voteChoices } from '../../../shared/votes';

const ballotSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    choice: { type: String, required: true, enum: voteChoices },
    at: { type: Date, required: true },
  },
  { _id: false },
);

/** The board's vote on one case: one document; a ballot is pushed only if its voter has none yet. */
const voteSchema = new Schema(
  {
    /** The case's id: a case has one, found by `_id`. */
    _id: { type: Schema.Types.ObjectId, required: true },
    sessionId: { type: Schema.Types.ObjectId, required: true, index: true },
    caseId: { type: Schema.Types.ObjectId, required: true },
    question: { type: String, required: true },
    open: { type: Boolean, required: true, default: true },
    ballots: { type: [ballotSchema], default: [] },
    openedBy: { type: Schema.Types.ObjectId, required: true },
  },
  { timestamps: true, versionKey: false },
);

export type Vote = InferSchemaType<typeof voteSchema>;

export function voteModel(connection: Connection) {
  return connection.model('Vote', voteSchema);
}
