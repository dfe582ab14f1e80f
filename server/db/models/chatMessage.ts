import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/** A chat line of a session's room, kept with the session. */
const chatMessageSchema = new Schema(
  {
    sessionId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    displayName: { type: String, required: true },
    centerId: { type: Schema.Types.ObjectId, required: true },
    text: { type: String, required: true },
    at: { type: Date, required: true, default: () => new Date() },
  },
  { versionKey: false },
);
chatMessageSchema.index({ sessionId: 1, at: 1 });

export type ChatMessage = InferSchemaType<typeof chatMessageSchema>;

export function chatMessageModel(connection: Connection) {
  return connection.model('ChatMessage', chatMessageSchema);
}
