import { ref } from 'vue';
import type { z } from 'zod';
import { useFormErrors } from './useFormErrors';

/**
 * A coordinator's change of one of the network's rules (commitments, turnarounds) from today on:
 * checked with the shared schema before it is sent, the server's refusal shown by field, and
 * "Guardado" once it is kept.
 */
export function useRuleChange<S extends z.ZodType>(schema: S, form: () => z.input<S>, send: (change: z.output<S>) => Promise<void>) {
  const errors = useFormErrors();
  const saved = ref(false);

  async function save(): Promise<void> {
    saved.value = false;
    const value = form();
    if (!errors.check(schema, value)) return;
    try {
      await send(schema.parse(value));
      saved.value = true;
    } catch (error) {
      errors.capture(error);
    }
  }

  return { errors, saved, save };
}
