import { acceptHMRUpdate, defineStore } from 'pinia';
import { ref } from 'vue';
import type { ServerToClientEvents } from '../../shared/events';
import { formatDateTime } from '../format';
import { i18n } from '../i18n';
import { appSocket, closeAppSocket, subscribe } from '../services/socket';

export interface Toast {
  id: number;
  text: string;
  link?: string;
}

type SessionChange = Parameters<ServerToClientEvents['session:changed']>[0];
const TOAST_MS = 10_000;

/** Live notices for the signed-in person, such as a session of their centre being moved or cancelled. */
export const useNotificationsStore = defineStore('notifications', () => {
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

  function describe({ session, change }: SessionChange): string {
    const t = i18n.global.t;
    const what =
      change === 'cancelled'
        ? t('home.todo.cancelled', { reason: session.cancelReason ?? '' })
        : change === 'rescheduled'
          ? formatDateTime(session.startsAt, session.timeZone)
          : t(`manage.changes.${change}`);
    return t('manage.changedElsewhere', { number: session.number, change: what });
  }

  let stopListening: (() => void) | null = null;

  function start(): void {
    stopListening?.();
    stopListening = subscribe(appSocket(), 'session:changed', (event) => show(describe(event), `/sesiones/${event.session.id}`));
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
