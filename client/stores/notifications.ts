import { acceptHMRUpdate, defineStore } from 'pinia';
import { ref } from 'vue';
import type { SessionChange, SessionNews } from '../../shared/events';
import { formatDateTime } from '../format';
import { i18n } from '../i18n';
import { appSocket, closeAppSocket, subscribe } from '../services/socket';
import { useAuthStore } from './auth';

export interface Toast {
  id: number;
  text: string;
  link?: string;
}

const TOAST_MS = 10_000;
/** News worth interrupting someone for; the rest (cases, agreements, minutes) only updates the pages. */
const TOLD: readonly SessionChange[] = ['scheduled', 'invited', 'rescheduled', 'agenda', 'cancelled', 'opened'];

/** Live notices for the signed-in person of what others changed, such as a session of their centre being moved or cancelled. */
export const useNotificationsStore = defineStore('notifications', () => {
  const auth = useAuthStore();
  const toasts = ref<Toast[]>([]);
  let nextId = 1;

  function show(text: string, link?: string): void {
    const id = nextId++;
    toasts.value.push({ id, text, ...(link ? { link } : {}) });
    setTimeout(() => dismiss(id), TOAST_MS);
  }

  function dismiss(id: number): void {
    toasts.value = toasts.value.filter((toast) => toast.id !== id);
  }

  function describe({ session, change }: SessionNews): string {
    const t = i18n.global.t;
    if (change === 'invited') return t('manage.invited', { number: session.number, title: session.title, date: formatDateTime(session.startsAt, session.timeZone) });
    if (change === 'opened') return t('manage.opened', { number: session.number });
    const what =
      change === 'cancelled'
        ? t('home.todo.cancelled', { reason: session.cancelReason ?? '' })
        : change === 'rescheduled'
          ? formatDateTime(session.startsAt, session.timeZone)
          : t(`manage.changes.${change}`);
    return t('manage.changedElsewhere', { number: session.number, change: what });
  }

  /** One's own change is already on one's screen: it is not told back. */
  const byOthers = (event: { byUserId: string | null }) => event.byUserId !== auth.user?.id;

  let stopListening: (() => void) | null = null;

  function start(): void {
    stopListening?.();
    const socket = appSocket();
    const stops = [
      subscribe(socket, 'session:changed', (news) => {
        if (byOthers(news) && TOLD.includes(news.change)) show(describe(news), `/sesiones/${news.session.id}`);
      }),
      subscribe(socket, 'session:withdrawn', (event) => {
        if (byOthers(event)) show(i18n.global.t('manage.withdrawn', { number: event.number }));
      }),
    ];
    stopListening = () => stops.forEach((stop) => stop());
  }

  function stop(): void {
    stopListening?.();
    stopListening = null;
    closeAppSocket();
    toasts.value = [];
  }

  return { toasts, show, dismiss, start, stop };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useNotificationsStore, import.meta.hot));
