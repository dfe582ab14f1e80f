import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * The last minute an instance of the server (its `_id`) was known to be running. After a crash,
 * connections its rooms never saw leave are closed at this time rather than counted as present
 * all along.
 */
const heartbeatSchema = new Schema(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);

export type Heartbeat = InferSchemaType<typeof heartbeatSchema>;

export function heartbeatModel(connection: Connection) {
  return connection.model('Heartbeat', heartbeatSchema);
}
