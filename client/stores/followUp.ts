import { acceptHMRUpdate, defineStore } from 'pinia';
import { ref } from 'vue';
import { followUpPending, type CaseFollowUpDto } from '../../shared/followUp';
import type { FollowThroughRequest, OutcomeRequest } from '../../shared/followUpSchemas';
import { api } from '../services/api';
import { latestAnswer } from '../services/latestAnswer';
import { RequestError } from '../services/socket';

/**
 * What came of the confirmed recommendations: the one of the case page open, and the cases whose
 * follow-up the home page asks for. What is recorded on a case replaces it in both, so a case
 * nothing more is asked of leaves the home page's list without another read.
 */
export const useFollowUpStore = defineStore('followUp', () => {
  const caseId = ref<string | null>(null);
  /** The case's follow-up; null while reading, or when its recommendation is not confirmed. */
  const followUp = ref<CaseFollowUpDto | null>(null);
  const due = ref<CaseFollowUpDto[] | null>(null);
  // A case page left for another while its read was on its way.
  const latest = latestAnswer();

  async function open(id: string): Promise<void> {
    caseId.value = id;
    followUp.value = null;
    const answer = await latest(api('GET /cases/:id/follow-up', { params: { id } }));
    if (answer) followUp.value = answer.followUp;
  }

  function keep(recorded: CaseFollowUpDto): void {
    if (recorded.caseId === caseId.value) followUp.value = recorded;
    if (!due.value) return;
    due.value = followUpPending(recorded)
      ? due.value.map((listed) => (listed.caseId === recorded.caseId ? recorded : listed))
      : due.value.filter((listed) => listed.caseId !== recorded.caseId);
  }

  function openCase(): string {
    if (!caseId.value) throw new Error('no case open');
    return caseId.value;
  }

  /** Keeps what a write answers; refused because someone else wrote meanwhile, shows what they recorded (without blanking the page) and passes the refusal on. */
  async function write(id: string, writing: Promise<{ followUp: CaseFollowUpDto }>): Promise<void> {
    try {
      keep((await writing).followUp);
    } catch (error) {
      if (error instanceof RequestError && error.field === 'version') {
        const answer = await latest(api('GET /cases/:id/follow-up', { params: { id } }));
        if (answer?.followUp) keep(answer.followUp);
      }
      throw error;
    }
  }

  function recordFollowThrough(body: FollowThroughRequest): Promise<void> {
    const id = openCase();
    return write(id, api('PUT /cases/:id/follow-up/follow-through', { params: { id }, body }));
  }

  function recordOutcome(body: OutcomeRequest): Promise<void> {
    const id = openCase();
    return write(id, api('PUT /cases/:id/follow-up/outcomes', { params: { id }, body }));
  }

  function takeToMortalityReview(sessionId: string): Promise<void> {
    const id = openCase();
    return write(id, api('POST /cases/:id/follow-up/mortality-review', { params: { id }, body: { sessionId } }));
  }

  async function loadDue(): Promise<void> {
    due.value = (await api('GET /follow-up/due')).cases;
  }

  return { caseId, followUp, due, open, recordFollowThrough, recordOutcome, takeToMortalityReview, loadDue };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useFollowUpStore, import.meta.hot));
