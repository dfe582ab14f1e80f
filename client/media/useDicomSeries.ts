import { onBeforeUnmount, ref, watch, type Ref } from 'vue';
import { decodeDicom, type DicomImage } from './dicomImage';

/** Files fetched at once: enough to fill a hospital link, few enough that the slice on screen comes first. */
const PARALLEL_FETCHES = 3;

/**
 * Loads the files of a DICOM series one by one, the one on screen first and then outward from it,
 * so the first slice shows while the rest arrive. `loaded` counts them for a progress bar;
 * `version` changes whenever a file arrives (the images themselves are not reactive: large typed
 * arrays must not be wrapped in proxies).
 */
export function useDicomSeries(urls: Ref<string[]>, focus: Ref<number>) {
  const loaded = ref(0);
  const failed = ref(0);
  const version = ref(0);
  let images: (DicomImage | undefined)[] = [];
  let pending = new Set<number>();
  const failures = new Set<number>();
  let running = 0;
  let abort = new AbortController();

  /** The pending file nearest to the one on screen. */
  function next(): number | undefined {
    let best: number | undefined;
    for (const index of pending) if (best === undefined || Math.abs(index - focus.value) < Math.abs(best - focus.value)) best = index;
    return best;
  }

  async function fetchOne(index: number, signal: AbortSignal): Promise<void> {
    try {
      const response = await fetch(urls.value[index]!, { credentials: 'same-origin', signal });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      images[index] = decodeDicom(new Uint8Array(await response.arrayBuffer()));
      loaded.value += 1;
    } catch (cause) {
      if (signal.aborted) return;
      failures.add(index);
      failed.value = failures.size;
      console.warn('[DicomViewer] could not load file', index + 1, cause);
    }
    version.value += 1;
  }

  function pump(): void {
    const signal = abort.signal;
    while (running < PARALLEL_FETCHES && !signal.aborted) {
      const index = next();
      if (index === undefined) return;
      pending.delete(index);
      running += 1;
      void fetchOne(index, signal).finally(() => {
        if (signal !== abort.signal) return;
        running -= 1;
        pump();
      });
    }
  }

  function start(): void {
    abort.abort();
    abort = new AbortController();
    images = Array.from({ length: urls.value.length }, () => undefined);
    pending = new Set(images.keys());
    running = 0;
    failures.clear();
    loaded.value = 0;
    failed.value = 0;
    version.value += 1;
    pump();
  }

  /** Fetches again the files that failed. */
  function retry(): void {
    for (const index of failures) pending.add(index);
    failures.clear();
    failed.value = 0;
    pump();
  }

  watch(urls, start, { immediate: true });
  onBeforeUnmount(() => abort.abort());

  return { loaded, failed, version, retry, image: (index: number): DicomImage | undefined => images[index] };
}
