import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { agendaItemKinds, sessionKinds, sessionStatuses } from '../../../shared/sessions';

const agendaItemSchema = new Schema(
  {
    id: { type: String, required: true },
    kind: { type: String, required: true, enum: agendaItemKinds },
    title: { type: String, required: true },
    durationMinutes: { type: Number, required: true },
    caseId: { type: Schema.Types.ObjectId, required: false },
  },
  { _id: false },
);

/**
 * A scheduled telemedicine session. `version` rises with every edit; writes are conditional on
 * it, so two coordinators editing at once cannot silently overwrite each other.
 */
const sessionSchema = new Schema(
  {
    number: { type: Number, required: true, unique: true },
    kind: { type: String, required: true, enum: sessionKinds },
    title: { type: String, required: true },
    startsAt: { type: Date, required: true, index: true },
    timeZone: { type: String, required: true },
    durationMinutes: { type: Number, required: true },
    hostCenterId: { type: Schema.Types.ObjectId, required: true },
    invitedCenterIds: { type: [Schema.Types.ObjectId], default: [] },
    status: { type: String, required: true, enum: sessionStatuses, default: 'scheduled' },
    caseCutoffHours: { type: Number, required: true, default: 24 },
    quorumSpecialties: { type: Number, required: false },
    creditThresholdPercent: { type: Number, required: false },
    agenda: { type: [agendaItemSchema], default: [] },
    version: { type: Number, required: true, default: 0 },
    cancelReason: { type: String, required: false },
    previousStartsAt: { type: Date, required: false },
    /** When the coordinator ended it: attendance counts up to here. */
    endedAt: { type: Date, required: false },
    /** The agenda item the room is on, and since when: set by the coordinator during the session. */
    currentAgendaItemId: { type: String, required: false },
    currentAgendaItemStartedAt: { type: Date, required: false },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    /** Rises with every change to the session's attendance: summaries computed before it are stale. */
    attendanceRevision: { type: Number, required: true, default: 0 },
  },
  { timestamps: true, versionKey: false },
);

export type Session = InferSchemaType<typeof sessionSchema>;

export function sessionModel(connection: Connection) {
  return connection.model('Session', sessionSchema);
}
