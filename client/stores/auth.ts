import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Role } from '../../shared/roles';
import type { UserDto } from '../../shared/users';
import { api } from '../services/api';
import { RequestError } from '../services/socket';

/** Who is signed in. The cookie is httpOnly, so the server is asked rather than the browser. */
export const useAuthStore = defineStore('auth', () => {
  const user = ref<UserDto | null>(null);
  const checked = ref(false);

  const signedIn = computed(() => user.value !== null);
  const hasRole = (...roles: Role[]) => !!user.value?.roles.some((role) => roles.includes(role));

  async function refresh(): Promise<void> {
    try {
      user.value = (await api<{ user: UserDto }>('GET', '/auth/me')).user;
    } catch (error) {
      if (!(error instanceof RequestError && error.code === 'unauthenticated')) throw error;
      user.value = null;
    } finally {
      checked.value = true;
    }
  }

  async function signIn(email: string, password: string): Promise<void> {
    user.value = (await api<{ user: UserDto }>('POST', '/auth/login', { email, password })).user;
  }

  async function signOut(): Promise<void> {
    await api('POST', '/auth/logout');
    user.value = null;
  }

  return { user, checked, signedIn, hasRole, refresh, signIn, signOut };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useAuthStore, import.meta.hot));
