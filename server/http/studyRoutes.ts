import type { StudyService } from '../domain/studyService';
import type { RouteHandlers } from './apiRoutes';
import { sendStoredFile } from './sendFile';
import { uploadedFileName } from './upload';

/** Studies sent to reference laboratories: sending, the laboratory's receipt and result, its report. */
export const studyRoutes = (studies: StudyService, maxUploadBytes: number) =>
  ({
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
  }) satisfies Partial<RouteHandlers>;
