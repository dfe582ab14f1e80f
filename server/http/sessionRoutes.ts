import type { SessionService } from '../domain/sessionService';
import type { RouteHandlers } from './apiRoutes';

export const sessionRoutes = (sessions: SessionService) =>
  ({
    'GET /sessions': async ({ query }, { actor }) => ({ sessions: await sessions.list(actor, query) }),
    'POST /sessions': async ({ body }, { actor }) => ({ session: await sessions.create(actor, body) }),
    'GET /sessions/:id': async ({ params }, { actor }) => ({ session: await sessions.get(actor, params.id) }),
    'PATCH /sessions/:id': async ({ params, body }, { actor }) => ({ session: await sessions.reschedule(actor, params.id, body) }),
    'PUT /sessions/:id/agenda': async ({ params, body }, { actor }) => ({ session: await sessions.updateAgenda(actor, params.id, body) }),
    'POST /sessions/:id/cancel': async ({ params, body }, { actor }) => ({ session: await sessions.cancel(actor, params.id, body) }),
  }) satisfies Partial<RouteHandlers>;
