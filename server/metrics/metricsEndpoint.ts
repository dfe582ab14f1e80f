import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { Registry } from 'prom-client';

export const METRICS_PATH = '/metrics';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Whether the request carries the token, compared in constant time (digests have one length, whatever was sent). */
function carriesToken(req: Request, expected: Buffer): boolean {
  const [scheme, token] = (req.headers.authorization ?? '').split(' ');
  return scheme?.toLowerCase() === 'bearer' && timingSafeEqual(digest(token ?? ''), expected);
}

/** GET /metrics in Prometheus' text format, for whoever sends `Authorization: Bearer <token>`; 401 to anyone else. */
export function metricsEndpoint(registry: Registry, token: string): RequestHandler {
  const expected = digest(token);
  return async (req, res) => {
    req.routePattern = METRICS_PATH;
    if (!carriesToken(req, expected)) {
      res.status(401).setHeader('www-authenticate', 'Bearer realm="metrics"').type('text/plain').send('Unauthorized');
      return;
    }
    res.setHeader('cache-control', 'no-store');
    res.type(registry.contentType).send(await registry.metrics());
  };
}

/** /metrics when no token is configured: not there (rather than the client page every other path gets). */
export const metricsOff: RequestHandler = (_req, res) => {
  res.status(404).type('text/plain').send('Not found');
};
