import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequestError } from '../../../client/services/socket';
import { useNoticeSettingsStore } from '../../../client/stores/noticeSettings';
import type { NoticeSettingsDto } from '../../../shared/notices';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const settings = (emailOptOut: NoticeSettingsDto['emailOptOut']): { settings: NoticeSettingsDto } => ({ settings: { emailOptOut, emailSent: false } });

describe('the email notice settings store', () => {
  let answer: (url: string, init: RequestInit) => Response | Promise<Response>;
  let sent: { method?: string; body: unknown }[];

  beforeEach(() => {
    setActivePinia(createPinia());
    sent = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) => {
        sent.push({ method: init.method, body: init.body ? JSON.parse(init.body as string) : undefined });
        return answer(url, init);
      }),
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  it('ticks every kind the person did not turn off', async () => {
    const store = useNoticeSettingsStore();
    expect(store.received).toEqual([]);
    answer = () => json(settings(['agreement_due']));
    await store.load();
    expect(store.received).toEqual(['session_invitation', 'session_change', 'guest_invitation', 'agreement_overdue', 'commitment_late']);
    expect(store.settings?.emailSent).toBe(false);
  });

  it('sends the unticked kinds as turned off, and shows what the server kept', async () => {
    const store = useNoticeSettingsStore();
    answer = () => json(settings(['agreement_overdue', 'session_change']));
    await store.save(['commitment_late', 'session_invitation', 'guest_invitation', 'agreement_due']);
    expect(sent).toEqual([{ method: 'PUT', body: { emailOptOut: ['session_change', 'agreement_overdue'] } }]);
    expect(store.received).toEqual(['session_invitation', 'guest_invitation', 'agreement_due', 'commitment_late']);
  });

  it('keeps the last saved choice when a save is refused', async () => {
    const store = useNoticeSettingsStore();
    answer = () => json(settings([]));
    await store.load();
    answer = () => json({ error: { code: 'invalid_input', message: 'emailOptOut: invalid', field: 'emailOptOut' } }, 400);
    await expect(store.save([])).rejects.toBeInstanceOf(RequestError);
    expect(store.received).toHaveLength(6);
  });
});
