import { Schema, type Connection } from 'mongoose';

/** Named sequences (session numbers): one atomic $inc per number handed out. */
const counterSchema = new Schema({ _id: { type: String, required: true }, value: { type: Number, required: true } }, { versionKey: false });

export interface Counter {
  _id: string;
  value: number;
}

export function counterModel(connection: Connection) {
  return connection.model('Counter', counterSchema);
}

export async function nextValue(counters: ReturnType<typeof counterModel>, name: string): Promise<number> {
  const counter = await counters.findOneAndUpdate({ _id: name }, { $inc: { value: 1 } }, { upsert: true, returnDocument: 'after' }).lean();
  return counter.value;
}
