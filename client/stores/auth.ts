import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { can as holderCan, type Action } from '../../shared/permissions';
import type { GuestEntryDto } from '../../shared/guests';
import type { UserDto } from '../../shared/users';
import { api } from '../services/api';
import { RequestError } from '../services/socket';

/** Set in a tab that entered with an invitation link. */
const GUEST_TAB = 'oncoboard.guestTab';

/** Who is signed in. The cookie is httpOnly, so the server is asked rather than the browser. */
export const useAuthStore = defineStore('auth', () => {
  const user = ref<UserDto | null>(null);
  const checked = ref(false);

  const signedIn = computed(() => user.value !== null);
  /** What the permissions table lets the signed-in person do (over a thing of `centerId`, when given). */
  const can = (action: Action, centerId?: string) => holderCan(user.value, action, centerId);
  /** A reference laboratory's account: it reaches only its studies' page, and no live connection. */
  const laboratoryOnly = computed(() => !!user.value && user.value.roles.every((role) => role === 'laboratory'));
  /** An invited guest (no account): what their link reaches is their one session's room. */
  const guest = computed(() => user.value?.guest ?? null);
  /**
   * What must be closed while still signed in, such as the live room: registered by the store that
   * owns it, so that the pages which sign out do not load the room's code to ask whether one is open.
   */
  const departures = new Set<() => Promise<void>>();
  function beforeSignOut(depart: () => Promise<void>): void {
    departures.add(depart);
  }

  async function refresh(): Promise<void> {
    try {
      user.value = (await api('GET /auth/me')).user;
    } catch (error) {
      if (!(error instanceof RequestError && error.code === 'unauthenticated')) throw error;
      user.value = null;
    } finally {
      checked.value = true;
    }
  }

  async function signIn(email: string, password: string): Promise<void> {
    user.value = (await api('POST /auth/login', { body: { email, password } })).user;
    sessionStorage.removeItem(GUEST_TAB);
  }

  /** Exchanges an invitation link's token for a sign-in to its session, then learns who the guest is. */
  async function enterAsGuest(token: string): Promise<GuestEntryDto> {
    const entry = await api('POST /guest/enter', { body: { token } });
    sessionStorage.setItem(GUEST_TAB, '1');
    await refresh();
    return entry;
  }

  /** Whether this tab entered with an invitation link (kept for the tab's life, past the sign-in's end). */
  const wasGuest = () => sessionStorage.getItem(GUEST_TAB) === '1';

  /** The server already ended this sign-in (a guest's link was revoked): forget it without asking it again. */
  function forget(): void {
    user.value = null;
  }

  async function signOut(): Promise<void> {
    await Promise.all([...departures].map((depart) => depart()));
    await api('POST /auth/logout');
    user.value = null;
  }

  return { user, checked, signedIn, can, laboratoryOnly, guest, wasGuest, refresh, signIn, enterAsGuest, forget, signOut, beforeSignOut };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useAuthStore, import.meta.hot));
