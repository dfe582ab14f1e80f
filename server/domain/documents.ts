import { isDuplicateKey } from '../db/failures';
import { AppError } from './errors';

/** A duplicate-key error from a unique index: the one field it names is already taken. */
export function duplicateKeyError(error: unknown, field: string, what: string): AppError | undefined {
  if (isDuplicateKey(error)) {
    return new AppError('conflict', `${what} already exists`, field);
  }
  return undefined;
}

/** Ids travel as strings; this is the one place they become strings. */
export const idOf = (value: { toString(): string }) => value.toString();
