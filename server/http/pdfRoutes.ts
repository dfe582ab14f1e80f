import { Router } from 'express';
import { z } from 'zod';
import type { DictamenService } from '../domain/dictamenService';
import { renderDictamenPdf } from '../pdf/dictamenPdf';
import type { PdfJobs } from '../pdf/pdfJobs';
import { actorOf } from './authentication';
import { idParams } from './directoryRoutes';
import { sendDocument } from './sendFile';
import { parse } from './validate';

const jobParams = z.object({ jobId: z.uuid() });

/** PDFs: background jobs polled for progress and then downloaded; a case's recommendation and its one-page dictamen. */
export function pdfRoutes(jobs: PdfJobs, dictamen: DictamenService): Router {
  const router = Router();
  router.get('/pdf-jobs/:jobId', (req, res) => {
    res.json({ job: jobs.status(actorOf(req).id, parse(jobParams, req.params).jobId) });
  });
  router.get('/pdf-jobs/:jobId/file', (req, res) => {
    const { filename, bytes } = jobs.file(actorOf(req).id, parse(jobParams, req.params).jobId);
    sendDocument(res, 'application/pdf', filename, bytes);
  });
  router.get('/cases/:id/recommendation', async (req, res) => {
    res.json({ recommendation: await dictamen.recommendation(actorOf(req), parse(idParams, req.params).id) });
  });
  router.get('/cases/:id/dictamen.pdf', async (req, res) => {
    const data = await dictamen.forCase(actorOf(req), parse(idParams, req.params).id);
    sendDocument(res, 'application/pdf', `Dictamen ${data.case.caseCode}.pdf`, await renderDictamenPdf(data));
  });
  return router;
}
