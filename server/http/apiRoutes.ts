import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { objectIdSchema } from '../../shared/ids';
import { paramNamesOf, routeParts } from '../../shared/routePaths';
import { isGuestRole } from '../../shared/roles';
import { routes, type ParsedRoute, type RouteAnswer, type RouteKey, type Routes, type RouteSpec } from '../../shared/routes';
import { authorize, type Actor } from '../domain/actor';
import { forbidden } from '../domain/errors';
import { actorOf } from './authentication';
import { parse } from './validate';

declare module 'express-serve-static-core' {
  interface Request {
    /** The route this request matched, as written in the route table (`/api/sessions/:id`), for the metrics. */
    routePattern?: string;
  }
}

/** What a handler has besides the validated input: who asks (none on public routes), and the exchange itself for files. */
export interface RouteContext<K extends RouteKey> {
  actor: Routes[K] extends { public: true } ? Actor | undefined : Actor;
  req: Request;
  res: Response;
}

/** A file route's handler sends the file itself; the others return their answer. */
type HandlerResult<K extends RouteKey> = Routes[K] extends { file: true } ? void : RouteAnswer<K>;

export type RouteHandler<K extends RouteKey> = (input: ParsedRoute<K>, context: RouteContext<K>) => Promise<HandlerResult<K>> | HandlerResult<K>;

/** One handler per route of shared/routes.ts: a route added there is a compile error until handled. */
export type RouteHandlers = { [K in RouteKey]: RouteHandler<K> };

/** Without a schema, every path parameter is a database id. */
const idsOf = (path: string) => z.object(Object.fromEntries(paramNamesOf(path).map((name) => [name, objectIdSchema])));

/**
 * Registers every route of the table: sign-in, then the permission (before anything else is read;
 * a laboratory account or an invited guest reaches only the routes flagged for it),
 * then path, query and body validated by their schemas; the answer is sent as JSON with the route's
 * status. Errors reach the one error handler, as `{ error }` with the code the socket side uses.
 */
export function apiRoutes(handlers: RouteHandlers): Router {
  const router = Router();
  for (const key of Object.keys(routes) as RouteKey[]) {
    const spec = routes[key] as RouteSpec;
    const { method, path } = routeParts(key);
    const paramsSchema = spec.params ?? idsOf(path);
    const handler = handlers[key] as (input: ParsedRoute<RouteKey>, context: RouteContext<RouteKey>) => unknown;
    router[method.toLowerCase() as Lowercase<typeof method>](path, async (req, res) => {
      req.routePattern = req.baseUrl + path;
      const actor = spec.public ? req.actor : actorOf(req);
      if (!spec.public && !spec.laboratory && actor?.roles.includes('laboratory')) throw forbidden('a laboratory account reaches only the studies sent to its laboratory');
      if (!spec.guest && actor?.roles.some(isGuestRole)) throw forbidden('an invitation link reaches only its session’s room');
      if (spec.permission) authorize(actorOf(req), spec.permission);
      const input = {
        params: parse(paramsSchema, req.params),
        query: spec.query ? parse(spec.query, req.query) : undefined,
        body: spec.body ? parse(spec.body, req.body) : undefined,
      } as ParsedRoute<RouteKey>;
      res.status(spec.status ?? 200);
      const answer = await handler(input, { actor: actor as Actor, req, res });
      if (spec.file) return;
      if (res.statusCode === 204) res.end();
      else res.json(answer);
    });
  }
  return router;
}
