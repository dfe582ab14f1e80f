import { describe, expect, it } from 'vitest';
import { joinRoomRequestSchema } from '../../shared/room';
import { invalidInput } from '../../shared/validation';

describe('joining a room', () => {
  it('accepts a session slug and a clinician name with accents, trimming spaces', () => {
    const parsed = joinRoomRequestSchema.parse({ roomName: ' sesion-190 ', displayName: ' Dra. María Pérez Núñez ' });
    expect(parsed).toEqual({ roomName: 'sesion-190', displayName: 'Dra. María Pérez Núñez' });
  });

  it.each([
    ['too short', 'ab'],
    ['a space', 'sesion 190'],
    ['a leading dash', '-sesion'],
    ['a path', '../etc'],
    ['65 characters', 'a'.repeat(65)],
    ['a query operator', { $gt: '' }],
  ])('refuses a room name with %s, naming the field', (_case, roomName) => {
    const result = joinRoomRequestSchema.safeParse({ roomName, displayName: 'Dr. Ruiz' });
    expect(result.success).toBe(false);
    expect(invalidInput(result.error!)).toMatchObject({ code: 'invalid_input', field: 'roomName' });
  });

  it.each([
    ['empty', '   '],
    ['81 characters', 'x'.repeat(81)],
    ['a control character', 'Dr.\u0000Ruiz'],
    ['a number', 42],
  ])('refuses a display name that is %s', (_case, displayName) => {
    const result = joinRoomRequestSchema.safeParse({ roomName: 'sesion-190', displayName });
    expect(result.success).toBe(false);
    expect(invalidInput(result.error!).field).toBe('displayName');
  });

  it('reports a missing field by name in the message', () => {
    const result = joinRoomRequestSchema.safeParse({ roomName: 'sesion-190' });
    expect(invalidInput(result.error!).message).toMatch(/^displayName: /);
  });
});
