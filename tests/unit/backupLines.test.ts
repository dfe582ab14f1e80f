import { mongo } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { fromLine, LinesDigest, toLine } from '../../server/db/backup/documentLines';

const { BSON } = mongo;

describe('a backup line', () => {
  it('is one line of canonical EJSON that gives back each value with its BSON type, Decimal128 included', () => {
    const document = {
      _id: new BSON.ObjectId(),
      fee: BSON.Decimal128.fromString('1250.50'),
      count: new BSON.Int32(3),
      weight: new BSON.Double(3),
      big: BSON.Long.fromString('9223372036854775807'),
      scan: new BSON.Binary(Buffer.from([0, 10, 13, 255]), 0),
      at: new Date('2026-11-30T18:00:00Z'),
      note: 'primera línea\nsegunda línea',
    };
    const line = toLine(document);
    expect(line.indexOf('\n')).toBe(line.length - 1);
    const back = fromLine(line);
    expect(back.fee).toBeInstanceOf(BSON.Decimal128);
    expect(back.count).toBeInstanceOf(BSON.Int32);
    expect(back.weight).toBeInstanceOf(BSON.Double);
    expect(String(back.big)).toBe('9223372036854775807');
    expect(toLine(back)).toBe(line);
  });

  it('digests count documents and bytes, and a changed byte changes the checksum', () => {
    const digest = (lines: string[]) => {
      const lineDigest = new LinesDigest();
      for (const line of lines) lineDigest.add(Buffer.from(line));
      return { documents: lineDigest.documents, bytes: lineDigest.bytes, sha256: lineDigest.sha256() };
    };
    const original = digest(['{"a":1}\n', '{"b":2}\n']);
    expect(original).toMatchObject({ documents: 2, bytes: 16 });
    expect(digest(['{"a":1}\n', '{"b":3}\n']).sha256).not.toBe(original.sha256);
  });
});
