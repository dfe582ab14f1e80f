import { defineComponent, h, ref } from 'vue';
import { useAccountStore } from './main';

/** A sign-in form posting JSON: what the sign-in page does, with nothing of its own. */
export default defineComponent(() => {
  const account = useAccountStore();
  const email = ref('');
  async function signIn(): Promise<void> {
    const answer = await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: email.value }) });
    account.name = answer.ok ? email.value : null;
  }
  return () => h('form', { onSubmit: signIn }, [h('input', { value: email.value, onInput: (event: Event) => (email.value = (event.target as HTMLInputElement).value) })]);
});
