import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { AppError } from '../domain/errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a request may act with the session cookie it carries: browsers name the page that
 * sent it in Origin, which must be this site (the host the request was sent to). A request
 * without Origin is not a browser's cross-site request (a same-origin GET, curl, the tests).
 */
export function fromThisSite(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** Refuses state-changing requests sent by another site's page (a form or script posting with the user's cookie). */
export const sameOriginWrites: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method) || fromThisSite(req)) return next();
  next(new AppError('forbidden', 'requests from another site are refused'));
};
