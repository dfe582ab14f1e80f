import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * A PDF written in the background by one instance and read by whichever instance the page asks
 * next; its bytes, once written, are a file of the `pdfjobs` bucket (FileStore).
 */
const pdfJobSchema = new Schema(
  {
    _id: { type: String, required: true },
    ownerId: { type: String, required: true },
    /** The same document asked for again joins this job. */
    key: { type: String, required: true },
    filename: { type: String, required: true },
    status: { type: String, enum: ['running', 'done', 'failed'], required: true },
    progress: { type: Number, required: true },
    error: { type: String },
    fileId: { type: Schema.Types.ObjectId },
    /** The instance writing it, and when it last said how far it got: a job silent too long died with its instance. */
    instance: { type: String, required: true },
    updatedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export type PdfJobDoc = InferSchemaType<typeof pdfJobSchema>;

export function pdfJobModel(connection: Connection) {
  return connection.model('PdfJob', pdfJobSchema, 'pdfjobs');
}
