import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { studyTypes } from '../../../shared/studies';

/** A turnaround commitment: so many hours, or so many Mexico City calendar days. */
export const turnaroundSchema = new Schema({ amount: { type: Number, required: true }, unit: { type: String, required: true, enum: ['hours', 'days'] } }, { _id: false });

/** The laboratory's report: one PDF in the case files' store. */
const studyReportSchema = new Schema(
  {
    fileId: { type: Schema.Types.ObjectId, required: true },
    filename: { type: String, required: true },
    size: { type: Number, required: true },
    sha256: { type: String, required: true },
    uploadedAt: { type: Date, required: true },
    uploadedBy: { type: Schema.Types.ObjectId, required: true },
  },
  { _id: false },
);

/**
 * A study of a case's sample at a reference laboratory: sent, received, resulted. The case code is
 * copied here so a laboratory's list needs nothing of the case; the turnaround is the one in force
 * when the study was sent.
 */
const studySchema = new Schema(
  {
    caseId: { type: Schema.Types.ObjectId, required: true, index: true },
    caseCode: { type: String, required: true },
    sessionId: { type: Schema.Types.ObjectId, required: true, index: true },
    sendingCenterId: { type: Schema.Types.ObjectId, required: true },
    laboratoryId: { type: Schema.Types.ObjectId, required: true, index: true },
    type: { type: String, required: true, enum: studyTypes },
    description: { type: String, default: '' },
    turnaround: { type: turnaroundSchema, required: true },
    sentAt: { type: Date, required: true },
    sentBy: { type: Schema.Types.ObjectId, required: true },
    receivedAt: { type: Date, default: null },
    receivedBy: { type: Schema.Types.ObjectId, default: null },
    resultedAt: { type: Date, default: null },
    resultedBy: { type: Schema.Types.ObjectId, default: null },
    summary: { type: String, default: '' },
    report: { type: studyReportSchema, default: null },
  },
  { timestamps: true, versionKey: false },
);

export type Study = InferSchemaType<typeof studySchema>;

export function studyModel(connection: Connection) {
  return connection.model('Study', studySchema);
}
