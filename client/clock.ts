import { computed, onScopeDispose, ref, watch, type ComputedRef, type Ref } from 'vue';
import { calendarDayOf } from '../shared/time';

/** setTimeout fires at once past this (about 24.8 days); longer waits are taken in steps. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/**
 * Whether the instant `when` gives (an ISO date, or none) has come: it turns true at that moment,
 * so a page changes when a room opens or a cut-off passes, without a reload. A new instant (a
 * session moved) is followed from then on.
 */
export function useReached(when: () => string | null | undefined): ComputedRef<boolean> {
  const now = ref(Date.now());
  let timer: ReturnType<typeof setTimeout> | undefined;

  function wake(at: number): void {
    clearTimeout(timer);
    now.value = Date.now();
    const wait = at - now.value;
    if (wait > 0) timer = setTimeout(() => wake(at), Math.min(wait, LONGEST_TIMER_MS));
  }

  watch(when, (instant) => (instant ? wake(Date.parse(instant)) : clearTimeout(timer)), { immediate: true });
  onScopeDispose(() => clearTimeout(timer));
  return computed(() => {
    const instant = when();
    return !!instant && now.value >= Date.parse(instant);
  });
}

/** The time now, refreshed every `periodMs`: for lists whose wording depends on it (a cut-off passed). */
export function useNow(periodMs = 30_000): Ref<number> {
  const now = ref(Date.now());
  const timer = setInterval(() => (now.value = Date.now()), periodMs);
  onScopeDispose(() => clearInterval(timer));
  return now;
}

/** Today on Mexico City's calendar, turning over at its midnight: what the patients' clocks count to. */
export function useToday(): ComputedRef<string> {
  const now = useNow(60_000);
  return computed(() => calendarDayOf(new Date(now.value)));
}
