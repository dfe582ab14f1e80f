import type { HealthReport } from '../../shared/health';
import { can } from '../../shared/permissions';
import type { Database } from '../db/database';
import type { MediaServer } from '../media/mediaServer';
import type { RouteHandlers } from './apiRoutes';

/** Health and the limits the client shows before the user hits them. */
export const healthRoutes = (deps: { db: Database; media: MediaServer; uploadMaxBytes: number }) =>
  ({
    'GET /health': (_input, { actor, res }) => {
      const database = { state: deps.db.state };
      const healthy = database.state === 'connected' && deps.media.healthy;
      res.status(healthy ? 200 : 503);
      const report: HealthReport = {
        status: healthy ? 'ok' : 'degraded',
        uptimeSeconds: Math.round(process.uptime()),
        database,
        // Process ids and room counts are for the people who run the server, not for the public.
        ...(can(actor, 'health.details')
          ? { details: { database: { embedded: deps.db.isEmbedded }, media: { workers: deps.media.workers.describe(), rooms: deps.media.rooms.count } } }
          : {}),
      };
      return report;
    },
    'GET /settings': () => ({ uploadMaxBytes: deps.uploadMaxBytes }),
  }) satisfies Partial<RouteHandlers>;
