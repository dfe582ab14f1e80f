import { Router } from 'express';
import { z } from 'zod';
import { updateCaseRequestSchema } from '../../shared/cases';
import { caseFieldsWithoutIdentity, partialCaseFieldsWithoutIdentity } from '../../shared/caseRules';
import { objectIdSchema } from '../../shared/ids';
import type { CaseService } from '../domain/caseService';
import { AppError } from '../domain/errors';
import { actorOf } from './authentication';
import { percentDecoded } from './percentDecoded';
import { idParams } from './directoryRoutes';
import { sendStoredFile } from './sendFile';
import { parse } from './validate';

const fileParams = z.object({ id: objectIdSchema, fileId: objectIdSchema });
const uploadHeaders = z.object({ 'x-file-name': z.string().min(1, 'is required').max(600) });

/** Cases and their files. Uploads are the raw file as the request body, named by X-File-Name. */
export function caseRoutes(cases: CaseService, maxUploadBytes: number): Router {
  const router = Router();
  router.get('/sessions/:id/cases', async (req, res) => {
    res.json({ cases: await cases.listForSession(actorOf(req), parse(idParams, req.params).id) });
  });
  router.post('/sessions/:id/cases', async (req, res) => {
    const { id } = parse(idParams, req.params);
    cases.requireWriter(actorOf(req), 'submit');
    res.status(201).json({ case: await cases.create(actorOf(req), id, parse(caseFieldsWithoutIdentity, req.body)) });
  });
  router.get('/cases/:id', async (req, res) => {
    res.json({ case: await cases.get(actorOf(req), parse(idParams, req.params).id) });
  });
  router.patch('/cases/:id', async (req, res) => {
    const { id } = parse(idParams, req.params);
    cases.requireWriter(actorOf(req), 'change');
    const { version } = parse(updateCaseRequestSchema.pick({ version: true }), req.body);
    const fields = parse(partialCaseFieldsWithoutIdentity, { ...req.body, version: undefined });
    res.json({ case: await cases.update(actorOf(req), id, { ...fields, version }) });
  });
  router.delete('/cases/:id', async (req, res) => {
    await cases.remove(actorOf(req), parse(idParams, req.params).id);
    res.status(204).end();
  });
  router.post('/cases/:id/attachments', async (req, res) => {
    const actor = actorOf(req);
    const { id } = parse(idParams, req.params);
    const declaredLength = Number(req.headers['content-length'] ?? 0);
    const filename = percentDecoded(parse(uploadHeaders, req.headers)['x-file-name']);
    if (filename === undefined) throw new AppError('invalid_input', 'X-File-Name: not a percent-encoded file name', 'file');
    if (declaredLength > maxUploadBytes) {
      // Refuse before reading: the browser learns at once instead of after sending 50 MB.
      res.setHeader('connection', 'close');
      res.status(413).json({ error: { code: 'too_large', message: `the file is larger than ${Math.round(maxUploadBytes / 2 ** 20)} MB`, field: 'file' } });
      return;
    }
    res.status(201).json({ attachment: await cases.attach(actor, id, req, filename, maxUploadBytes) });
  });
  router.get('/cases/:id/attachments/:fileId', async (req, res) => {
    const { id, fileId } = parse(fileParams, req.params);
    sendStoredFile(req, res, await cases.download(actorOf(req), id, fileId));
  });
  router.delete('/cases/:id/attachments/:fileId', async (req, res) => {
    const { id, fileId } = parse(fileParams, req.params);
    await cases.detach(actorOf(req), id, fileId);
    res.status(204).end();
  });
  return router;
}
