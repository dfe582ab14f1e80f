import { Readable } from 'node:stream';
import { FileTooLargeError } from '../db/fileStore';
import { AppError } from './errors';

/**
 * The first `bytes` of an upload, to tell its type before anything is stored, and the whole
 * upload again (those bytes included) for whoever stores or reads it.
 */
export async function peekHead(source: Readable, bytes: number): Promise<{ head: Buffer; body: Readable }> {
  const iterator: AsyncIterator<Buffer> = source[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let length = 0;
  let ended = false;
  while (length < bytes) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    chunks.push(next.value);
    length += next.value.length;
  }
  const head = Buffer.concat(chunks);
  async function* whole(): AsyncGenerator<Buffer> {
    try {
      if (head.length > 0) yield head;
      if (ended) return;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    } finally {
      await iterator.return?.();
    }
  }
  return { head: head.subarray(0, bytes), body: Readable.from(whole(), { objectMode: false }) };
}

/** The whole upload in memory, refused once it passes `maxBytes`: for files that must be read before they are stored. */
export async function readWhole(source: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of source as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > maxBytes) throw new FileTooLargeError(`file exceeds ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, length);
}

/** A file over the upload limit, as its sender is told, whether its declared length or its bytes said so. */
export function fileTooLarge(maxBytes: number): AppError {
  return new AppError('too_large', `the file is larger than ${Math.round(maxBytes / 2 ** 20)} MB`, 'file');
}

/** Reading or storing an upload, a file over `maxBytes` reported as `fileTooLarge`. */
export function withinUploadLimit<T>(reading: Promise<T>, maxBytes: number): Promise<T> {
  return reading.catch((error: unknown) => {
    throw error instanceof FileTooLargeError ? fileTooLarge(maxBytes) : error;
  });
}
