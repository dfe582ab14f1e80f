import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { followThroughStatuses, outcomeCheckpoints, patientCourses } from '../../../shared/followUp';

/** What the referring centre says came of the recommendation; a later record replaces it. */
const followThroughSchema = new Schema(
  {
    status: { type: String, required: true, enum: followThroughStatuses },
    reason: { type: String, default: '' },
    decidedOn: { type: String, required: true },
    recordedBy: { type: Schema.Types.ObjectId, required: true },
    recordedAt: { type: Date, required: true },
  },
  { _id: false },
);

/** The patient's course at one checkpoint (months after the confirmation). */
const outcomeSchema = new Schema(
  {
    months: { type: Number, required: true, enum: outcomeCheckpoints },
    course: { type: String, required: true, enum: patientCourses },
    assessedOn: { type: String, required: true },
    diedOn: { type: String, default: '' },
    causeOfDeath: { type: String, default: '' },
    notes: { type: String, default: '' },
    recordedBy: { type: Schema.Types.ObjectId, required: true },
    recordedAt: { type: Date, required: true },
  },
  { _id: false },
);

/** The later session whose agenda has the death for review, and the item it is. */
const mortalityReviewSchema = new Schema(
  {
    sessionId: { type: Schema.Types.ObjectId, required: true },
    agendaItemId: { type: String, required: true },
    requestedBy: { type: Schema.Types.ObjectId, required: true },
    requestedAt: { type: Date, required: true },
  },
  { _id: false },
);

/**
 * What came of a case's confirmed recommendation: one document per case (`_id` is the case's id,
 * like its recommendation), changed only through writes conditional on `version`.
 */
const followUpSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    followThrough: { type: followThroughSchema, default: null },
    outcomes: { type: [outcomeSchema], default: [] },
    mortalityReview: { type: mortalityReviewSchema, default: null },
    version: { type: Number, required: true, default: 0 },
  },
  { timestamps: true, versionKey: false },
);

export type FollowUp = InferSchemaType<typeof followUpSchema>;

export function followUpModel(connection: Connection) {
  return connection.model('FollowUp', followUpSchema);
}
