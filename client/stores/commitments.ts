import { acceptHMRUpdate, defineStore } from 'pinia';
import { ref } from 'vue';
import type { CommitmentChange, CommitmentRuleDto } from '../../shared/pathway';
import { api } from '../services/api';

/**
 * The network's commitments to families, every rule it has had (oldest first; none: the defaults).
 * Shared by the case pages, whose clocks keep the rule of the day they started, and the page that
 * changes them, so a change shows everywhere without another read.
 */
export const useCommitmentsStore = defineStore('commitments', () => {
  const rules = ref<CommitmentRuleDto[]>([]);

  async function load(): Promise<void> {
    rules.value = (await api('GET /settings/commitments')).rules;
  }

  async function change(body: CommitmentChange): Promise<void> {
    rules.value = (await api('PUT /settings/commitments', { body })).rules;
  }

  return { rules, load, change };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useCommitmentsStore, import.meta.hot));
