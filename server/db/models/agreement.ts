import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { agreementStatuses } from '../../../shared/agreements';

const followUpSchema = new Schema(
  {
    at: { type: Date, required: true },
    by: { type: Schema.Types.ObjectId, required: true },
    byName: { type: String, required: true },
    sessionId: { type: Schema.Types.ObjectId, required: false },
    note: { type: String, required: true },
  },
  { _id: false },
);

/** An action item agreed at a session, followed up session after session until done. */
const agreementSchema = new Schema(
  {
    sessionId: { type: Schema.Types.ObjectId, required: true, index: true },
    sessionNumber: { type: Number, required: true },
    sessionStartsAt: { type: Date, required: true },
    caseId: { type: Schema.Types.ObjectId, required: false },
    /** The working-group matter it answers. */
    matterId: { type: Schema.Types.ObjectId, required: false, index: true },
    text: { type: String, required: true },
    responsibleCenterId: { type: Schema.Types.ObjectId, required: true },
    responsiblePerson: { type: String, default: '' },
    /** A calendar day, YYYY-MM-DD: strings of this form sort and compare as dates. */
    dueDate: { type: String, required: true },
    status: { type: String, required: true, enum: agreementStatuses, default: 'pending' },
    followUps: { type: [followUpSchema], default: [] },
    version: { type: Number, required: true, default: 0 },
    createdBy: { type: Schema.Types.ObjectId, required: true },
  },
  { timestamps: true, versionKey: false },
);
agreementSchema.index({ status: 1, sessionStartsAt: 1 });

export type Agreement = InferSchemaType<typeof agreementSchema>;

export function agreementModel(connection: Connection) {
  return connection.model('Agreement', agreementSchema);
}
