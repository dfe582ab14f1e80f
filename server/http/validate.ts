import type { z } from 'zod';
import { invalidInput } from '../../shared/validation';
import { AppError } from '../domain/errors';

/** Parses one part of a request with its schema; a failure is a 400 naming the field. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const body = invalidInput(result.error);
    throw new AppError('invalid_input', body.message, body.field);
  }
  return result.data;
}
