import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { StudyAttention, StudyDto } from '../../shared/studies';
import { api } from '../services/api';
import { latestAnswer } from '../services/latestAnswer';

/** A study listed with the late ones, and why. */
export type NeedingAttention = StudyDto & { attention: StudyAttention };

/**
 * The laboratory studies people look at beside other things: those past or near their turnaround
 * or not received (the home page), a session's by case (its agenda), and the studies of the case
 * the live room is discussing that need attention. Each is as the server read it when asked.
 */
export const useStudiesStore = defineStore('studies', () => {
  const attention = ref<StudyDto[] | null>(null);
  const ofSession = ref<StudyDto[]>([]);
  const ofCaseOnBoard = ref<NeedingAttention[]>([]);
  const latestOfSession = latestAnswer();
  const latestOfCase = latestAnswer();

  /** A session's studies, by the case they belong to. */
  const bySessionCase = computed(() => {
    const byCase = new Map<string, StudyDto[]>();
    for (const study of ofSession.value) byCase.set(study.caseId, [...(byCase.get(study.caseId) ?? []), study]);
    return byCase;
  });

  async function loadAttention(): Promise<void> {
    attention.value = (await api('GET /studies/attention')).studies;
  }

  async function loadSession(id: string): Promise<void> {
    const answer = await latestOfSession(api('GET /sessions/:id/studies', { params: { id } }));
    if (answer) ofSession.value = answer.studies;
  }

  /** The case on the board's studies needing attention; none while another case is being read. */
  async function loadCaseOnBoard(caseId: string): Promise<void> {
    ofCaseOnBoard.value = [];
    const answer = await latestOfCase(api('GET /cases/:id/studies', { params: { id: caseId } }));
    if (answer) ofCaseOnBoard.value = answer.studies.filter((study): study is NeedingAttention => !!study.attention);
  }

  return { attention, ofSession, bySessionCase, ofCaseOnBoard, loadAttention, loadSession, loadCaseOnBoard };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useStudiesStore, import.meta.hot));
