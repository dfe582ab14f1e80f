import type { ErrorBody, ErrorCode, ErrorReason } from '../../shared/ack';
import { isDatabaseUnreachable } from '../db/unreachable';

const httpStatus: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  rate_limited: 429,
  too_large: 413,
  unsupported_type: 415,
  not_joined: 409,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  media_error: 422,
  unavailable: 503,
  internal: 500,
};

/** The one error type the domain throws; HTTP and Socket.IO layers turn it into a response. */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly reason?: ErrorReason,
    readonly from?: Date,
  ) {
    super(message);
  }

  get status(): number {
    return statusOf(this.code);
  }

  toBody(): ErrorBody {
    return {
      code: this.code,
      message: this.message,
      ...(this.field ? { field: this.field } : {}),
      ...(this.reason ? { reason: this.reason } : {}),
      ...(this.from ? { from: this.from.toISOString() } : {}),
    };
  }
}

export const statusOf = (code: ErrorCode): number => httpStatus[code];

/** A conflict the user interface explains by its reason; `from`, when it is only too early. */
export const conflictBecause = (reason: ErrorReason, message: string, from?: Date) => new AppError('conflict', message, undefined, reason, from);
/** One field refused by a rule the schema cannot check alone (a date before another, a day in the future). */
export const invalidField = (issue: { field: string; message: string }) => new AppError('invalid_input', `${issue.field}: ${issue.message}`, issue.field);
export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const notJoined = () => new AppError('not_joined', 'join a room first');
export const unauthenticated = () => new AppError('unauthenticated', 'sign in first');
export const forbidden = (why = 'your role does not allow this') => new AppError('forbidden', why);

/** Internal details never leave the server: unknown errors become a generic message. */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof AppError) return error.toBody();
  if (isDatabaseUnreachable(error)) return { code: 'unavailable', message: 'the database is not reachable at the moment; try again shortly' };
  return { code: 'internal', message: 'internal server error' };
}
