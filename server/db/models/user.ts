import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { noticeKinds } from '../../../shared/notices';
import { accountRoles } from '../../../shared/roles';

const userSchema = new Schema(
  {
    name: { type: String, required: true },
    email: { type: String, required: true, unique: true },
    passwordHash: { type: String, required: true },
    roles: { type: [{ type: String, enum: accountRoles }], required: true },
    centerId: { type: Schema.Types.ObjectId, required: true, index: true },
    specialty: { type: String, default: '' },
    active: { type: Boolean, required: true, default: true },
    /** The kinds of email notice this person turned off. */
    emailOptOut: { type: [{ type: String, enum: noticeKinds }], default: [] },
  },
  { timestamps: true, versionKey: false },
);

export type User = InferSchemaType<typeof userSchema>;

export function userModel(connection: Connection) {
  return connection.model('User', userSchema);
}
