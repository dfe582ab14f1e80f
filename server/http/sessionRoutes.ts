import { Router } from 'express';
import { cancelSessionRequestSchema, createSessionRequestSchema, rescheduleSessionRequestSchema, sessionListQuerySchema, updateAgendaRequestSchema } from '../../shared/sessions';
import type { SessionService } from '../domain/sessionService';
import { actorOf } from './authentication';
import { idParams } from './directoryRoutes';
import { parse } from './validate';

export function sessionRoutes(sessions: SessionService): Router {
  const router = Router();
  router.get('/sessions', async (req, res) => {
    res.json({ sessions: await sessions.list(actorOf(req), parse(sessionListQuerySchema, req.query)) });
  });
  router.post('/sessions', async (req, res) => {
    res.status(201).json({ session: await sessions.create(actorOf(req), parse(createSessionRequestSchema, req.body)) });
  });
  router.get('/sessions/:id', async (req, res) => {
    res.json({ session: await sessions.get(actorOf(req), parse(idParams, req.params).id) });
  });
  router.patch('/sessions/:id', async (req, res) => {
    const { id } = parse(idParams, req.params);
    res.json({ session: await sessions.reschedule(actorOf(req), id, parse(rescheduleSessionRequestSchema, req.body)) });
  });
  router.put('/sessions/:id/agenda', async (req, res) => {
    const { id } = parse(idParams, req.params);
    res.json({ session: await sessions.updateAgenda(actorOf(req), id, parse(updateAgendaRequestSchema, req.body)) });
  });
  router.post('/sessions/:id/cancel', async (req, res) => {
    const { id } = parse(idParams, req.params);
    res.json({ session: await sessions.cancel(actorOf(req), id, parse(cancelSessionRequestSchema, req.body)) });
  });
  return router;
}
