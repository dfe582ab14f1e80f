import type { Response } from 'express';

/** Content-Disposition with the name in UTF-8, so "Minuta sesión 12.pdf" arrives as written. */
export function contentDisposition(disposition: 'inline' | 'attachment', filename: string): string {
  return `${disposition}; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** A document generated for this request: never cached by proxies, saved under its name. */
export function sendDocument(res: Response, contentType: string, filename: string, bytes: Buffer | string): void {
  res.setHeader('content-type', contentType);
  res.setHeader('content-disposition', contentDisposition('attachment', filename));
  res.setHeader('cache-control', 'private, no-store');
  res.setHeader('x-content-type-options', 'nosniff');
  res.send(bytes);
}
