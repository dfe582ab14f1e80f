import { z } from 'zod';
import type { ErrorBody } from './ack';

/** Turns a zod failure into the error body sent to clients: the first issue names the field. */
export function invalidInput(error: z.ZodError): ErrorBody {
  const first = error.issues[0];
  const field = first && first.path.length > 0 ? first.path.join('.') : undefined;
  const message = first ? (field ? `${field}: ${first.message}` : first.message) : 'invalid input';
  return { code: 'invalid_input', message, ...(field ? { field } : {}) };
}
