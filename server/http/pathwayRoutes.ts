import type { CommitmentService } from '../domain/commitmentService';
import type { PathwayService } from '../domain/pathwayService';
import type { RouteHandlers } from './apiRoutes';

/** The patient's pathway dates, the patients past or near a commitment, and the commitments themselves. */
export const pathwayRoutes = (pathway: PathwayService, commitments: CommitmentService) =>
  ({
    'PATCH /cases/:id/pathway': async ({ params, body }, { actor }) => ({ case: await pathway.record(actor, params.id, body) }),
    'GET /pathway/attention': async (_input, { actor }) => ({ patients: await pathway.attention(actor) }),
    'GET /settings/commitments': async () => ({ rules: await commitments.list() }),
    'PUT /settings/commitments': async ({ body }, { actor }) => ({ rules: await commitments.set(actor, body) }),
  }) satisfies Partial<RouteHandlers>;
