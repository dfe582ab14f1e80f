import type { FollowUpReportService } from '../domain/followUpReportService';
import type { FollowUpService } from '../domain/followUpService';
import type { RouteHandlers } from './apiRoutes';
import { sendDocument } from './sendFile';

/** What came of a confirmed recommendation, the follow-ups due, a death put on a later agenda, and the report of them. */
export const followUpRoutes = (deps: { followUp: FollowUpService; reports: FollowUpReportService }) => {
  const { followUp, reports } = deps;
  return {
    'GET /cases/:id/follow-up': async ({ params }, { actor }) => ({ followUp: await followUp.get(actor, params.id) }),
    'PUT /cases/:id/follow-up/follow-through': async ({ params, body }, { actor }) => ({ followUp: await followUp.recordFollowThrough(actor, params.id, body) }),
    'PUT /cases/:id/follow-up/outcomes': async ({ params, body }, { actor }) => ({ followUp: await followUp.recordOutcome(actor, params.id, body) }),
    'POST /cases/:id/follow-up/mortality-review': async ({ params, body }, { actor }) => ({ followUp: await followUp.reviewDeath(actor, params.id, body.sessionId) }),
    'GET /follow-up/due': async (_input, { actor }) => ({ cases: await followUp.due(actor) }),
    'GET /reports/follow-up': async ({ query }) => ({ report: await reports.figures(query) }),
    'GET /reports/follow-up.csv': async ({ query }, { res }) => {
      const { filename, csv } = await reports.csv(query);
      sendDocument(res, 'text/csv; charset=utf-8', filename, csv);
    },
  } satisfies Partial<RouteHandlers>;
};
