import { acceptHMRUpdate, defineStore } from 'pinia';
import { ref } from 'vue';
import type { InAppNoticeDto } from '../../shared/notices';
import { api } from '../services/api';
import { appSocket, subscribe, type AppClientSocket } from '../services/socket';

/**
 * The signed-in person's notices in the app, newest first, and how many are unread: loaded as the
 * socket connects, and again at each reconnection (what was pushed meanwhile was missed), added to
 * as the server pushes new ones.
 */
export const useNoticesStore = defineStore('notices', () => {
  const notices = ref<InAppNoticeDto[]>([]);
  const unread = ref(0);
  const loaded = ref(false);

  async function load(): Promise<void> {
    const answer = await api('GET /me/notices');
    notices.value = answer.notices;
    unread.value = answer.unread;
    loaded.value = true;
  }

  function added(notice: InAppNoticeDto): void {
    if (notices.value.some((known) => known.id === notice.id)) return;
    notices.value = [notice, ...notices.value];
    unread.value += 1;
  }

  /** Marks these read on the server, and here once it has them. */
  async function markRead(ids: string[]): Promise<void> {
    const unreadIds = ids.filter((id) => notices.value.some((notice) => notice.id === id && !notice.readAt));
    if (!unreadIds.length) return;
    const answer = await api('POST /me/notices/read', { body: { ids: unreadIds } });
    const readAt = new Date().toISOString();
    notices.value = notices.value.map((notice) => (unreadIds.includes(notice.id) ? { ...notice, readAt } : notice));
    unread.value = answer.unread;
  }

  async function markAllRead(): Promise<void> {
    const answer = await api('POST /me/notices/read', { body: { all: true } });
    const readAt = new Date().toISOString();
    notices.value = notices.value.map((notice) => (notice.readAt ? notice : { ...notice, readAt }));
    unread.value = answer.unread;
  }

  let stopListening: (() => void) | null = null;

  /** Follows the signed-in person's notices over `socket` (the tab's own unless a test gives one). */
  function start(socket: AppClientSocket = appSocket()): void {
    stopListening?.();
    // Nowhere to say it: the count stays as it was, and the home page's list loads (and says) again.
    const reload = () => void load().catch(() => {});
    socket.on('connect', reload);
    const stopPushes = subscribe(socket, 'notice:new', added);
    stopListening = () => {
      socket.off('connect', reload);
      stopPushes();
    };
    if (socket.connected) reload();
  }

  function stop(): void {
    stopListening?.();
    stopListening = null;
    notices.value = [];
    unread.value = 0;
    loaded.value = false;
  }

  return { notices, unread, loaded, load, markRead, markAllRead, start, stop };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useNoticesStore, import.meta.hot));
