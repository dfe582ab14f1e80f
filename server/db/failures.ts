import mongoose, { mongo, type Connection, type Schema } from 'mongoose';
import { isDatabaseUnreachable } from './unreachable';

/** A write refused by a unique index. */
export function isDuplicateKey(error: unknown): boolean {
  return error instanceof mongo.MongoServerError && error.code === 11000;
}

/** A batch of writes whose only refusals are keys already there (two servers writing the same at once). */
export function onlyDuplicateKeys(error: unknown): boolean {
  if (isDuplicateKey(error)) return true;
  return error instanceof mongo.MongoBulkWriteError && [error.writeErrors].flat().every((writeError) => writeError.code === 11000);
}

/**
 * An operation the database failed or could not be reached for, as opposed to one refused for what
 * it asked: an invalid document or id is mongoose's own refusal, and a duplicate key is a conflict
 * the domain answers.
 */
export function isDatabaseFailure(error: unknown): boolean {
  if (isDuplicateKey(error)) return false;
  return (
    error instanceof mongo.MongoError ||
    isDatabaseUnreachable(error) ||
    error instanceof mongoose.Error.MongooseServerSelectionError ||
    // What mongoose queued while it had no connection, and gave up on.
    (error instanceof mongoose.Error && error.message.includes('buffering timed out'))
  );
}

/** The query operations mongoose runs middleware for (see countFailures for the others). */
const QUERY_OPERATIONS = [
  'countDocuments',
  'distinct',
  'estimatedDocumentCount',
  'find',
  'findOne',
  'findOneAndDelete',
  'findOneAndReplace',
  'findOneAndUpdate',
  'replaceOne',
  'updateMany',
  'updateOne',
  'deleteMany',
  'deleteOne',
] as const;

/** Failed operations by connection: schemas are shared by every connection of the process, their hooks are too. */
const failures = new WeakMap<Connection, { count: number }>();

/** The connection an operation ran on: a query's, a document's, an aggregation's or a model's own. */
function connectionOf(operation: unknown): Connection | undefined {
  if (operation instanceof mongoose.Query) return (operation.model as mongoose.Model<unknown>).db;
  if (operation instanceof mongoose.Aggregate) return (operation.model() as mongoose.Model<unknown> | undefined)?.db;
  if (operation instanceof mongoose.Document) return (operation.constructor as mongoose.Model<unknown>).db;
  return (operation as { db?: Connection } | undefined)?.db;
}

/** Passes the error on unchanged, after counting it against its connection when the database failed. */
function countFailure(this: unknown, error: Error, _result: unknown, next: (error?: Error) => void): void {
  const connection = isDatabaseFailure(error) ? connectionOf(this) : undefined;
  const counted = connection && failures.get(connection);
  if (counted) counted.count += 1;
  next(error);
}

function countFailures(schema: Schema): void {
  const errors = { errorHandler: true } as const;
  schema.post([...QUERY_OPERATIONS], errors, countFailure);
  schema.post('save', errors, countFailure);
  schema.post('insertMany', errors, countFailure);
  schema.post('bulkWrite', errors, countFailure);
  schema.post('aggregate', errors, countFailure);
}

let hooked = false;

/**
 * Counts the operations on `connection`'s models that the database failed, in one place for every
 * caller (routes, socket requests, presence marks, background sweeps), whether or not it logs them.
 * The hook goes on every schema the process compiles into a model from then on: call before
 * registering models. Operations on raw collections (attachment bytes, migrations) are not counted.
 */
export function countFailuresOf(connection: Connection): { readonly count: number } {
  if (!hooked) mongoose.plugin(countFailures);
  hooked = true;
  const counted = { count: 0 };
  failures.set(connection, counted);
  return counted;
}
