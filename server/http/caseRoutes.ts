import { z } from 'zod';
import type { CaseService } from '../domain/caseService';
import { AppError } from '../domain/errors';
import type { RouteHandlers } from './apiRoutes';
import { parseByteRange } from './byteRange';
import { percentDecoded } from './percentDecoded';
import { contentDisposition } from './sendFile';
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
      return { attachment: await cases.attach(actor, params.id, req, filename, maxUploadBytes) };
    },
    'GET /cases/:id/attachments/:fileId': async ({ params, query }, { actor, req, res }) => {
      const { attachment, open } = await cases.download(actor, params.id, params.fileId);
      const range = parseByteRange(req.headers.range, attachment.size);
      if (range === 'unsatisfiable') {
        res.status(416).setHeader('content-range', `bytes */${attachment.size}`).end();
        return;
      }
      const disposition = query.download === '1' ? 'attachment' : 'inline';
      res.setHeader('content-type', attachment.contentType);
      res.setHeader('accept-ranges', 'bytes');
      res.setHeader('content-disposition', contentDisposition(disposition, attachment.filename));
      res.setHeader('etag', `"${attachment.sha256}"`);
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('cache-control', 'private, max-age=3600');
      if (range) {
        res.status(206).setHeader('content-range', `bytes ${range.start}-${range.end}/${attachment.size}`);
        res.setHeader('content-length', String(range.end - range.start + 1));
      } else {
        res.setHeader('content-length', String(attachment.size));
      }
      const stream = open(range);
      stream.on('error', (error) => res.destroy(error));
      stream.pipe(res);
    },
    'DELETE /cases/:id/attachments/:fileId': async ({ params }, { actor }) => cases.detach(actor, params.id, params.fileId),
  }) satisfies Partial<RouteHandlers>;
