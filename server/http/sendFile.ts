import { create as contentDisposition } from 'content-disposition';
import type { Request, Response } from 'express';
import type { Download } from '../domain/caseService';

// The names go through `content-disposition` (as in Express's res.attachment, which would also set the
// type from the name's extension: a stored file's type comes from its bytes). A name beyond ASCII,
// like "Minuta sesión 12.pdf", travels in UTF-8 as filename*, beside an ASCII fallback for old clients.

/** A document generated for this request: never cached by proxies, saved under its name. */
export function sendDocument(res: Response, contentType: string, filename: string, bytes: Buffer | string): void {
  res.setHeader('content-type', contentType);
  res.setHeader('content-disposition', contentDisposition(filename));
  res.setHeader('cache-control', 'private, no-store');
  res.setHeader('x-content-type-options', 'nosniff');
  res.send(bytes);
}

/** A stored case file, whole or one byte range (viewers read large files in parts), shown in the page or saved. */
export function sendStoredFile(req: Request, res: Response, { attachment, open }: Download, disposition: 'inline' | 'attachment'): void {
  const range = requestedRange(req, attachment.size);
  if (range === 'unsatisfiable') {
    res.status(416).setHeader('content-range', `bytes */${attachment.size}`).end();
    return;
  }
  res.setHeader('content-type', attachment.contentType);
  res.setHeader('accept-ranges', 'bytes');
  res.setHeader('content-disposition', contentDisposition(attachment.filename, { type: disposition }));
  res.setHeader('etag', `"${attachment.sha256}"`);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('cache-control', 'private, max-age=3600');
  if (range) {
    res.status(206).setHeader('content-range', `bytes ${range.start}-${range.end}/${attachment.size}`);
    res.setHeader('content-length', String(range.end - range.start + 1));
  } else {
    res.setHeader('content-length', String(attachment.size));
  }
  const stream = open(range);
  stream.on('error', (error) => res.destroy(error));
  stream.pipe(res);
}

/**
 * The one byte range the Range header asks for. No header, a malformed one, another unit or
 * several ranges get the whole file: a 200 answers any Range request, and no viewer asks for several.
 */
function requestedRange(req: Request, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  const ranges = req.range(size);
  if (ranges === -1) return 'unsatisfiable';
  if (ranges === undefined || ranges === -2 || ranges.type !== 'bytes' || ranges.length !== 1) return undefined;
  return ranges[0];
}
