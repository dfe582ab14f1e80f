import { Schema, type Connection, type Model } from 'mongoose';

/** Named sequences (session numbers): one atomic $inc per number handed out. */
const counterSchema = new Schema({ _id: { type: String, required: true }, value: { type: Number, required: true } }, { versionKey: false });

export interface Counter {
  _id: string;
  value: number;
}

export function counterModel(connection: Connection): Model<Counter> {
  return connection.models.Counter ?? connection.model('Counter', counterSchema);
}

export async function nextValue(counters: Model<Counter>, name: string): Promise<number> {
  const counter = await counters.findOneAndUpdate({ _id: name }, { $inc: { value: 1 } }, { upsert: true, new: true }).lean();
  return counter!.value;
}
