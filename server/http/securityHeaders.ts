import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * The browser-side defences: a Content-Security-Policy the app passes (its own scripts, workers
 * and sockets only; images and PDFs drawn from blob: and data: URLs), no framing by other sites,
 * no MIME sniffing, a strict referrer policy, and HSTS when the request came over TLS.
 */
export function securityHeaders(): RequestHandler[] {
  return [
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // Vue and pdf.js set inline styles on elements.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          mediaSrc: ["'self'", 'blob:'],
          workerSrc: ["'self'", 'blob:'],
          connectSrc: ["'self'"],
          fontSrc: ["'self'", 'data:'],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      referrerPolicy: { policy: 'same-origin' },
      // Set below only over TLS: over plain http it means nothing and misleads.
      strictTransportSecurity: false,
      crossOriginEmbedderPolicy: false,
    }),
    (req, res, next) => {
      if (req.secure) res.setHeader('strict-transport-security', 'max-age=31536000; includeSubDomains');
      next();
    },
  ];
}
