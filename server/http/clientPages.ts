import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

/** Serves the built client; every non-API path gets index.html so client-side routes reload. */
export function clientPages(distDir: string): Router {
  const router = Router();
  const index = path.join(distDir, 'index.html');
  router.use(express.static(distDir, { index: false }));
  router.get(/^(?!\/api\/|\/socket\.io\/).*/, (_req, res) => {
    if (existsSync(index)) res.sendFile(index);
    else res.status(503).type('text/plain').send('El cliente no está compilado: ejecute "npm run build".');
  });
  return router;
}
