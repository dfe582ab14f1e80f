import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { centerKinds } from '../../../shared/centers';
import { mexicanStateCodes } from '../../../shared/mexico';

const centerSchema = new Schema(
  {
    code: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    state: { type: String, required: true, enum: mexicanStateCodes },
    kind: { type: String, required: true, enum: centerKinds },
    active: { type: Boolean, required: true, default: true },
  },
  { timestamps: true, versionKey: false },
);

export type Center = InferSchemaType<typeof centerSchema>;

export function centerModel(connection: Connection) {
  return connection.model('Center', centerSchema);
}
