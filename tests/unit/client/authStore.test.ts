import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAuthStore } from '../../../client/stores/auth';

describe('signing out', () => {
  const happened: string[] = [];

  beforeEach(() => {
    setActivePinia(createPinia());
    happened.length = 0;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) => {
        happened.push(`${init.method} ${url}`);
        return new Response(null, { status: 204 });
      }),
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  it('leaves the room first, while the account can still say goodbye, then ends the sign-in', async () => {
    const auth = useAuthStore();
    auth.user = { id: 'u1', name: 'Dra. Coordinadora', email: 'coordinacion@oncoboard.mx', roles: ['coordinator'], centerId: 'c1', specialty: '', active: true };
    auth.beforeSignOut(async () => {
      await Promise.resolve();
      happened.push('left the room');
    });

    await auth.signOut();

    expect(happened).toEqual(['left the room', 'POST /api/auth/logout']);
    expect(auth.signedIn).toBe(false);
  });
});
