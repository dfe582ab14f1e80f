import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * The network's commitments to families as in force from a Mexican calendar day on (YYYY-MM-DD):
 * days to diagnosis from referral, days to treatment from diagnosis. One rule per day; a handful ever.
 */
const commitmentRuleSchema = new Schema(
  {
    effectiveFrom: { type: String, required: true, unique: true },
    diagnosisDays: { type: Number, required: true },
    treatmentDays: { type: Number, required: true },
    changedBy: { type: Schema.Types.ObjectId, required: true },
    changedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export type CommitmentRuleDoc = InferSchemaType<typeof commitmentRuleSchema>;

export function commitmentRuleModel(connection: Connection) {
  return connection.model('CommitmentRule', commitmentRuleSchema);
}
