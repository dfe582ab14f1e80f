import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { matterTopics } from '../../../shared/workingGroup';

/** A matter raised at a working-group meeting; its status is read from its agreements (matterId), never stored. */
const matterSchema = new Schema(
  {
    sessionId: { type: Schema.Types.ObjectId, required: true, index: true },
    sessionNumber: { type: Number, required: true },
    /** The meeting's start, so reports and follow-up lists read matters by day without the sessions. */
    sessionStartsAt: { type: Date, required: true, index: true },
    /** From the counter "matter": numbered across the network in the order raised. */
    number: { type: Number, required: true, unique: true },
    topic: { type: String, required: true, enum: matterTopics },
    state: { type: String, required: true },
    hospitalCenterId: { type: Schema.Types.ObjectId, required: false },
    raisedBy: { type: String, required: true },
    description: { type: String, required: true },
    version: { type: Number, required: true, default: 0 },
    createdBy: { type: Schema.Types.ObjectId, required: true },
  },
  { timestamps: true, versionKey: false },
);

export type Matter = InferSchemaType<typeof matterSchema>;

export function matterModel(connection: Connection) {
  return connection.model('Matter', matterSchema);
}
