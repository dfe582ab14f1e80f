import { ref } from 'vue';
import { useFormErrors } from './useFormErrors';

/**
 * A form's save: the button disabled while it is sent, the server's refusal shown by field (what
 * was typed stays), and "Guardado" once it is kept.
 */
export function useFormSave(send: () => Promise<unknown>) {
  const errors = useFormErrors();
  const saved = ref(false);
  const saving = ref(false);

  async function save(): Promise<void> {
    saved.value = false;
    saving.value = true;
    errors.clear();
    try {
      await send();
      saved.value = true;
    } catch (error) {
      errors.capture(error);
    } finally {
      saving.value = false;
    }
  }

  return { errors, saved, saving, save };
}
