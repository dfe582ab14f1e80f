import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useNoticesStore } from '../../../client/stores/notices';
import type { InAppNoticeDto } from '../../../shared/notices';
import { FakeSocket } from './fakeSocket';

const notice = (id: string, read = false): InAppNoticeDto => ({
  id,
  kind: 'commitment_late',
  params: { about: 'diagnosis', caseCode: `YUC-2026-${id}`, late: 2, unit: 'days' },
  link: `/casos/${id}`,
  at: '2026-12-01T16:00:00.000Z',
  readAt: read ? '2026-12-01T17:00:00.000Z' : null,
});

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

describe('the notices store', () => {
  let server: FakeSocket;
  let asked: { method: string; url: string; body: unknown }[];
  let unreadOnServer: number;

  beforeEach(() => {
    setActivePinia(createPinia());
    server = new FakeSocket();
    asked = [];
    unreadOnServer = 1;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) => {
        const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
        asked.push({ method: init.method ?? 'GET', url, body });
        if (url.startsWith('/api/me/notices/read')) return json({ unread: body.all ? 0 : --unreadOnServer });
        return json({ notices: [notice('002'), notice('001', true)], unread: unreadOnServer });
      }),
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  async function started() {
    const notices = useNoticesStore();
    notices.start(server.socket);
    // The socket connects: the list is loaded.
    server.notify('connect' as never, undefined as never);
    await vi.waitFor(() => expect(notices.loaded).toBe(true));
    return notices;
  }

  it('loads as the socket connects, and adds what the server pushes at the top, once', async () => {
    const notices = await started();
    expect(notices.notices.map((listed) => listed.id)).toEqual(['002', '001']);
    expect(notices.unread).toBe(1);
    server.notify('notice:new', notice('003'));
    server.notify('notice:new', notice('003'));
    expect(notices.notices.map((listed) => listed.id)).toEqual(['003', '002', '001']);
    expect(notices.unread).toBe(2);
  });

  it('marks read on the server what is unread here, and counts what the server counts', async () => {
    const notices = await started();
    await notices.markRead(['001']);
    expect(asked.filter((request) => request.method === 'POST')).toEqual([]);
    await notices.markRead(['002']);
    expect(asked.at(-1)).toEqual({ method: 'POST', url: '/api/me/notices/read', body: { ids: ['002'] } });
    expect(notices.notices[0]!.readAt).toEqual(expect.any(String));
    expect(notices.unread).toBe(0);
    server.notify('notice:new', notice('003'));
    await notices.markAllRead();
    expect(asked.at(-1)?.body).toEqual({ all: true });
    expect(notices.notices.every((listed) => listed.readAt)).toBe(true);
  });

  it('stops listening and forgets the list on sign-out', async () => {
    const notices = await started();
    notices.stop();
    expect(server.listenerCount('notice:new')).toBe(0);
    expect(notices.notices).toEqual([]);
    expect(notices.unread).toBe(0);
  });
});
