import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { guestKinds } from '../../../shared/guests';

/**
 * A person without an account invited to one session. Their link's token is kept only as its
 * sha256 (`tokenHash`); a new link replaces it, a revocation stops it.
 */
const guestSchema = new Schema(
  {
    sessionId: { type: Schema.Types.ObjectId, required: true, index: true },
    name: { type: String, required: true },
    kind: { type: String, required: true, enum: guestKinds },
    affiliation: { type: String, default: '' },
    email: { type: String, required: false },
    tokenHash: { type: String, required: true, unique: true },
    invitedBy: { type: Schema.Types.ObjectId, required: true },
    invitedByName: { type: String, required: true },
    revokedAt: { type: Date, required: false },
    firstUsedAt: { type: Date, required: false },
    lastUsedAt: { type: Date, required: false },
    emailed: { type: Boolean, default: false },
  },
  { timestamps: true, versionKey: false },
);

export type Guest = InferSchemaType<typeof guestSchema>;

export function guestModel(connection: Connection) {
  return connection.model('Guest', guestSchema);
}
