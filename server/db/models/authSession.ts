import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * A signed-in browser, keyed by the sha256 of its cookie token (the token itself is never
 * stored): every request finds its session by `_id`.
 */
const authSessionSchema = new Schema(
  {
    _id: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true, index: true },
    expiresAt: { type: Date, required: true },
  },
  { timestamps: true, versionKey: false },
);

export type AuthSession = InferSchemaType<typeof authSessionSchema>;

export function authSessionModel(connection: Connection) {
  return connection.model('AuthSession', authSessionSchema);
}
