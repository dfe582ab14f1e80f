import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { can, type Action } from '../../shared/permissions';
import type { AccountRole, GuestRole, Role } from '../../shared/roles';
import { utcToZonedWallTime } from '../../shared/time';
import { apiClient, createAccount, createCenter, signIn } from '../support/accounts';
import { connect, nextEvent } from '../support/socketClient';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

let db: Database;
let server: TestServer;
let hostCenter: string;
let invitedCenter: string;
let otherCenter: string;
// A laboratory account reaches no session: tests/integration/studies.test.ts.
const as: Record<Exclude<Role, 'laboratory' | GuestRole> | 'outsider' | 'anonymous', ReturnType<typeof apiClient>> = {} as never;
/** Each persona's roles; the outsider is an expert of a centre not invited. */
const personaRoles: Record<Exclude<keyof typeof as, 'anonymous'>, AccountRole[]> = {
  admin: ['admin'],
  coordinator: ['coordinator'],
  presenter: ['presenter'],
  expert: ['expert'],
  attendee: ['attendee'],
  outsider: ['expert'],
};

const inDays = (days: number) => utcToZonedWallTime(new Date(Date.now() + days * 86_400_000), 'America/Mexico_City').slice(0, 11) + '10:00';

function sessionInput(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'case_review',
    title: 'Sesión de casos de leucemia',
    startsAtLocal: inDays(7),
    durationMinutes: 90,
    hostCenterId: hostCenter,
    invitedCenterIds: [invitedCenter],
    agenda: [
      { kind: 'case', title: 'Caso: LLA en recaída', durationMinutes: 30 },
      { kind: 'agreement_followup', title: 'Seguimiento de acuerdos', durationMinutes: 15 },
    ],
    ...overrides,
  };
}

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  [hostCenter, invitedCenter, otherCenter] = await Promise.all([createCenter(db, 'CDMX'), createCenter(db, 'YUC'), createCenter(db, 'SON')]);
  const centerOf = { admin: hostCenter, coordinator: hostCenter, presenter: invitedCenter, expert: invitedCenter, attendee: invitedCenter, outsider: otherCenter };
  for (const [key, roles] of Object.entries(personaRoles) as [keyof typeof personaRoles, AccountRole[]][]) {
    const account = await createAccount(db, roles, centerOf[key]);
    as[key] = apiClient(server.url, await signIn(server.url, account.email));
  }
  as.anonymous = apiClient(server.url);
});
afterAll(async () => {
  await server.close();
  await dropTestDatabase(db);
});

describe('scheduling a session', () => {
  it('numbers sessions in sequence and keeps Mexico City wall time', async () => {
    const first = await as.coordinator('POST', '/sessions', sessionInput());
    const second = await as.coordinator('POST', '/sessions', sessionInput({ title: 'Capacitación: hora dorada', kind: 'training', agenda: [] }));
    expect(first.status).toBe(201);
    expect(second.body.session.number).toBe(first.body.session.number + 1);
    const session = first.body.session;
    expect(utcToZonedWallTime(new Date(session.startsAt), 'America/Mexico_City')).toBe(inDays(7));
    expect(session).toMatchObject({ status: 'scheduled', timeZone: 'America/Mexico_City', caseCutoffHours: 24, version: 0, quorumSpecialties: 3, creditThresholdPercent: 80 });
    expect(second.body.session).toMatchObject({ kind: 'training', quorumSpecialties: 1 });
    const small = await as.coordinator('POST', '/sessions', sessionInput({ quorumSpecialties: 2, creditThresholdPercent: 75 }));
    expect(small.body.session).toMatchObject({ quorumSpecialties: 2, creditThresholdPercent: 75 });
    expect(new Date(session.startsAt).getTime() - new Date(session.caseCutoffAt).getTime()).toBe(24 * 3_600_000);
    expect(session.agenda.map((item: { startsAt: string }) => (new Date(item.startsAt).getTime() - new Date(session.startsAt).getTime()) / 60_000)).toEqual([0, 30]);
  });

  it.each([
    ['a past start', { startsAtLocal: '2020-01-10T10:00' }, 'startsAtLocal'],
    ['a date that does not exist', { startsAtLocal: '2031-02-30T10:00' }, 'startsAtLocal'],
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }, 'timeZone'],
    ['an unknown host centre', { hostCenterId: '0123456789abcdef01234567' }, 'hostCenterId'],
    ['a malformed centre id', { invitedCenterIds: ['nope'] }, 'invitedCenterIds.0'],
    ['an agenda longer than the session', { durationMinutes: 30 }, 'agenda'],
    ['an unknown kind', { kind: 'party' }, 'kind'],
    ['a query operator as title', { title: { $gt: '' } }, 'title'],
    ['a quorum above twelve specialties', { quorumSpecialties: 13 }, 'quorumSpecialties'],
    ['an attendance threshold above 100 %', { creditThresholdPercent: 120 }, 'creditThresholdPercent'],
  ])('refuses %s, naming the field', async (_case, overrides, field) => {
    const before = await db.models.sessions.countDocuments();
    const response = await as.coordinator('POST', '/sessions', sessionInput(overrides));
    expect(response).toMatchObject({ status: 400, body: { error: { code: 'invalid_input', field } } });
    expect(await db.models.sessions.countDocuments()).toBe(before);
  });

  it('refuses a stale edit instead of overwriting, and records who changed what', async () => {
    const { body } = await as.coordinator('POST', '/sessions', sessionInput());
    const id = body.session.id;
    const moved = await as.coordinator('PATCH', `/sessions/${id}`, { version: 0, startsAtLocal: inDays(9) });
    expect(moved.status).toBe(200);
    expect(moved.body.session).toMatchObject({ version: 1, previousStartsAt: body.session.startsAt });

    const stale = await as.coordinator('PUT', `/sessions/${id}/agenda`, { version: 0, agenda: [] });
    expect(stale).toMatchObject({ status: 409, body: { error: { code: 'conflict', field: 'version' } } });
    expect((await as.coordinator('GET', `/sessions/${id}`)).body.session.agenda).toHaveLength(2);

    const history = await server.services.audit.history('session', id);
    expect(history.map((entry) => entry.action)).toEqual(['create', 'reschedule']);
  });

  it('tells the invited centres when a session is cancelled', async () => {
    const { body } = await as.coordinator('POST', '/sessions', sessionInput());
    const invitee = await createAccount(db, ['attendee'], invitedCenter);
    const outsider = await createAccount(db, ['attendee'], otherCenter);
    const inviteeSocket = await connect(server.url, await signIn(server.url, invitee.email));
    const outsiderSocket = await connect(server.url, await signIn(server.url, outsider.email));
    let outsiderHeard = false;
    outsiderSocket.on('session:changed', () => (outsiderHeard = true));
    const heard = nextEvent(inviteeSocket, 'session:changed');

    const cancelled = await as.coordinator('POST', `/sessions/${body.session.id}/cancel`, { version: 0, reason: 'Día inhábil' });
    expect(cancelled.body.session).toMatchObject({ status: 'cancelled', cancelReason: 'Día inhábil' });
    expect(await heard).toMatchObject({ change: 'cancelled', session: { id: body.session.id, status: 'cancelled' } });
    expect(outsiderHeard).toBe(false);
    expect((await as.coordinator('PATCH', `/sessions/${body.session.id}`, { version: 1, title: 'Otra vez' })).status).toBe(409);
    inviteeSocket.disconnect();
    outsiderSocket.disconnect();
  });
});

describe('who may do what', () => {
  let sessionId: string;
  beforeAll(async () => {
    sessionId = (await as.coordinator('POST', '/sessions', sessionInput())).body.session.id;
  });

  type Persona = keyof typeof as;
  type Expected = Partial<Record<Persona, number>>;
  /**
   * What each persona gets, read from the permissions table: the route's success (or, for a
   * deliberately invalid body, its 400, which proves the role was checked first) when the table
   * grants the action, 403 otherwise, 401 without a sign-in.
   */
  const fromTable = (action: Action, granted: number): Expected => ({
    ...Object.fromEntries(Object.entries(personaRoles).map(([persona, roles]) => [persona, can({ roles, centerId: '' }, action) ? granted : 403])),
    anonymous: 401,
  });

  const matrix: [string, (id: string) => [string, string, unknown?], Expected][] = [
    ['list centres', () => ['GET', '/centers'], { admin: 200, coordinator: 200, presenter: 200, expert: 200, attendee: 200, outsider: 200, anonymous: 401 }],
    [
      'create a centre',
      () => ['POST', '/centers', { code: `N-${Date.now() % 100000}`, name: 'Hospital General', state: 'ZAC', kind: 'hospital' }],
      fromTable('centers.manage', 201),
    ],
    ['list accounts', () => ['GET', '/users'], fromTable('users.read', 200)],
    ['create an account with a bad body', () => ['POST', '/users', { name: 'X' }], fromTable('users.manage', 400)],
    ['schedule a session', () => ['POST', '/sessions', sessionInput()], fromTable('sessions.schedule', 201)],
    ['read an invited session', (id) => ['GET', `/sessions/${id}`], { admin: 200, coordinator: 200, presenter: 200, expert: 200, attendee: 200, outsider: 403, anonymous: 401 }],
    ['change the agenda of a stale version', (id) => ['PUT', `/sessions/${id}/agenda`, { version: 99, agenda: [] }], fromTable('sessions.schedule', 409)],
    ['submit a case with a bad body', (id) => ['POST', `/sessions/${id}/cases`, {}], fromTable('cases.submit', 400)],
    ['record an agreement with a bad body', (id) => ['POST', `/sessions/${id}/agreements`, {}], fromTable('agreements.record', 400)],
    ['correct attendance with a bad body', (id) => ['POST', `/sessions/${id}/attendance/corrections`, {}], fromTable('attendance.correct', 400)],
    ['save minutes with a bad body', (id) => ['PUT', `/sessions/${id}/minutes`, {}], fromTable('minutes.keep', 400)],
  ];

  for (const [action, request, expected] of matrix) {
    for (const [who, status] of Object.entries(expected)) {
      it(`${who} → ${action}: ${status}`, async () => {
        const [method, path, body] = request(sessionId);
        expect((await as[who as keyof typeof as](method, path, body)).status).toBe(status);
      });
    }
  }

  it('lists only the sessions a centre takes part in, unless staff', async () => {
    const listed = async (who: keyof typeof as) => ((await as[who]('GET', '/sessions?when=upcoming')).body.sessions as { id: string }[]).map((s) => s.id);
    expect(await listed('attendee')).toContain(sessionId);
    expect(await listed('outsider')).not.toContain(sessionId);
    expect(await listed('coordinator')).toContain(sessionId);
    expect((await as.attendee('GET', '/sessions?kind=party')).status).toBe(400);
    expect((await as.attendee('GET', '/sessions/not-an-id')).body.error).toMatchObject({ code: 'invalid_input', field: 'id' });
    expect((await as.attendee('GET', '/sessions/0123456789abcdef01234567')).status).toBe(404);
  });
});
