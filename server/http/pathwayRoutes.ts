import type { CommitmentService } from '../domain/commitmentService';
import type { PathwayReportService } from '../domain/pathwayReportService';
import type { PathwayService } from '../domain/pathwayService';
import type { RouteHandlers } from './apiRoutes';
import { sendDocument } from './sendFile';

/** The patient's pathway dates, the patients past or near a commitment, the commitments themselves and how they are kept. */
export const pathwayRoutes = (deps: { pathway: PathwayService; commitments: CommitmentService; reports: PathwayReportService }) => {
  const { pathway, commitments, reports } = deps;
  return {
    'PATCH /cases/:id/pathway': async ({ params, body }, { actor }) => ({ case: await pathway.record(actor, params.id, body) }),
    'GET /pathway/attention': async (_input, { actor }) => ({ patients: await pathway.attention(actor) }),
    'GET /settings/commitments': async () => ({ rules: await commitments.list() }),
    'PUT /settings/commitments': async ({ body }, { actor }) => ({ rules: await commitments.set(actor, body) }),
    'GET /reports/pathway': async ({ query }) => ({ report: await reports.figures(query) }),
    'GET /reports/pathway.csv': async ({ query }, { res }) => {
      const { filename, csv } = await reports.csv(query);
      sendDocument(res, 'text/csv; charset=utf-8', filename, csv);
    },
  } satisfies Partial<RouteHandlers>;
};
