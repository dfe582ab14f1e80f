import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, statusOf, toErrorBody } from '../domain/errors';
import { errorFields, log } from '../logger';

/** Unknown /api routes answer 404 in JSON rather than falling through to the client page. */
export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(new AppError('not_found', `no route ${req.method} ${req.originalUrl}`));
};

/** The one place where errors become HTTP responses; internals are logged, never sent. */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const body = toErrorBody(bodyParserError(error) ?? error);
  const status = statusOf(body.code);
  // A refused upload may leave body bytes unread: close the connection rather than reuse it.
  if (!req.complete) res.setHeader('connection', 'close');
  if (status >= 500) log.error('request failed', { method: req.method, url: req.originalUrl, ...errorFields(error) });
  res.status(status).json({ error: body });
};

/** The JSON body parser's refusals (malformed, too large, an unknown charset or encoding) as the client's errors. */
function bodyParserError(error: unknown): AppError | undefined {
  const { type, status } = (error ?? {}) as { type?: unknown; status?: unknown };
  if (typeof type !== 'string' || typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  if (type === 'entity.too.large') return new AppError('too_large', 'request body is larger than 1 MB');
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') return new AppError('unsupported_type', 'request body must be JSON in UTF-8');
  return new AppError('invalid_input', 'request body is not valid JSON');
}
