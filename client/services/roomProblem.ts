import { RequestError } from './socket';

/** What the UI shows of a failure in the room: a translation key with its values, and the field to blame. */
export interface RoomProblem {
  key: string;
  values?: Record<string, string>;
  field?: string;
}

export function problemFrom(error: unknown): RoomProblem {
  if (error instanceof RequestError) return { key: error.reason ? `errors.reasons.${error.reason}` : `errors.${error.code}`, values: { message: error.message } };
  return { key: 'errors.media_error', values: { message: error instanceof Error ? error.message : String(error) } };
}
