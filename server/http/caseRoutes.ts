import { z } from 'zod';
import type { CaseService } from '../domain/caseService';
import { AppError } from '../domain/errors';
import type { RouteHandlers } from './apiRoutes';
import { percentDecoded } from './percentDecoded';
import { sendStoredFile } from './sendFile';
import { parse } from './validate';

const uploadHeaders = z.object({ 'x-file-name': z.string().min(1, 'is required').max(600) });

/** Cases and their files. Uploads are the raw file as the request body, named by X-File-Name. */
export const caseRoutes = (cases: CaseService, maxUploadBytes: number) =>
  ({
    'GET /sessions/:id/cases': async ({ params }, { actor }) => ({ cases: await cases.listForSession(actor, params.id) }),
    'POST /sessions/:id/cases': async ({ params, body }, { actor }) => ({ case: await cases.create(actor, params.id, body) }),
    'GET /cases/:id': async ({ params }, { actor }) => ({ case: await cases.get(actor, params.id) }),
    'PATCH /cases/:id': async ({ params, body }, { actor }) => ({ case: await cases.update(actor, params.id, body) }),
    'DELETE /cases/:id': async ({ params }, { actor }) => cases.remove(actor, params.id),
    'POST /cases/:id/attachments': async ({ params }, { actor, req, res }) => {
      const declaredLength = Number(req.headers['content-length'] ?? 0);
      const filename = percentDecoded(parse(uploadHeaders, req.headers)['x-file-name']);
      if (filename === undefined) throw new AppError('invalid_input', 'X-File-Name: not a percent-encoded file name', 'file');
      if (declaredLength > maxUploadBytes) {
        // Refuse before reading: the browser learns at once instead of after sending 50 MB.
        res.setHeader('connection', 'close');
        throw new AppError('too_large', `the file is larger than ${Math.round(maxUploadBytes / 2 ** 20)} MB`, 'file');
      }
      return cases.attach(actor, params.id, req, filename, maxUploadBytes);
    },
    'GET /cases/:id/attachments/:fileId': async ({ params, query }, { actor, req, res }) => {
      sendStoredFile(req, res, await cases.download(actor, params.id, params.fileId), query.download === '1' ? 'attachment' : 'inline');
    },
    'GET /cases/:id/attachments/:fileId/slices/:sliceId': async ({ params, query }, { actor, req, res }) => {
      sendStoredFile(req, res, await cases.downloadSlice(actor, params.id, params.fileId, params.sliceId), query.download === '1' ? 'attachment' : 'inline');
    },
    'DELETE /cases/:id/attachments/:fileId': async ({ params }, { actor }) => cases.detach(actor, params.id, params.fileId),
  }) satisfies Partial<RouteHandlers>;
