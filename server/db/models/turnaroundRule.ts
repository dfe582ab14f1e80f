import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { studyTypes } from '../../../shared/studies';
import { turnaroundSchema } from './study';

/**
 * The laboratories' turnaround per study type as in force from a Mexican calendar day on
 * (YYYY-MM-DD). One rule per day; a handful ever. A study stores the one of the day it was sent.
 */
const turnaroundRuleSchema = new Schema(
  {
    effectiveFrom: { type: String, required: true, unique: true },
    turnarounds: {
      type: new Schema(Object.fromEntries(studyTypes.map((type) => [type, { type: turnaroundSchema, required: true }])), { _id: false }),
      required: true,
    },
    changedBy: { type: Schema.Types.ObjectId, required: true },
    changedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export type TurnaroundRuleDoc = InferSchemaType<typeof turnaroundRuleSchema>;

export function turnaroundRuleModel(connection: Connection) {
  return connection.model('TurnaroundRule', turnaroundRuleSchema);
}
