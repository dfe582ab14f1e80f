import { describe, expect, it } from 'vitest';
import { DUMMY_HASH } from '../../server/domain/authService';
import { hashPassword } from '../../server/domain/passwords';

describe('the stand-in hash for unknown emails', () => {
  it('has the shape and cost parameters of a real hash, so an unknown email is checked as slowly as a known one', async () => {
    const shape = (encoded: string) => encoded.split('$').map((part, index) => (index < 4 ? part : part.length));
    expect(shape(DUMMY_HASH)).toEqual(shape(await hashPassword('cualquier-contraseña')));
  });
});
