import { acceptHMRUpdate, defineStore } from 'pinia';
import { ref } from 'vue';
import type { SessionChange, SessionNews } from '../../shared/events';
import type { RouteInput } from '../../shared/routes';
import type { SessionDto } from '../../shared/sessions';
import { api } from '../services/api';
import { latestAnswer } from '../services/latestAnswer';
import { followSessionNews, supersedes } from '../services/sessionNews';
import { appSocket, type AppClientSocket } from '../services/socket';

export type SessionListQuery = NonNullable<RouteInput<'GET /sessions'>['query']>;

/** Changes that may add a session to a list, take one out of it, or reorder it: the list is read again. */
const RESHAPING: readonly SessionChange[] = ['scheduled', 'invited', 'rescheduled'];

/**
 * A list of sessions a page shows, kept as the server tells of changes: a session in it is
 * replaced in place, and the list read again (quietly, without blanking) when a change may
 * reshape it. Each page has its own, so one's list never flashes on the other.
 */
function sessionListStore(name: string) {
  return defineStore(`sessionList:${name}`, () => {
    const sessions = ref<SessionDto[]>([]);
    let query: SessionListQuery | null = null;
    // Filters may have changed, or news come, while a read was on its way.
    const latest = latestAnswer();
    let stopListening: (() => void) | null = null;

    /** Shows the sessions `next` asks for, following their news until close(); rejects when they cannot be read. */
    async function open(next: SessionListQuery, socket: AppClientSocket = appSocket()): Promise<void> {
      query = next;
      stopListening ??= followSessionNews(socket, {
        changed: hear,
        withdrawn: (event) => (sessions.value = sessions.value.filter((session) => session.id !== event.sessionId)),
        missed: refresh,
      });
      await load();
    }

    function close(): void {
      stopListening?.();
      stopListening = null;
      query = null;
    }

    async function load(): Promise<void> {
      if (!query) return;
      const answer = await latest(api('GET /sessions', { query }));
      if (answer) sessions.value = answer.sessions;
    }

    function refresh(): void {
      load().catch(() => undefined);
    }

    function hear(news: SessionNews): void {
      const index = sessions.value.findIndex((session) => session.id === news.session.id);
      const shown = sessions.value[index];
      if (shown && supersedes(news.session, shown)) sessions.value.splice(index, 1, news.session);
      if (RESHAPING.includes(news.change)) refresh();
    }

    return { sessions, open, close };
  });
}

export const useHomeSessionsStore = sessionListStore('home');
export const useSessionListStore = sessionListStore('browse');
/** The case sessions ahead, a death can be taken to for review. */
export const useReviewSessionsStore = sessionListStore('review');

if (import.meta.hot) {
  import.meta.hot.accept(acceptHMRUpdate(useHomeSessionsStore, import.meta.hot));
  import.meta.hot.accept(acceptHMRUpdate(useSessionListStore, import.meta.hot));
  import.meta.hot.accept(acceptHMRUpdate(useReviewSessionsStore, import.meta.hot));
}
