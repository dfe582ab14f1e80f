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

/** How many chat lines one document holds (db/chunkedList.ts): a line said costs the same in a long session. */
export const LINES_PER_DOCUMENT = 100;

/**
 * The chat of one session's room, kept with the session: keyed by its id (bucket pattern), its
 * lines appended in the order said, the first LINES_PER_DOCUMENT here and later ones in
 * `chatLines` documents (a chunked list). Entering a room reads the latest by `_id`.
 */
const chatSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    lines: { type: [chatLineSchema], default: [] },
    appended: { type: Number },
    chunks: { type: Number },
  },
  { versionKey: false },
);

/** A session's later chat lines: `_id` is `<sessionId>/<number>`. */
const chatLinesSchema = new Schema(
  {
    _id: { type: String, required: true },
    lines: { type: [chatLineSchema], default: [] },
    appended: { type: Number, required: true },
  },
  { versionKey: false },
);

export type ChatLine = InferSchemaType<typeof chatLineSchema>;
export type Chat = InferSchemaType<typeof chatSchema>;

export function chatModel(connection: Connection) {
  return connection.model('Chat', chatSchema);
}

export function chatLinesModel(connection: Connection) {
  return connection.model('ChatLines', chatLinesSchema);
}
