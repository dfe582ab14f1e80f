import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/** A signed-in browser: only the sha256 of its cookie token is stored. */
const authSessionSchema = new Schema(
  {
    tokenHash: { type: String, required: true, unique: true },
    userId: { type: Schema.Types.ObjectId, required: true, index: true },
    expiresAt: { type: Date, required: true },
  },
  { timestamps: true, versionKey: false },
);

export type AuthSession = InferSchemaType<typeof authSessionSchema>;

export function authSessionModel(connection: Connection) {
  return connection.model('AuthSession', authSessionSchema);
}
