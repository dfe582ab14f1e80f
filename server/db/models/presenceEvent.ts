import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * One line of the room presence ledger: who entered or left which session's room, and when.
 * Attendance is computed from these later; they are only ever appended.
 */
const presenceEventSchema = new Schema(
  {
    sessionId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    centerId: { type: Schema.Types.ObjectId, required: true },
    peerId: { type: String, required: true },
    displayName: { type: String, required: true },
    kind: { type: String, enum: ['join', 'leave'], required: true },
    at: { type: Date, required: true, default: () => new Date() },
  },
  { versionKey: false },
);
presenceEventSchema.index({ sessionId: 1, at: 1 });

export type PresenceEvent = InferSchemaType<typeof presenceEventSchema>;

export function presenceEventModel(connection: Connection) {
  return connection.model('PresenceEvent', presenceEventSchema);
}
