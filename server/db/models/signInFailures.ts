import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * Recent failed sign-ins of one key (an email or a client address), keyed by the sha256 of the
 * throttle's name and the key (neither is stored): every instance counts the same tries.
 */
const signInFailuresSchema = new Schema(
  {
    _id: { type: String, required: true },
    /** When each failed, in milliseconds since the epoch, oldest first. */
    failures: { type: [Number], default: [] },
  },
  { versionKey: false },
);

export type SignInFailures = InferSchemaType<typeof signInFailuresSchema>;

export function signInFailuresModel(connection: Connection) {
  return connection.model('SignInFailures', signInFailuresSchema, 'signinfailures');
}
