import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { CenterDto } from '../../shared/centers';
import { api } from '../services/api';

/** The network's centres, loaded once per visit: names for ids all over the UI. */
export const useCentersStore = defineStore('centers', () => {
  const centers = ref<CenterDto[]>([]);
  let loading: Promise<void> | null = null;

  const byId = computed(() => new Map(centers.value.map((center) => [center.id, center])));
  const nameOf = (id: string) => byId.value.get(id)?.name ?? id;

  function load(): Promise<void> {
    loading ??= api('GET /centers').then(
      (response) => {
        centers.value = response.centers;
      },
      (error: unknown) => {
        loading = null;
        throw error;
      },
    );
    return loading;
  }

  return { centers, byId, nameOf, load };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useCentersStore, import.meta.hot));
