import { Router } from 'express';
import { approveMinutesRequestSchema, correctMinutesRequestSchema, saveMinutesRequestSchema } from '../../shared/minutes';
import type { MinutesService } from '../domain/minutesService';
import { renderMinutesPdf } from '../pdf/minutesPdf';
import type { PdfJobs } from '../pdf/pdfJobs';
import { actorOf } from './authentication';
import { idParams } from './directoryRoutes';
import { parse } from './validate';

export function minutesRoutes(minutes: MinutesService, pdfJobs: PdfJobs): Router {
  const router = Router();
  router.post('/sessions/:id/end', async (req, res) => {
    res.status(201).json({ minutes: await minutes.end(actorOf(req), parse(idParams, req.params).id) });
  });
  router.get('/sessions/:id/minutes', async (req, res) => {
    res.json({ minutes: await minutes.get(actorOf(req), parse(idParams, req.params).id) });
  });
  router.put('/sessions/:id/minutes', async (req, res) => {
    const { id } = parse(idParams, req.params);
    const { version, text } = parse(saveMinutesRequestSchema, req.body);
    res.json({ minutes: await minutes.save(actorOf(req), id, version, text) });
  });
  router.post('/sessions/:id/minutes/approve', async (req, res) => {
    const { id } = parse(idParams, req.params);
    res.json({ minutes: await minutes.approve(actorOf(req), id, parse(approveMinutesRequestSchema, req.body).version) });
  });
  router.post('/sessions/:id/minutes/corrections', async (req, res) => {
    const { id } = parse(idParams, req.params);
    const { version, text, reason } = parse(correctMinutesRequestSchema, req.body);
    res.status(201).json({ minutes: await minutes.correct(actorOf(req), id, version, text, reason) });
  });
  router.post('/sessions/:id/minutes/pdf', async (req, res) => {
    const actor = actorOf(req);
    const source = await minutes.forExport(actor, parse(idParams, req.params).id);
    const key = `minutes:${source.minutes.sessionId}:${source.minutes.version}`;
    const filename = `Minuta sesión ${source.session.number}.pdf`;
    res.status(202).json({ job: pdfJobs.start(actor.id, key, filename, (report) => renderMinutesPdf(source, report)) });
  });
  return router;
}
