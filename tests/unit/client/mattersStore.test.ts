import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequestError } from '../../../client/services/socket';
import { useMattersStore } from '../../../client/stores/matters';
import type { AgreementDto } from '../../../shared/agreements';
import type { SessionNews } from '../../../shared/events';
import type { SessionDto } from '../../../shared/sessions';
import type { MatterDto } from '../../../shared/workingGroup';
import { FakeSocket } from './fakeSocket';

const meetingOf = (id: string, startsAt: string) => ({ id, number: Number(id.slice(1)), kind: 'working_group', startsAt, version: 0 }) as SessionDto;
const earlierMeeting = meetingOf('s1', '2026-12-01T17:00:00.000Z');
const meeting = meetingOf('s2', '2026-12-15T17:00:00.000Z');
const laterMeeting = meetingOf('s3', '2026-12-29T17:00:00.000Z');

function matterOf(id: string, session: SessionDto, createdAt: string, raisedBy = 'Rosa'): MatterDto {
  return {
    id,
    sessionId: session.id,
    sessionNumber: session.number,
    number: Number(id.slice(1)),
    topic: 'medicine_supply',
    state: 'CHIS',
    hospitalCenterId: null,
    raisedBy,
    description: 'Falta metotrexato en Tuxtla Gutiérrez',
    status: 'open',
    agreementIds: [],
    version: 0,
    createdAt,
  };
}
const agreementOf = (id: string, session: SessionDto, matterId: string | null) =>
  ({ id, sessionId: session.id, sessionNumber: session.number, caseId: null, matterId, text: `Acuerdo ${id}`, status: 'pending', followUps: [] }) as unknown as AgreementDto;

const raisedEarlier = matterOf('m1', earlierMeeting, '2026-12-01T17:20:00.000Z');
const raisedHere = matterOf('m2', meeting, '2026-12-15T17:10:00.000Z');
const raisedLater = matterOf('m3', laterMeeting, '2026-12-29T17:10:00.000Z');

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const newsOf = (session: SessionDto, change: SessionNews['change']): SessionNews => ({ session, change, byUserId: 'u1' });

describe('the matters store', () => {
  let here: MatterDto[];
  let asked: string[];
  let server: FakeSocket;

  beforeEach(() => {
    setActivePinia(createPinia());
    server = new FakeSocket();
    here = [raisedHere];
    asked = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) => {
        asked.push(`${init.method} ${url}`);
        switch (`${init.method} ${url}`) {
          case 'GET /api/sessions/s2/matters':
            return json({ matters: here });
          case 'GET /api/matters?status=open':
            return json({ matters: [raisedLater, ...here, raisedEarlier] });
          case 'GET /api/sessions/s2/agreements':
            return json({ agreements: [agreementOf('a2', meeting, 'm2'), agreementOf('a0', meeting, null)] });
          case 'GET /api/sessions/s2/agreements/follow-up':
            return json({ agreements: [agreementOf('a1', earlierMeeting, 'm1'), agreementOf('ax', earlierMeeting, null)] });
          case 'POST /api/sessions/s2/matters': {
            const body = JSON.parse(init.body as string) as { raisedBy: string };
            if (body.raisedBy.includes(' ')) return json({ error: { code: 'invalid_input', message: 'raisedBy: must be a first name only', field: 'raisedBy' } }, 400);
            return json({ matter: matterOf('m4', meeting, '2026-12-15T17:30:00.000Z', body.raisedBy) }, 201);
          }
          case 'PATCH /api/matters/m2': {
            const body = JSON.parse(init.body as string) as { version: number; description: string };
            if (body.version !== raisedHere.version) return json({ error: { code: 'conflict', message: 'the matter changed meanwhile' } }, 409);
            return json({ matter: { ...raisedHere, description: body.description, version: raisedHere.version + 1 } });
          }
          default:
            throw new Error(`unexpected ${init.method} ${url}`);
        }
      }),
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  it('lists the meeting’s matters and the open ones of earlier meetings (not a later meeting’s), each with the agreements answering it', async () => {
    const store = useMattersStore();
    await store.open(meeting, { followUp: true }, server.socket);

    expect(store.matters.map((matter) => matter.id)).toEqual(['m2']);
    expect(store.earlier.map((matter) => matter.id)).toEqual(['m1']);
    expect(store.agreementsOf(raisedHere).map((agreement) => agreement.id)).toEqual(['a2']);
    expect(store.agreementsOf(raisedEarlier).map((agreement) => agreement.id)).toEqual(['a1']);
    expect(store.agreements.map((agreement) => agreement.id)).not.toContain('ax');
    expect(store.others.map((agreement) => agreement.id)).toEqual(['a0']);
  });

  it('reads them again when the meeting’s matters or an earlier meeting’s agreements change, not for a later meeting', async () => {
    const store = useMattersStore();
    await store.open(meeting, { followUp: true }, server.socket);
    here = [raisedHere, matterOf('m5', meeting, '2026-12-15T17:40:00.000Z', 'José Luis')];

    server.notify('session:changed', newsOf(meeting, 'matters'));
    await vi.waitFor(() => expect(store.matters.map((matter) => matter.raisedBy)).toEqual(['Rosa', 'José Luis']));

    asked = [];
    server.notify('session:changed', newsOf(laterMeeting, 'agreements'));
    server.notify('session:changed', newsOf(meeting, 'agenda'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(asked).toEqual([]);

    server.notify('session:changed', newsOf(earlierMeeting, 'agreements'));
    await vi.waitFor(() => expect(asked).toContain('GET /api/sessions/s2/agreements/follow-up'));
    store.close();
    expect(server.listenerCount('session:changed')).toBe(0);
  });

  it('reads only the meeting’s own matters for an invited guest', async () => {
    const store = useMattersStore();
    await store.open(meeting, { followUp: false }, server.socket);

    expect(asked.sort()).toEqual(['GET /api/sessions/s2/agreements', 'GET /api/sessions/s2/matters']);
    expect(store.earlier).toEqual([]);
    expect(store.matters.map((matter) => matter.id)).toEqual(['m2']);
  });

  it('shows a recorded matter at once, and on a refusal keeps what is shown and passes the refused field on', async () => {
    const store = useMattersStore();
    await store.open(meeting, { followUp: true }, server.socket);

    const refused = store.record({ topic: 'medicine_supply', state: 'CHIS', raisedBy: 'Rosa Pérez López', description: 'Falta metotrexato' });
    await expect(refused).rejects.toBeInstanceOf(RequestError);
    await expect(refused).rejects.toMatchObject({ field: 'raisedBy' });
    expect(store.matters.map((matter) => matter.id)).toEqual(['m2']);

    const recorded = await store.record({ topic: 'medicine_supply', state: 'CHIS', raisedBy: 'Rosa', description: 'Falta metotrexato' });
    expect(recorded.number).toBe(4);
    expect(store.matters.map((matter) => matter.id)).toEqual(['m2', 'm4']);
  });

  it('shows a corrected matter in place, and on a stale correction keeps what is shown', async () => {
    const store = useMattersStore();
    await store.open(meeting, { followUp: true }, server.socket);

    const stale = store.correct(raisedHere, { version: 7, description: 'Falta mercaptopurina' });
    await expect(stale).rejects.toMatchObject({ code: 'conflict' });
    expect(store.matters[0]!.description).toBe('Falta metotrexato en Tuxtla Gutiérrez');

    await store.correct(raisedHere, { version: 0, description: 'Faltan metotrexato y mercaptopurina' });
    expect(store.matters.map((matter) => [matter.id, matter.description, matter.version])).toEqual([['m2', 'Faltan metotrexato y mercaptopurina', 1]]);
  });
});
