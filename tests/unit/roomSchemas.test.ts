import { describe, expect, it } from 'vitest';
import { requestSchemas } from '../../shared/events';
import { invalidInput } from '../../shared/validation';

describe('joining a session room', () => {
  it('takes the session id and nothing the client could use to pose as someone else', () => {
    expect(requestSchemas['room:join'].parse({ sessionId: '0123456789abcdef01234567', displayName: 'Otro nombre' })).toEqual({
      sessionId: '0123456789abcdef01234567',
    });
  });

  it.each([
    ['a room name', 'sesion-190'],
    ['a short id', '0123456789abcdef'],
    ['a query operator', { $gt: '' }],
    ['nothing', undefined],
  ])('refuses %s as session id, naming the field', (_case, sessionId) => {
    const result = requestSchemas['room:join'].safeParse({ sessionId });
    expect(result.success).toBe(false);
    expect(invalidInput(result.error!)).toMatchObject({ code: 'invalid_input', field: 'sessionId' });
  });

  it('refuses a mute request without a boolean', () => {
    expect(requestSchemas['media:pauseProducer'].safeParse({ producerId: 'p', paused: 'yes' }).success).toBe(false);
  });
});
