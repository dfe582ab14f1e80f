import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { Types, type Connection, type mongo } from 'mongoose';

export interface StoredFile {
  fileId: Types.ObjectId;
  size: number;
  sha256: string;
  /** The first bytes, from which the real content type is told. */
  head: Buffer;
}

export class FileTooLargeError extends Error {
  override name = 'FileTooLargeError';
}

export class StoredFileMissingError extends Error {
  override name = 'StoredFileMissingError';
}

const HEAD_BYTES = 16;
/** GridFS's own default, so files written before and after read alike. */
export const CHUNK_BYTES = 255 * 1024;

interface FileDoc {
  _id: Types.ObjectId;
  length: number;
  chunkSize: number;
  uploadDate: Date;
  filename: string;
  metadata: Record<string, unknown>;
}

interface ChunkDoc {
  _id: Types.ObjectId;
  files_id: Types.ObjectId;
  n: number;
  data: mongo.Binary | Buffer;
}

/**
 * A chunk's `_id` follows from its file and number. The embedded database finds a document by
 * `_id` without reading the others, but answers any other query by reading every chunk of every
 * file: reading chunks by `files_id` made a file's first byte wait for all the files stored.
 */
export function chunkId(fileId: Types.ObjectId, n: number): Types.ObjectId {
  const number = Buffer.alloc(4);
  number.writeUInt32BE(n);
  return new Types.ObjectId(createHash('sha256').update(fileId.id).update(number).digest().subarray(0, 12));
}

/**
 * Files in the GridFS layout (a files document and numbered chunks, which any MongoDB tool reads),
 * each chunk under the `_id` that `chunkId` gives. A write that fails or exceeds the limit leaves
 * no chunks behind.
 */
export class FileStore {
  private readonly files: mongo.Collection<FileDoc>;
  private readonly chunks: mongo.Collection<ChunkDoc>;

  constructor(connection: Connection, bucketName = 'attachments') {
    this.files = connection.db!.collection<FileDoc>(`${bucketName}.files`);
    this.chunks = connection.db!.collection<ChunkDoc>(`${bucketName}.chunks`);
  }

  async write(source: Readable, filename: string, maxBytes: number, metadata: Record<string, unknown> = {}): Promise<StoredFile> {
    const fileId = new Types.ObjectId();
    const hash = createHash('sha256');
    let size = 0;
    let head = Buffer.alloc(0);
    let written = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        if (size > maxBytes) return callback(new FileTooLargeError(`file exceeds ${maxBytes} bytes`));
        if (head.length < HEAD_BYTES) head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    // Chunks go in one at a time; a failed write waits for the one under way before removing them.
    let inserting: Promise<unknown> = Promise.resolve();
    const insertChunk = (data: Buffer): Promise<unknown> => {
      const n = written;
      written += 1;
      inserting = this.chunks.insertOne({ _id: chunkId(fileId, n), files_id: fileId, n, data });
      return inserting;
    };
    const store = async (pieces: AsyncIterable<Buffer>): Promise<void> => {
      let pending = Buffer.alloc(0);
      for await (const piece of pieces) {
        pending = Buffer.concat([pending, piece]);
        for (; pending.length >= CHUNK_BYTES; pending = pending.subarray(CHUNK_BYTES)) await insertChunk(pending.subarray(0, CHUNK_BYTES));
      }
      if (pending.length > 0) await insertChunk(pending);
    };
    try {
      await pipeline(source, meter, store);
      await this.files.insertOne({ _id: fileId, length: size, chunkSize: CHUNK_BYTES, uploadDate: new Date(), filename, metadata });
    } catch (error) {
      await inserting.catch(() => undefined);
      await this.removeChunks(fileId, written);
      throw error;
    }
    return { fileId, size, sha256: hash.digest('hex'), head };
  }

  /** Streams bytes [start, end] (inclusive), or the whole file, one chunk read at a time. */
  read(fileId: Types.ObjectId, range?: { start: number; end: number }): Readable {
    return Readable.from(this.bytes(fileId, range), { highWaterMark: 2 });
  }

  /** Deleting a file that is already gone is not an error. */
  async remove(fileId: Types.ObjectId): Promise<void> {
    const file = await this.files.findOne({ _id: fileId });
    if (!file) return;
    // The files document goes first: a crash in between leaves unreferenced chunks, never a file without its bytes.
    await this.files.deleteOne({ _id: fileId });
    await this.removeChunks(fileId, Math.ceil(file.length / file.chunkSize));
  }

  async chunkCount(): Promise<number> {
    return this.chunks.countDocuments();
  }

  private async *bytes(fileId: Types.ObjectId, range?: { start: number; end: number }): AsyncGenerator<Buffer> {
    const file = await this.files.findOne({ _id: fileId });
    if (!file) throw new StoredFileMissingError(`file ${fileId.toHexString()} is not stored`);
    const start = range?.start ?? 0;
    const end = Math.min(range?.end ?? file.length - 1, file.length - 1);
    for (let n = Math.floor(start / file.chunkSize); n * file.chunkSize <= end; n += 1) {
      const chunk = await this.chunks.findOne({ _id: chunkId(fileId, n) });
      if (!chunk) throw new StoredFileMissingError(`chunk ${n} of file ${fileId.toHexString()} is missing`);
      const data = Buffer.isBuffer(chunk.data) ? chunk.data : Buffer.from(chunk.data.value());
      const offset = n * file.chunkSize;
      yield data.subarray(Math.max(start - offset, 0), end - offset + 1);
    }
  }

  private async removeChunks(fileId: Types.ObjectId, count: number): Promise<void> {
    for (let n = 0; n < count; n += 1) await this.chunks.deleteOne({ _id: chunkId(fileId, n) });
  }
}
