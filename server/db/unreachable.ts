import { mongo } from 'mongoose';

/** Socket errors the driver may pass on unwrapped when the database's end of the link goes away. */
const BROKEN_LINK = new Set(['EPIPE', 'ECONNRESET']);
const NOTHING_LISTENING = new Set(['ECONNREFUSED', 'ENOENT']);

/**
 * True for errors that say the database could not be reached (it is restarting, or the link
 * dropped), as opposed to errors in what was asked: the request may simply be tried again.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  if (
    error instanceof mongo.MongoNetworkError ||
    error instanceof mongo.MongoServerSelectionError ||
    error instanceof mongo.MongoNotConnectedError ||
    error instanceof mongo.MongoTopologyClosedError ||
    (error instanceof mongo.MongoError && error.hasErrorLabel('RetryableWriteError'))
  ) {
    return true;
  }
  const { code, syscall } = (error ?? {}) as NodeJS.ErrnoException;
  return typeof code === 'string' && (BROKEN_LINK.has(code) || (NOTHING_LISTENING.has(code) && syscall === 'connect'));
}
