import { Router } from 'express';
import type { HealthReport } from '../../shared/health';
import type { Database } from '../db/database';
import { hasRole } from '../domain/actor';
import type { MediaServer } from '../media/mediaServer';

export function healthRoutes(deps: { db: Database; media: MediaServer }): Router {
  const router = Router();
  router.get('/health', (req, res) => {
    const database = { state: deps.db.state };
    const healthy = database.state === 'connected' && deps.media.healthy;
    const report: HealthReport = {
      status: healthy ? 'ok' : 'degraded',
      uptimeSeconds: Math.round(process.uptime()),
      database,
      // Process ids and room counts are for the people who run the server, not for the public.
      ...(req.actor && hasRole(req.actor, 'admin')
        ? { details: { database: { embedded: deps.db.isEmbedded }, media: { workers: deps.media.workers.describe(), rooms: deps.media.rooms.count } } }
        : {}),
    };
    res.status(healthy ? 200 : 503).json(report);
  });
  return router;
}
