import { acceptHMRUpdate, defineStore } from 'pinia';
import { ref } from 'vue';
import type { CommitmentRuleDto } from '../../shared/pathway';
import type { CommitmentChange } from '../../shared/pathwaySchemas';
import type { TurnaroundRuleDto } from '../../shared/studies';
import type { TurnaroundChange } from '../../shared/studySchemas';
import { api } from '../services/api';

/**
 * The network's commitments to families, every rule it has had (oldest first; none: the defaults):
 * the patient's pathway, and the reference laboratories' turnaround per study type. Shared by the
 * case pages, whose clocks keep the rule of the day they started, and the page that changes them,
 * so a change shows everywhere without another read.
 */
export const useCommitmentsStore = defineStore('commitments', () => {
  const rules = ref<CommitmentRuleDto[]>([]);
  const turnaroundRules = ref<TurnaroundRuleDto[]>([]);

  async function load(): Promise<void> {
    rules.value = (await api('GET /settings/commitments')).rules;
  }

  async function change(body: CommitmentChange): Promise<void> {
    rules.value = (await api('PUT /settings/commitments', { body })).rules;
  }

  async function loadTurnarounds(): Promise<void> {
    turnaroundRules.value = (await api('GET /settings/turnarounds')).rules;
  }

  async function changeTurnarounds(body: TurnaroundChange): Promise<void> {
    turnaroundRules.value = (await api('PUT /settings/turnarounds', { body })).rules;
  }

  return { rules, turnaroundRules, load, change, loadTurnarounds, changeTurnarounds };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useCommitmentsStore, import.meta.hot));
