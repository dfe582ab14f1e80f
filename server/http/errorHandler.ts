import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, statusOf, toErrorBody } from '../domain/errors';
import { errorFields, log } from '../logger';

/** Unknown /api routes answer 404 in JSON rather than falling through to the client page. */
export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(new AppError('not_found', `no route ${req.method} ${req.originalUrl}`));
};

/** The one place where errors become HTTP responses; internals are logged, never sent. */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const body = toErrorBody(isBodyParserError(error) ? new AppError('invalid_input', 'request body is not valid JSON') : error);
  const status = statusOf(body.code);
  // A refused upload may leave body bytes unread: close the connection rather than reuse it.
  if (!req.complete) res.setHeader('connection', 'close');
  if (status >= 500) log.error('request failed', { method: req.method, url: req.originalUrl, ...errorFields(error) });
  res.status(status).json({ error: body });
};

function isBodyParserError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'type' in error && (error as { type: unknown }).type === 'entity.parse.failed';
}
