import { describe, expect, it } from 'vitest';
import { readCookie, SESSION_COOKIE } from '../../server/http/cookies';

describe('reading the session cookie', () => {
  it('finds it among others and decodes it', () => {
    expect(readCookie(`theme=dark; ${SESSION_COOKIE}=abc%2Ddef; lang=es`, SESSION_COOKIE)).toBe('abc-def');
    expect(readCookie(`${SESSION_COOKIE}=a=b`, SESSION_COOKIE)).toBe('a=b');
  });

  it('keeps the first of two with the same name', () => {
    expect(readCookie(`${SESSION_COOKIE}=first; ${SESSION_COOKIE}=second`, SESSION_COOKIE)).toBe('first');
  });

  it.each([undefined, '', 'theme=dark', `${SESSION_COOKIE}`, `${SESSION_COOKIE}=%E0%A4%A`, `${SESSION_COOKIE}=%zz; ${SESSION_COOKIE}=valid`])(
    'reads %o as no session, without throwing',
    (header) => {
      expect(readCookie(header, SESSION_COOKIE)).toBeUndefined();
    },
  );
});
