import type { Request, Response } from 'express';
import { z } from 'zod';
import { AppError } from '../domain/errors';
import { fileTooLarge } from '../domain/uploadStream';
import { percentDecoded } from './percentDecoded';
import { parse } from './validate';

const uploadHeaders = z.object({ 'x-file-name': z.string().min(1, 'is required').max(600) });

/**
 * The name of an upload sent as the raw request body (X-File-Name, percent-encoded). One declared
 * larger than the limit is refused before reading: the browser learns at once instead of after
 * sending 50 MB.
 */
export function uploadedFileName(req: Request, res: Response, maxUploadBytes: number): string {
  const declaredLength = Number(req.headers['content-length'] ?? 0);
  const filename = percentDecoded(parse(uploadHeaders, req.headers)['x-file-name']);
  if (filename === undefined) throw new AppError('invalid_input', 'X-File-Name: not a percent-encoded file name', 'file');
  if (declaredLength > maxUploadBytes) {
    res.setHeader('connection', 'close');
    throw fileTooLarge(maxUploadBytes);
  }
  return filename;
}
