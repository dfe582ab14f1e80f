import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * A signed-in browser, keyed by the sha256 of its cookie token (the token itself is never
 * stored): every request finds its session by `_id`. It belongs to an account (`userId`) or to an
 * invited guest who entered by their link (`guestId`).
 */
const authSessionSchema = new Schema(
  {
    _id: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: false, index: true },
    guestId: { type: Schema.Types.ObjectId, required: false, index: { sparse: true } },
    expiresAt: { type: Date, required: true },
  },
  { timestamps: true, versionKey: false },
);

export type AuthSession = InferSchemaType<typeof authSessionSchema>;

export function authSessionModel(connection: Connection) {
  return connection.model('AuthSession', authSessionSchema);
}
