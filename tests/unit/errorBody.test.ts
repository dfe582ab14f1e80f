import { mongo } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { AppError, statusOf, toErrorBody } from '../../server/domain/errors';

describe('what an error tells the user', () => {
  it('says the database is briefly unavailable (503) when it cannot be reached, so the user tries again', () => {
    const broken = Object.assign(new Error('write EPIPE'), { code: 'EPIPE', syscall: 'write' });
    const refused = Object.assign(new Error('connect ENOENT /data/mongodb.sock'), { code: 'ENOENT', syscall: 'connect' });
    for (const error of [new mongo.MongoNetworkError('connection closed'), broken, refused]) {
      const body = toErrorBody(error);
      expect(body.code).toBe('unavailable');
      expect(statusOf(body.code)).toBe(503);
    }
  });

  it('keeps internals to itself for anything else, and passes the domain’s own errors through', () => {
    expect(toErrorBody(Object.assign(new Error('ENOENT'), { code: 'ENOENT', syscall: 'open' }))).toEqual({ code: 'internal', message: 'internal server error' });
    expect(toErrorBody(new TypeError('x is undefined'))).toEqual({ code: 'internal', message: 'internal server error' });
    expect(toErrorBody(new AppError('conflict', 'stale', 'version'))).toEqual({ code: 'conflict', message: 'stale', field: 'version' });
  });
});
