import type { MatterService } from '../domain/matterService';
import type { WorkingGroupReportService } from '../domain/workingGroupReportService';
import type { RouteHandlers } from './apiRoutes';
import { sendDocument } from './sendFile';

/** The matters raised at working-group meetings, followed up across meetings, and the working group's report. */
export const matterRoutes = (deps: { matters: MatterService; reports: WorkingGroupReportService }) => {
  const { matters, reports } = deps;
  return {
    'GET /sessions/:id/matters': async ({ params }, { actor }) => ({ matters: await matters.listForSession(actor, params.id) }),
    'POST /sessions/:id/matters': async ({ params, body }, { actor }) => ({ matter: await matters.create(actor, params.id, body) }),
    'PATCH /matters/:id': async ({ params, body }, { actor }) => ({ matter: await matters.update(actor, params.id, body) }),
    'GET /matters': async ({ query }, { actor }) => ({ matters: await matters.list(actor, query) }),
    'GET /reports/working-group': async ({ query }) => ({ report: await reports.figures(query) }),
    'GET /reports/working-group.csv': async ({ query }, { res }) => {
      const { filename, csv } = await reports.csv(query);
      sendDocument(res, 'text/csv; charset=utf-8', filename, csv);
    },
  } satisfies Partial<RouteHandlers>;
};
