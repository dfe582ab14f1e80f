import type { AgreementService } from '../domain/agreementService';
import type { RouteHandlers } from './apiRoutes';

export const agreementRoutes = (agreements: AgreementService) =>
  ({
    'GET /sessions/:id/agreements': async ({ params }, { actor }) => ({ agreements: await agreements.listForSession(actor, params.id) }),
    'GET /sessions/:id/agreements/follow-up': async ({ params }, { actor }) => ({ agreements: await agreements.openBefore(actor, params.id) }),
    'POST /sessions/:id/agreements': async ({ params, body }, { actor }) => ({ agreement: await agreements.create(actor, params.id, body) }),
    'PATCH /agreements/:id': async ({ params, body }, { actor }) => ({ agreement: await agreements.update(actor, params.id, body) }),
    'POST /agreements/:id/follow-ups': async ({ params, body }, { actor }) => ({ agreement: await agreements.addFollowUp(actor, params.id, body.note, body.sessionId) }),
  }) satisfies Partial<RouteHandlers>;
