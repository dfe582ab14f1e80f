import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequestError } from '../../../client/services/socket';
import { useFollowUpStore } from '../../../client/stores/followUp';
import { checkpointsOn, followThroughStateOn, type CaseFollowUpDto } from '../../../shared/followUp';
import type { FollowThroughRequest } from '../../../shared/followUpSchemas';

const TODAY = '2027-01-20';
const CONFIRMED_ON = '2026-12-01';

/** A case's follow-up on TODAY: the follow-through overdue unless recorded, no checkpoint asked for yet. */
function followUpOf(caseId: string, recorded = false): CaseFollowUpDto {
  return {
    caseId,
    caseCode: `YUC-2026-${caseId}`,
    sessionId: 's1',
    centerId: 'c1',
    centerName: 'OncoCREAN Yucatán',
    recommendation: { text: 'Iniciar protocolo de rescate', confirmedAt: '2026-12-01T18:00:00.000Z', confirmedOn: CONFIRMED_ON },
    followThrough: recorded
      ? { status: 'carried_out', reason: '', decidedOn: '2026-12-05', recordedBy: 'u1', recordedByName: 'Dr. Canul', recordedAt: '2027-01-20T16:00:00.000Z' }
      : null,
    followThroughState: followThroughStateOn(CONFIRMED_ON, recorded, TODAY),
    checkpoints: checkpointsOn(CONFIRMED_ON, [], TODAY),
    mortalityReview: null,
  };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const carriedOut: FollowThroughRequest = { status: 'carried_out', reason: '', decidedOn: '2026-12-05' };

describe('the follow-up store', () => {
  let answer: (url: string, init: RequestInit) => Response | Promise<Response>;

  beforeEach(() => {
    setActivePinia(createPinia());
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) => answer(url, init)),
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  it('takes a case nothing more is asked of off the home page’s list as it is recorded, and keeps the others', async () => {
    const store = useFollowUpStore();
    answer = () => json({ cases: [followUpOf('a'), followUpOf('b')] });
    await store.loadDue();
    answer = () => json({ followUp: followUpOf('a') });
    await store.open('a');

    answer = (url, init) => {
      expect(`${init.method} ${url}`).toBe('PUT /api/cases/a/follow-up/follow-through');
      return json({ followUp: followUpOf('a', true) });
    };
    await store.recordFollowThrough(carriedOut);

    expect(store.followUp?.followThrough?.status).toBe('carried_out');
    expect(store.due?.map((listed) => listed.caseId)).toEqual(['b']);
  });

  it('drops the late answer of a case page left for another', async () => {
    const store = useFollowUpStore();
    let release!: (response: Response) => void;
    answer = () => new Promise((resolve) => (release = resolve));
    const first = store.open('a');
    const released = release;
    answer = () => json({ followUp: followUpOf('b') });
    await store.open('b');
    released(json({ followUp: followUpOf('a') }));
    await first;

    expect(store.followUp?.caseId).toBe('b');
  });

  it('shows what someone else recorded meanwhile when a write is refused for it, and passes the refusal on', async () => {
    const store = useFollowUpStore();
    answer = () => json({ followUp: followUpOf('a') });
    await store.open('a');
    answer = (_url, init) =>
      init.method === 'PUT'
        ? json({ error: { code: 'conflict', message: 'someone else changed this follow-up meanwhile; reload', field: 'version' } }, 409)
        : json({ followUp: followUpOf('a', true) });

    const refused = await store.recordFollowThrough(carriedOut).catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(RequestError);
    expect((refused as RequestError).field).toBe('version');
    expect(store.followUp?.followThrough?.recordedByName).toBe('Dr. Canul');
  });
});
