import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GuestDto } from '../../../shared/guests';
import { useFormErrors } from '../../../client/forms/useFormErrors';
import { RequestError } from '../../../client/services/socket';
import { invitationSchemaFor, useGuestsStore } from '../../../client/stores/guests';

const rosa: GuestDto = {
  id: 'g1',
  sessionId: 's1',
  name: 'Rosa',
  kind: 'family',
  affiliation: 'madre de paciente',
  email: null,
  invitedByName: 'Dra. Hernández',
  invitedAt: '2026-12-01T15:00:00.000Z',
  revokedAt: null,
  firstUsedAt: null,
  lastUsedAt: null,
  emailed: false,
};

describe('a session’s invited guests', () => {
  const answers: Record<string, unknown> = {};

  beforeEach(() => {
    setActivePinia(createPinia());
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) => Response.json(answers[`${init.method} ${url}`], { status: 200 })),
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows a new link once, lists its guest first, and forgets the link when that guest’s link is revoked', async () => {
    const guests = useGuestsStore();
    answers['GET /api/sessions/s1/guests'] = { guests: [{ ...rosa, id: 'g0', name: 'Ana' }] };
    await guests.load('s1');
    answers['POST /api/sessions/s1/guests'] = { guest: rosa, link: 'https://oncoboard.mx/invitado#x', opensAt: '2026-12-01T16:30:00.000Z', closesAt: '2026-12-01T20:30:00.000Z' };
    await guests.invite('s1', { name: 'Rosa', kind: 'family' });
    expect(guests.invitation?.link).toBe('https://oncoboard.mx/invitado#x');
    expect(guests.guests.map((guest) => guest.name)).toEqual(['Rosa', 'Ana']);

    answers['POST /api/sessions/s1/guests/g1/revoke'] = { guest: { ...rosa, revokedAt: '2026-12-01T17:00:00.000Z' } };
    await guests.revoke(rosa);
    expect(guests.invitation).toBeNull();
    expect(guests.guests[0]).toMatchObject({ id: 'g1', revokedAt: '2026-12-01T17:00:00.000Z' });
    expect(guests.guests).toHaveLength(2);
  });

  it('starts empty for another session rather than show the previous one’s guests or link', async () => {
    const guests = useGuestsStore();
    answers['GET /api/sessions/s1/guests'] = { guests: [rosa] };
    await guests.load('s1');
    answers['GET /api/sessions/s2/guests'] = { guests: [] };
    await guests.load('s2');
    expect(guests.guests).toEqual([]);
  });
});

describe('the invitation form’s messages', () => {
  it('says a family member goes by first name only, where the usual name message says nothing of it', () => {
    const errors = useFormErrors('guests.fields');
    expect(errors.check(invitationSchemaFor('family'), { name: 'Rosa María Pérez', kind: 'family' })).toBe(false);
    expect(errors.fields.value.name).toContain('solo el nombre de pila');
    errors.capture(RequestError.fromBody({ code: 'invalid_input', message: 'name: must be a first name only', field: 'name' }));
    expect(errors.fields.value.name).toContain('solo el nombre de pila');
    // A field the form has no message of its own for keeps the usual one.
    errors.capture(RequestError.fromBody({ code: 'invalid_input', message: 'bad', field: 'title' }));
    expect(errors.fields.value.title).toBe('El título debe tener de 3 a 200 caracteres.');
  });
});
