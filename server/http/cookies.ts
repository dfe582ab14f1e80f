import { parse } from 'cookie';
import type { CookieOptions, Request, Response } from 'express';
import { percentDecoded } from './percentDecoded';

export const SESSION_COOKIE = 'oncoboard_session';

/**
 * Reads one cookie from a raw Cookie header (HTTP requests and Socket.IO handshakes alike). A value
 * that is not valid percent-encoding is no cookie at all: it reads as absent, never as an error
 * (`cookie`'s own decoder would keep the raw text).
 */
export function readCookie(header: string | undefined, name: string): string | undefined {
  return header ? parse(header, { decode: percentDecoded })[name] : undefined;
}

function sessionCookieOptions(req: Request, expires?: Date): CookieOptions {
  // Secure whenever the request came over TLS (directly or through a trusted proxy).
  return { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', ...(expires ? { expires } : {}) };
}

export function setSessionCookie(req: Request, res: Response, token: string, expires: Date): void {
  res.cookie(SESSION_COOKIE, token, sessionCookieOptions(req, expires));
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, sessionCookieOptions(req));
}
