import { Router } from 'express';
import { createAgreementRequestSchema, followUpRequestSchema, updateAgreementRequestSchema } from '../../shared/agreements';
import type { AgreementService } from '../domain/agreementService';
import { actorOf } from './authentication';
import { idParams } from './directoryRoutes';
import { parse } from './validate';

export function agreementRoutes(agreements: AgreementService): Router {
  const router = Router();
  router.get('/sessions/:id/agreements', async (req, res) => {
    res.json({ agreements: await agreements.listForSession(actorOf(req), parse(idParams, req.params).id) });
  });
  router.get('/sessions/:id/agreements/follow-up', async (req, res) => {
    res.json({ agreements: await agreements.openBefore(actorOf(req), parse(idParams, req.params).id) });
  });
  router.post('/sessions/:id/agreements', async (req, res) => {
    const { id } = parse(idParams, req.params);
    res.status(201).json({ agreement: await agreements.create(actorOf(req), id, parse(createAgreementRequestSchema, req.body)) });
  });
  router.patch('/agreements/:id', async (req, res) => {
    const { id } = parse(idParams, req.params);
    res.json({ agreement: await agreements.update(actorOf(req), id, parse(updateAgreementRequestSchema, req.body)) });
  });
  router.post('/agreements/:id/follow-ups', async (req, res) => {
    const { id } = parse(idParams, req.params);
    const { note, sessionId } = parse(followUpRequestSchema, req.body);
    res.status(201).json({ agreement: await agreements.addFollowUp(actorOf(req), id, note, sessionId) });
  });
  return router;
}
