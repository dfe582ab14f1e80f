import type { LaboratoryReportService } from '../domain/laboratoryReportService';
import type { StudyService } from '../domain/studyService';
import type { TurnaroundService } from '../domain/turnaroundService';
import type { RouteHandlers } from './apiRoutes';
import { sendDocument, sendStoredFile } from './sendFile';
import { uploadedFileName } from './upload';

/**
 * Studies sent to reference laboratories: sending, the laboratory's receipt and result, its report;
 * the studies that need attention, the turnarounds and how they are kept, the laboratories' report.
 */
export const studyRoutes = (deps: { studies: StudyService; turnarounds: TurnaroundService; reports: LaboratoryReportService; maxUploadBytes: number }) => {
  const { studies, turnarounds, reports, maxUploadBytes } = deps;
  return {
    'POST /cases/:id/studies': async ({ params, body }, { actor }) => ({ study: await studies.send(actor, params.id, body) }),
    'GET /cases/:id/studies': async ({ params }, { actor }) => ({ studies: await studies.listForCase(actor, params.id) }),
    'GET /laboratory/studies': async (_input, { actor }) => ({ studies: await studies.inbox(actor) }),
    'POST /studies/:id/receipt': async ({ params, body }, { actor }) => ({ study: await studies.recordReceipt(actor, params.id, body.receivedAt) }),
    'POST /studies/:id/result': async ({ params, body }, { actor }) => ({ study: await studies.recordResult(actor, params.id, body) }),
    'POST /studies/:id/report': async ({ params }, { actor, req, res }) => ({
      study: await studies.attachReport(actor, params.id, req, uploadedFileName(req, res, maxUploadBytes), maxUploadBytes),
    }),
    'GET /studies/:id/report': async ({ params, query }, { actor, req, res }) => {
      sendStoredFile(req, res, await studies.downloadReport(actor, params.id), query.download === '1' ? 'attachment' : 'inline');
    },
    'GET /studies/attention': async (_input, { actor }) => ({ studies: await studies.attention(actor) }),
    'GET /sessions/:id/studies': async ({ params }, { actor }) => ({ studies: await studies.listForSession(actor, params.id) }),
    'GET /settings/turnarounds': async () => ({ rules: await turnarounds.list() }),
    'PUT /settings/turnarounds': async ({ body }, { actor }) => ({ rules: await turnarounds.set(actor, body) }),
    'GET /reports/laboratories': async ({ query }) => ({ report: await reports.figures(query) }),
    'GET /reports/laboratories.csv': async ({ query }, { res }) => {
      const { filename, csv } = await reports.csv(query);
      sendDocument(res, 'text/csv; charset=utf-8', filename, csv);
    },
  } satisfies Partial<RouteHandlers>;
};
