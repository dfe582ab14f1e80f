import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { mongo, Types, type Connection } from 'mongoose';

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

const HEAD_BYTES = 16;

/**
 * Files in GridFS (ordinary collections, so the same on MongoDB and compatible servers).
 * A write that fails or exceeds the limit leaves no chunks behind.
 */
export class FileStore {
  private readonly bucket: mongo.GridFSBucket;
  private readonly chunks: mongo.Collection;

  constructor(connection: Connection, bucketName = 'attachments') {
    this.bucket = new mongo.GridFSBucket(connection.db!, { bucketName });
    this.chunks = connection.db!.collection(`${bucketName}.chunks`);
  }

  async write(source: Readable, filename: string, maxBytes: number, metadata: Record<string, unknown> = {}): Promise<StoredFile> {
    const upload = this.bucket.openUploadStream(filename, { metadata });
    const hash = createHash('sha256');
    let size = 0;
    let head = Buffer.alloc(0);
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        if (size > maxBytes) return callback(new FileTooLargeError(`file exceeds ${maxBytes} bytes`));
        if (head.length < HEAD_BYTES) head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, upload);
    } catch (error) {
      await this.remove(upload.id);
      throw error;
    }
    return { fileId: upload.id, size, sha256: hash.digest('hex'), head };
  }

  /** Streams bytes [start, end] (inclusive), or the whole file. */
  read(fileId: Types.ObjectId, range?: { start: number; end: number }): Readable {
    return this.bucket.openDownloadStream(fileId, range ? { start: range.start, end: range.end + 1 } : {});
  }

  /** Deleting a file that is already gone is not an error. */
  async remove(fileId: Types.ObjectId): Promise<void> {
    await this.bucket.delete(fileId).catch((error: unknown) => {
      if (!(error instanceof mongo.MongoRuntimeError && /File not found/i.test(error.message))) throw error;
    });
    // A failed upload may have written chunks without a files document: remove those too.
    await this.chunks.deleteMany({ files_id: fileId });
  }

  async chunkCount(): Promise<number> {
    return this.chunks.countDocuments();
  }
}
