import { Router } from 'express';
import { actorOf } from './authentication';

/** Limits the client shows before the user hits them. */
export function settingsRoutes(settings: { uploadMaxBytes: number }): Router {
  const router = Router();
  router.get('/settings', (req, res) => {
    actorOf(req);
    res.json({ uploadMaxBytes: settings.uploadMaxBytes });
  });
  return router;
}
