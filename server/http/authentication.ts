import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Actor } from '../domain/actor';
import type { AuthService } from '../domain/authService';
import { unauthenticated } from '../domain/errors';
import { readCookie, SESSION_COOKIE } from './cookies';

declare module 'express-serve-static-core' {
  interface Request {
    actor?: Actor;
  }
}

/** Attaches the signed-in account, if any; routes decide whether they need one. */
export function identify(auth: AuthService): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    req.actor = await auth.actorFor(readCookie(req.headers.cookie, SESSION_COOKIE));
    next();
  };
}

/** The signed-in account of a request, or a 401. */
export function actorOf(req: Request): Actor {
  if (!req.actor) throw unauthenticated();
  return req.actor;
}
