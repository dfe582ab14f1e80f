import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { noticeKinds } from '../../../shared/notices';
import { calendarMethods } from '../../notices/ics';

export const noticeStatuses = ['pending', 'sending', 'sent', 'failed'] as const;

/**
 * One email to one person, from the moment it is decided until it is sent or given up (the
 * outbox). `key` names what it tells and to whom, so the same news is never queued twice.
 */
const noticeSchema = new Schema(
  {
    key: { type: String, required: true, unique: true },
    kind: { type: String, required: true, enum: noticeKinds },
    subjectId: { type: String, required: true },
    subjectVersion: { type: Number, required: true },
    userId: { type: Schema.Types.ObjectId, required: true, index: true },
    to: { type: String, required: true },
    subject: { type: String, required: true },
    text: { type: String, required: true },
    html: { type: String, required: true },
    /** An iCalendar file, and the METHOD it carries (REQUEST, CANCEL). */
    calendar: { type: new Schema({ method: { type: String, required: true, enum: calendarMethods }, content: { type: String, required: true } }, { _id: false }), required: false },
    status: { type: String, required: true, enum: noticeStatuses, default: 'pending' },
    attempts: { type: Number, required: true, default: 0 },
    nextAttemptAt: { type: Date, required: true },
    /** While `sending`: the sender holding it, and until when; past it another sender may take it over. */
    claimToken: { type: String, required: false },
    leaseUntil: { type: Date, required: false },
    lastError: { type: String, required: false },
    sentAt: { type: Date, required: false },
  },
  { timestamps: true, versionKey: false },
);
noticeSchema.index({ status: 1, nextAttemptAt: 1 });

export type Notice = InferSchemaType<typeof noticeSchema>;

export function noticeModel(connection: Connection) {
  return connection.model('Notice', noticeSchema, 'notices');
}
