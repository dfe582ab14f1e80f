import { MicrophoneLost } from '../media/mediaSession';
import { RequestError } from './socket';

/** What the UI shows of a failure in the room: a translation key with its values, and the field to blame. */
export interface RoomProblem {
  key: string;
  values?: Record<string, string>;
  field?: string;
}

/**
 * Whether receiving failed because its sender stopped or left between the announcement and the
 * page's request (the server no longer has the producer, or the consumer it made for it): nothing
 * the person asked for failed, so the room says nothing.
 */
export function stoppedMeanwhile(error: unknown): boolean {
  return error instanceof RequestError && error.code === 'not_found' && (error.field === 'producerId' || error.field === 'consumerId');
}

export function problemFrom(error: unknown): RoomProblem {
  if (error instanceof MicrophoneLost) return { key: 'room.microphoneLost' };
  if (error instanceof RequestError) return { key: error.reason ? `errors.reasons.${error.reason}` : `errors.${error.code}`, values: { message: error.message } };
  return { key: 'errors.media_error', values: { message: error instanceof Error ? error.message : String(error) } };
}
