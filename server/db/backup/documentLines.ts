import { createHash } from 'node:crypto';
import { mongo } from 'mongoose';

const { EJSON } = mongo.BSON;

/**
 * Driver read options that keep every value's BSON type (Int32 beside Double, Long, Binary, BSON
 * regular expressions) instead of turning them into JavaScript numbers, buffers and RegExps: the
 * canonical EJSON line then records the type and a restore writes back exactly what was read.
 */
export const EXACT_TYPES = { promoteValues: false, promoteLongs: false, promoteBuffers: false, bsonRegExp: true } as const;

/** One document as one line of canonical EJSON (strings escape their line breaks, so a line is a document). */
export function toLine(document: mongo.Document): string {
  return `${EJSON.stringify(document, { relaxed: false })}\n`;
}

export function fromLine(line: string): mongo.Document {
  return EJSON.parse(line, { relaxed: false }) as mongo.Document;
}

/** What the manifest records of a collection's lines: how many, their bytes and their SHA-256. */
export class LinesDigest {
  documents = 0;
  bytes = 0;
  private readonly hash = createHash('sha256');

  add(line: Buffer): void {
    this.documents += 1;
    this.bytes += line.length;
    this.hash.update(line);
  }

  sha256(): string {
    return this.hash.digest('hex');
  }
}
