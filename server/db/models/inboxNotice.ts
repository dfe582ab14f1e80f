import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { noticeKinds } from '../../../shared/notices';

/**
 * One notice to one person as the app lists it (the home page's "Avisos"), whether or not it is
 * also emailed. `key` is the outbox's key of the same news, so it is listed once.
 */
const inboxNoticeSchema = new Schema(
  {
    key: { type: String, required: true, unique: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, required: true, enum: noticeKinds },
    /** The values its sentence is made of; the client words it by kind in the person's language. */
    params: { type: Schema.Types.Mixed, required: true },
    link: { type: String, required: true },
    at: { type: Date, required: true },
    readAt: { type: Date, default: null },
  },
  { versionKey: false, minimize: false },
);
// A person's list, newest first; and their unread ones.
inboxNoticeSchema.index({ userId: 1, at: -1 });
inboxNoticeSchema.index({ userId: 1, readAt: 1 });

export type InboxNotice = InferSchemaType<typeof inboxNoticeSchema>;

export function inboxNoticeModel(connection: Connection) {
  return connection.model('InboxNotice', inboxNoticeSchema, 'inbox');
}
