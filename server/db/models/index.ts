import type { Connection } from 'mongoose';
import { presenceEventModel } from './presenceEvent';

/** Every model of the app, bound to one connection. */
export function registerModels(connection: Connection) {
  return {
    presenceEvents: presenceEventModel(connection),
  };
}

export type Models = ReturnType<typeof registerModels>;
