import { Schema, type Connection, type InferSchemaType } from 'mongoose';

const chatLineSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    displayName: { type: String, required: true },
    centerId: { type: Schema.Types.ObjectId, required: true },
    text: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);

/**
 * The chat of one session's room, kept with the session: one document per session, keyed by its
 * id (bucket pattern), its lines appended in the order said. Entering a room reads it by `_id`.
 */
const chatSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    lines: { type: [chatLineSchema], default: [] },
  },
  { versionKey: false },
);

export type ChatLine = InferSchemaType<typeof chatLineSchema>;

export function chatModel(connection: Connection) {
  return connection.model('Chat', chatSchema);
}
