import { onBeforeUnmount, reactive, watch, type Ref } from 'vue';

/** The content-box size of an element, kept up to date as it changes (0 × 0 while there is none). */
export function useElementSize(target: Ref<HTMLElement | null>): { width: number; height: number } {
  const size = reactive({ width: 0, height: 0 });
  const observer = new ResizeObserver(([entry]) => {
    size.width = Math.round(entry?.contentRect.width ?? 0);
    size.height = Math.round(entry?.contentRect.height ?? 0);
  });
  watch(
    target,
    (element, previous) => {
      if (previous) observer.unobserve(previous);
      if (element) observer.observe(element);
    },
    { immediate: true },
  );
  onBeforeUnmount(() => observer.disconnect());
  return size;
}
