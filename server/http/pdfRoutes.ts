import type { DictamenService } from '../domain/dictamenService';
import { renderDictamenPdf } from '../pdf/dictamenPdf';
import type { PdfJobs } from '../pdf/pdfJobs';
import type { RouteHandlers } from './apiRoutes';
import { sendDocument } from './sendFile';

/** PDFs: background jobs polled for progress and then downloaded; a case's recommendation and its one-page dictamen. */
export const pdfRoutes = (jobs: PdfJobs, dictamen: DictamenService) =>
  ({
    'GET /pdf-jobs/:jobId': async ({ params }, { actor }) => ({ job: await jobs.status(actor.id, params.jobId) }),
    'GET /pdf-jobs/:jobId/file': async ({ params }, { actor, res }) => {
      const { filename, bytes } = await jobs.file(actor.id, params.jobId);
      sendDocument(res, 'application/pdf', filename, bytes);
    },
    'GET /cases/:id/recommendation': async ({ params }, { actor }) => ({ recommendation: await dictamen.recommendation(actor, params.id) }),
    'GET /cases/:id/dictamen.pdf': async ({ params }, { actor, res }) => {
      const data = await dictamen.forCase(actor, params.id);
      sendDocument(res, 'application/pdf', `Dictamen ${data.case.caseCode}.pdf`, await renderDictamenPdf(data));
    },
  }) satisfies Partial<RouteHandlers>;
