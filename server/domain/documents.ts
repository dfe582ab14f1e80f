import { mongo } from 'mongoose';
import { AppError } from './errors';

/** A write refused by a unique index. */
export function isDuplicateKey(error: unknown): boolean {
  return error instanceof mongo.MongoServerError && error.code === 11000;
}

/** A duplicate-key error from a unique index: the one field it names is already taken. */
export function duplicateKeyError(error: unknown, field: string, what: string): AppError | undefined {
  if (isDuplicateKey(error)) {
    return new AppError('conflict', `${what} already exists`, field);
  }
  return undefined;
}

/** Ids travel as strings; this is the one place they become strings. */
export const idOf = (value: { toString(): string }) => value.toString();
