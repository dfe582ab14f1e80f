import type { CaseService } from '../domain/caseService';
import type { RouteHandlers } from './apiRoutes';
import { sendStoredFile } from './sendFile';
import { uploadedFileName } from './upload';

/** Cases and their files. Uploads are the raw file as the request body, named by X-File-Name. */
export const caseRoutes = (cases: CaseService, maxUploadBytes: number) =>
  ({
    'GET /sessions/:id/cases': async ({ params }, { actor }) => ({ cases: await cases.listForSession(actor, params.id) }),
    'POST /sessions/:id/cases': async ({ params, body }, { actor }) => ({ case: await cases.create(actor, params.id, body) }),
    'GET /cases/:id': async ({ params }, { actor }) => ({ case: await cases.get(actor, params.id) }),
    'PATCH /cases/:id': async ({ params, body }, { actor }) => ({ case: await cases.update(actor, params.id, body) }),
    'DELETE /cases/:id': async ({ params }, { actor }) => cases.remove(actor, params.id),
    'POST /cases/:id/attachments': async ({ params }, { actor, req, res }) => cases.attach(actor, params.id, req, uploadedFileName(req, res, maxUploadBytes), maxUploadBytes),
    'GET /cases/:id/attachments/:fileId': async ({ params, query }, { actor, req, res }) => {
      sendStoredFile(req, res, await cases.download(actor, params.id, params.fileId), query.download === '1' ? 'attachment' : 'inline');
    },
    'GET /cases/:id/attachments/:fileId/slices/:sliceId': async ({ params, query }, { actor, req, res }) => {
      sendStoredFile(req, res, await cases.downloadSlice(actor, params.id, params.fileId, params.sliceId), query.download === '1' ? 'attachment' : 'inline');
    },
    'DELETE /cases/:id/attachments/:fileId': async ({ params }, { actor }) => cases.detach(actor, params.id, params.fileId),
  }) satisfies Partial<RouteHandlers>;
