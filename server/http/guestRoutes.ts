import type { Request } from 'express';
import type { GuestService } from '../domain/guestService';
import type { RouteHandlers } from './apiRoutes';
import { setSessionCookie } from './cookies';

/**
 * Invited guests' links and their entry. A link points to PUBLIC_URL when set, else to the address
 * the coordinator reached the server by (behind a trusted proxy, the one the proxy was asked for).
 */
export const guestRoutes = (guests: GuestService, publicUrl: string | undefined) => {
  const base = (req: Request) => publicUrl ?? `${req.protocol}://${req.get('host')}`;
  return {
    'GET /sessions/:id/guests': async ({ params }, { actor }) => ({ guests: await guests.list(actor, params.id) }),
    'POST /sessions/:id/guests': ({ params, body }, { actor, req }) => guests.invite(actor, params.id, body, base(req)),
    'POST /sessions/:id/guests/:guestId/revoke': async ({ params }, { actor }) => ({ guest: await guests.revoke(actor, params.id, params.guestId) }),
    'POST /sessions/:id/guests/:guestId/link': ({ params }, { actor, req }) => guests.renew(actor, params.id, params.guestId, base(req)),
    'POST /guest/enter': async ({ body }, { req, res }) => {
      const entered = await guests.enter(body.token, req.ip ?? 'unknown');
      setSessionCookie(req, res, entered.token, entered.expiresAt);
      return entered.entry;
    },
  } satisfies Partial<RouteHandlers>;
};
