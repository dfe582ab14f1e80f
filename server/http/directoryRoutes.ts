import { Router } from 'express';
import { z } from 'zod';
import { centerInputSchema } from '../../shared/centers';
import { objectIdSchema } from '../../shared/ids';
import { createUserRequestSchema, updateUserRequestSchema } from '../../shared/users';
import type { CenterService } from '../domain/centerService';
import type { UserService } from '../domain/userService';
import { actorOf, requireRole } from './authentication';
import { parse } from './validate';

export const idParams = z.object({ id: objectIdSchema });

/** Centres and accounts: readable by the signed-in, managed by administrators. */
export function directoryRoutes(centers: CenterService, users: UserService): Router {
  const router = Router();
  // Refused by role before the body is even read, so non-administrators learn nothing from validation.
  const adminOnly = requireRole('admin');
  router.get('/centers', async (req, res) => {
    actorOf(req);
    res.json({ centers: await centers.list() });
  });
  router.post('/centers', adminOnly, async (req, res) => {
    res.status(201).json({ center: await centers.create(actorOf(req), parse(centerInputSchema, req.body)) });
  });
  router.patch('/centers/:id', adminOnly, async (req, res) => {
    const { id } = parse(idParams, req.params);
    res.json({ center: await centers.update(actorOf(req), id, parse(centerInputSchema.partial(), req.body)) });
  });
  router.get('/users', async (req, res) => {
    res.json({ users: await users.list(actorOf(req)) });
  });
  router.post('/users', adminOnly, async (req, res) => {
    res.status(201).json({ user: await users.create(actorOf(req), parse(createUserRequestSchema, req.body)) });
  });
  router.patch('/users/:id', adminOnly, async (req, res) => {
    const { id } = parse(idParams, req.params);
    res.json({ user: await users.update(actorOf(req), id, parse(updateUserRequestSchema, req.body)) });
  });
  return router;
}
