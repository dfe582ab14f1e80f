import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router, type Request, type Response, type NextFunction } from 'express';

/** Built assets are named by their content's hash: a browser keeps them for a year and never asks again. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The encodings written beside each asset at build time (tools/build/precompress.ts), best first. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/** Serves the built client; every non-API path gets index.html so client-side routes reload. */
export function clientPages(distDir: string): Router {
  const router = Router();
  const index = path.join(distDir, 'index.html');
  const root = path.resolve(distDir);
  router.use('/assets', (req, res, next) => sendPrecompressed(root, req, res, next));
  router.use(express.static(distDir, { index: false, setHeaders: (res, file) => res.setHeader('cache-control', cacheControl(root, file)) }));
  router.get(/^(?!\/api\/|\/socket\.io\/).*/, (_req, res) => {
    res.setHeader('cache-control', 'no-cache');
    if (existsSync(index)) res.sendFile(index);
    else res.status(503).type('text/plain').send('El cliente no está compilado: ejecute "npm run build".');
  });
  return router;
}

function cacheControl(root: string, file: string): string {
  return path.relative(root, file).startsWith(`assets${path.sep}`) ? IMMUTABLE : 'no-cache';
}

/** An asset's compressed copy, when the browser accepts its encoding; otherwise the plain file, further on. */
function sendPrecompressed(root: string, req: Request, res: Response, next: NextFunction): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') return next();
  const file = assetPath(root, req.path);
  if (!file) return next();
  res.vary('accept-encoding');
  // The smallest the browser takes and the build wrote (browsers list gzip before br, at equal weight).
  const encoding = ENCODINGS.find((candidate) => req.acceptsEncodings(candidate.name) === candidate.name && existsSync(file + candidate.suffix));
  if (!encoding) return next();
  res.type(path.extname(file));
  res.setHeader('content-encoding', encoding.name);
  res.setHeader('cache-control', IMMUTABLE);
  res.sendFile(file + encoding.suffix, (error) => {
    if (error && !res.headersSent) next();
  });
}

/** The file an /assets path names, or undefined for one that is malformed or leaves the folder. */
function assetPath(root: string, requested: string): string | undefined {
  const folder = path.join(root, 'assets');
  try {
    const file = path.join(folder, path.normalize(decodeURIComponent(requested)));
    return file.startsWith(folder + path.sep) ? file : undefined;
  } catch {
    return undefined;
  }
}
