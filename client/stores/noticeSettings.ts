import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { noticeKinds, type NoticeKind, type NoticeSettingsDto } from '../../shared/notices';
import { api } from '../services/api';

/**
 * The signed-in person's choice of which emails reach them. The page asks "what do you want to
 * get" (a ticked box receives); the server keeps what was turned off, so new kinds reach everyone.
 */
export const useNoticeSettingsStore = defineStore('noticeSettings', () => {
  const settings = ref<NoticeSettingsDto | null>(null);

  /** The kinds whose email reaches the person, as last saved. */
  const received = computed(() => (settings.value ? noticeKinds.filter((kind) => !settings.value!.emailOptOut.includes(kind)) : []));

  async function load(): Promise<void> {
    settings.value = (await api('GET /me/notice-settings')).settings;
  }

  /** Keeps what is kept only once the server has it: a refused save leaves the last saved choice. */
  async function save(receiving: readonly NoticeKind[]): Promise<void> {
    const emailOptOut = noticeKinds.filter((kind) => !receiving.includes(kind));
    settings.value = (await api('PUT /me/notice-settings', { body: { emailOptOut } })).settings;
  }

  return { settings, received, load, save };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useNoticeSettingsStore, import.meta.hot));
