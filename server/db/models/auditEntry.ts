import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/** Who changed what, and when: appended by every write of clinical or organisational data. */
const auditEntrySchema = new Schema(
  {
    actorId: { type: Schema.Types.ObjectId, required: false },
    action: { type: String, required: true },
    entity: { type: String, required: true },
    entityId: { type: String, required: true },
    summary: { type: String, default: '' },
    changes: { type: Schema.Types.Mixed, default: {} },
    at: { type: Date, required: true, default: () => new Date() },
  },
  { versionKey: false },
);
auditEntrySchema.index({ entity: 1, entityId: 1, at: 1 });

export type AuditEntry = InferSchemaType<typeof auditEntrySchema>;

export function auditEntryModel(connection: Connection) {
  return connection.model('AuditEntry', auditEntrySchema);
}
