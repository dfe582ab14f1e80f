import { describe, expect, it } from 'vitest';
import { useFormErrors } from '../../../client/forms/useFormErrors';
import { RequestError } from '../../../client/services/socket';

describe('refusals as people read them', () => {
  it('explains a conflict by its reason in Spanish, and falls back to the code without one', () => {
    const errors = useFormErrors();
    errors.capture(RequestError.fromBody({ code: 'conflict', message: 'below threshold', reason: 'not_credited' }));
    expect(errors.general.value).toBe('La asistencia registrada no alcanza el mínimo de la sesión para otorgar constancia.');
    errors.capture(RequestError.fromBody({ code: 'conflict', message: 'stale' }));
    expect(errors.general.value).toBe('La acción entra en conflicto con el estado actual. Intente de nuevo.');
  });
});
