import { acceptHMRUpdate, defineStore } from 'pinia';
import { ref } from 'vue';
import type { CaseDto } from '../../shared/cases';
import type { SessionNews } from '../../shared/events';
import { takesCases, type SessionDto } from '../../shared/sessions';
import { api } from '../services/api';
import { latestAnswer } from '../services/latestAnswer';
import { followSessionNews, supersedes } from '../services/sessionNews';
import { appSocket, type AppClientSocket } from '../services/socket';

/**
 * The session a page shows and its cases, kept as the server tells of changes to it: replaced in
 * place (nothing blanks or jumps), and never by an older version than the one shown.
 */
export const useSessionPageStore = defineStore('sessionPage', () => {
  const session = ref<SessionDto | null>(null);
  const cases = ref<CaseDto[]>([]);
  /** Rises whenever agreements the page lists may have changed: its agreement list reads them again. */
  const agreementsRevision = ref(0);
  /** The person's centre was taken out of the session meanwhile: it is no longer theirs to see. */
  const withdrawn = ref(false);
  let sessionId: string | null = null;
  let stopListening: (() => void) | null = null;
  const latestCases = latestAnswer();

  /** Shows the session `id` and follows its news until close(); rejects when it cannot be read. */
  async function open(id: string, socket: AppClientSocket = appSocket()): Promise<void> {
    close();
    if (session.value?.id !== id) {
      session.value = null;
      cases.value = [];
    }
    sessionId = id;
    withdrawn.value = false;
    stopListening = followSessionNews(socket, { changed: hear, withdrawn: (event) => (withdrawn.value ||= event.sessionId === id), missed: () => void refresh() });
    await load(id);
  }

  function close(): void {
    stopListening?.();
    stopListening = null;
    sessionId = null;
  }

  /** The session, then its cases: a working-group meeting has none to read (its matters are the matters store's). */
  async function load(id: string): Promise<void> {
    const answer = await api('GET /sessions/:id', { params: { id } });
    if (takesCases(answer.session)) await loadCases(id);
    if (id !== sessionId) return;
    if (!takesCases(answer.session)) cases.value = [];
    show(answer.session);
  }

  /** Reads the session again without blanking it; a failure leaves what is shown. */
  async function refresh(): Promise<void> {
    if (sessionId) await load(sessionId).catch(() => undefined);
  }

  async function loadCases(id: string): Promise<void> {
    const answer = await latestCases(api('GET /sessions/:id/cases', { params: { id } }));
    if (answer && id === sessionId) cases.value = answer.cases;
  }

  /** The session as a change left it (the answer to one's own, or news of another's), unless older than what is shown. */
  function show(next: SessionDto): void {
    if (next.id === sessionId && (!session.value || supersedes(next, session.value))) session.value = next;
  }

  function hear(news: SessionNews): void {
    if (!sessionId) return;
    const current = session.value;
    if (news.session.id === sessionId) {
      // Not shown yet: it could not be read (the centre was just invited) or is still loading.
      if (!current) return void refresh();
      show(news.session);
      if (news.change === 'cases') loadCases(sessionId).catch(() => undefined);
    }
    // The page also lists the open agreements of the sessions before this one.
    const listed = news.session.id === sessionId || (!!current && news.session.startsAt < current.startsAt);
    if (news.change === 'agreements' && listed) agreementsRevision.value += 1;
  }

  return { session, cases, agreementsRevision, withdrawn, open, close, refresh, show };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useSessionPageStore, import.meta.hot));
