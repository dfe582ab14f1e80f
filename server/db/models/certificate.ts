import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * A certificate of attendance (constancia): one per person and session, found by its public
 * verification code. What it certifies is copied in, so the verification page shows what was issued.
 */
const certificateSchema = new Schema(
  {
    code: { type: String, required: true, unique: true },
    /** `${sessionId}:${userId}`: unique, so two requests at once still issue one certificate. */
    holderKey: { type: String, required: true, unique: true },
    sessionId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    centerName: { type: String, required: true },
    minutesPresent: { type: Number, required: true },
    issuedAt: { type: Date, required: true, default: () => new Date() },
    revokedAt: { type: Date, required: false },
  },
  { versionKey: false },
);

export type Certificate = InferSchemaType<typeof certificateSchema>;

export function certificateModel(connection: Connection) {
  return connection.model('Certificate', certificateSchema);
}
