import { ref } from 'vue';
import type { z } from 'zod';
import type { IdentityLeakKind } from '../../shared/caseRules';
import { i18n } from '../i18n';
import { RequestError } from '../services/socket';

/**
 * Field and form messages in the user's language, from the shared schema before sending and
 * from the server's refusal after: a refused field is marked next to its input. A form whose
 * fields mean something else than elsewhere (a guest's name, an email that is no account's) takes
 * its messages from its own `namespace` first.
 */
export function useFormErrors(namespace = 'fields') {
  const fields = ref<Record<string, string>>({});
  const general = ref<string | null>(null);
  const t = i18n.global.t;

  const fieldMessage = (field: string) => {
    const key = [`${namespace}.${field}`, `fields.${field}`].find((candidate) => i18n.global.te(candidate));
    return key ? t(key) : t('errors.invalid_input');
  };

  /** The field's message, and what was found in it when it looks like patient data (shared/caseRules.ts). */
  const issueMessage = (field: string, issue: z.core.$ZodIssue) => {
    const leak = issue.code === 'custom' ? (issue.params?.identityLeak as IdentityLeakKind | undefined) : undefined;
    return leak ? `${fieldMessage(field)} ${t(`identityLeaks.${leak}`)}` : fieldMessage(field);
  };

  function clear(): void {
    fields.value = {};
    general.value = null;
  }

  /** Checks `value` with `schema`; false (with messages set) when it does not pass. */
  function check<S extends z.ZodType>(schema: S, value: unknown): value is z.input<S> {
    clear();
    const result = schema.safeParse(value);
    if (result.success) return true;
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? '');
      if (field && !fields.value[field]) fields.value[field] = issueMessage(field, issue);
    }
    if (Object.keys(fields.value).length === 0) general.value = t('errors.invalid_input');
    return false;
  }

  function capture(error: unknown): void {
    clear();
    if (error instanceof RequestError) {
      const field = error.field?.split('.')[0];
      // A reason says more than the field's usual message (a DICOM file refused says why).
      if (field) fields.value[field] = error.reason ? t(`errors.reasons.${error.reason}`) : fieldMessage(field);
      else if (error.reason) general.value = t(`errors.reasons.${error.reason}`);
      else general.value = t(`errors.${error.code}`, { message: error.message });
      return;
    }
    general.value = t('errors.internal');
  }

  return { fields, general, clear, check, capture };
}
