import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import type { InAppNoticeDto } from '../../shared/notices';
import { apiClient, createAccount, createCenter, signIn, type TestAccount } from '../support/accounts';
import { connect, nextEvent, type TestSocket } from '../support/socketClient';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

/** A server without SMTP_URL: no email at all, and the notices are listed in the app all the same. */
let db: Database;
let server: TestServer;
let hostCenter: string;
let invitedCenter: string;
let otherCenter: string;
type Who = 'coordinator' | 'doctor' | 'optedOut' | 'outsider' | 'laboratory';
const accounts = {} as Record<Who, TestAccount>;
const cookies = {} as Record<Who, string>;
const as = (who: Who) => apiClient(server.url, cookies[who]);
const sockets: TestSocket[] = [];

async function schedule(title: string, startsAtLocal: string): Promise<{ id: string; number: number; version: number }> {
  const created = await as('coordinator')('POST', '/sessions', {
    kind: 'case_review',
    title,
    startsAtLocal,
    timeZone: 'America/Mexico_City',
    durationMinutes: 90,
    hostCenterId: hostCenter,
    invitedCenterIds: [invitedCenter],
  });
  expect(created.status).toBe(201);
  await server.notices.sessions.idle();
  return created.body.session;
}

async function noticesOf(who: Who, query = ''): Promise<{ notices: InAppNoticeDto[]; unread: number }> {
  const listed = await as(who)('GET', `/me/notices${query}`);
  expect(listed.status).toBe(200);
  return listed.body;
}

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  [hostCenter, invitedCenter, otherCenter] = await Promise.all([createCenter(db, 'CDMX'), createCenter(db, 'YUC'), createCenter(db, 'JAL')]);
  const laboratoryCenter = await createCenter(db, 'PUE', 'laboratory');
  const plan: [Who, Parameters<typeof createAccount>[1], string][] = [
    ['coordinator', ['coordinator'], otherCenter],
    ['doctor', ['presenter'], invitedCenter],
    ['optedOut', ['attendee'], invitedCenter],
    ['outsider', ['attendee'], otherCenter],
    ['laboratory', ['laboratory'], laboratoryCenter],
  ];
  for (const [who, roles, center] of plan) {
    accounts[who] = await createAccount(db, roles, center, `Dra. ${who}`);
    cookies[who] = await signIn(server.url, accounts[who].email);
  }
  await db.models.users.updateOne({ _id: accounts.optedOut.id }, { $set: { emailOptOut: ['session_invitation', 'session_change'] } });
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await server?.close();
  if (db) await dropTestDatabase(db);
});

describe('notices in the app', () => {
  it('lists a session invitation for each person of the centres taking part, without any mail server', async () => {
    expect(server.notices.delivery.sendsEmail).toBe(false);
    const session = await schedule('Tumores sólidos', '2031-12-09T10:00');
    const { notices, unread } = await noticesOf('doctor');
    expect(unread).toBe(1);
    expect(notices).toEqual([
      {
        id: expect.any(String),
        kind: 'session_invitation',
        params: { change: 'invitation', number: session.number, title: 'Tumores sólidos', startsAt: '2031-12-09T16:00:00.000Z', timeZone: 'America/Mexico_City' },
        link: `/sesiones/${session.id}`,
        at: expect.any(String),
        readAt: null,
      },
    ]);
    expect(await db.models.notices.countDocuments({})).toBe(0);
  });

  it('shows each person only their own notices; a laboratory account has none to read', async () => {
    expect(await noticesOf('outsider')).toEqual({ notices: [], unread: 0 });
    expect(await noticesOf('coordinator')).toEqual({ notices: [], unread: 0 });
    expect((await as('laboratory')('GET', '/me/notices')).status).toBe(403);
  });

  it('lists the notice even for whoever turned its email off', async () => {
    const { notices, unread } = await noticesOf('optedOut');
    expect(unread).toBe(1);
    expect(notices.map((notice) => notice.params.title)).toEqual(['Tumores sólidos']);
  });

  it('lists newest first, marks read only one’s own notices, then all of them', async () => {
    const later = await schedule('Neuro-oncología', '2031-12-10T10:00');
    const moved = await as('coordinator')('PATCH', `/sessions/${later.id}`, { version: later.version, startsAtLocal: '2031-12-11T12:30' });
    expect(moved.status).toBe(200);
    await server.notices.sessions.idle();
    const { notices, unread } = await noticesOf('doctor');
    expect(unread).toBe(3);
    expect(notices.map((notice) => [notice.kind, notice.params.title, notice.params.change])).toEqual([
      ['session_change', 'Neuro-oncología', 'change'],
      ['session_invitation', 'Neuro-oncología', 'invitation'],
      ['session_invitation', 'Tumores sólidos', 'invitation'],
    ]);
    const othersId = (await noticesOf('optedOut')).notices[0]!.id;

    const marked = await as('doctor')('POST', '/me/notices/read', { ids: [notices[2]!.id, othersId] });
    expect(marked.status).toBe(200);
    expect(marked.body).toEqual({ unread: 2 });
    expect((await noticesOf('optedOut')).unread).toBe(3);
    const stillUnread = await noticesOf('doctor', '?unread=1');
    expect(stillUnread.notices.map((notice) => notice.params.title)).toEqual(['Neuro-oncología', 'Neuro-oncología']);
    expect((await noticesOf('doctor')).notices[2]!.readAt).toEqual(expect.any(String));

    expect((await as('doctor')('POST', '/me/notices/read', { all: true })).body).toEqual({ unread: 0 });
    expect((await noticesOf('doctor', '?unread=1')).notices).toEqual([]);
    expect((await noticesOf('optedOut')).unread).toBe(3);
  });

  it('refuses a malformed request naming the field, and changes nothing', async () => {
    const refused = await as('optedOut')('POST', '/me/notices/read', { ids: ['not-an-id'] });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('ids');
    expect((await as('optedOut')('GET', '/me/notices?limit=0')).status).toBe(400);
    expect((await noticesOf('optedOut')).unread).toBe(3);
  });

  it('pushes a new notice to the person’s open pages as it is listed', async () => {
    const socket = await connect(server.url, cookies.doctor);
    sockets.push(socket);
    const outsiderSocket = await connect(server.url, cookies.outsider);
    sockets.push(outsiderSocket);
    const pushedToOutsider: InAppNoticeDto[] = [];
    outsiderSocket.on('notice:new', (notice) => pushedToOutsider.push(notice));
    const pushed = nextEvent(socket, 'notice:new');
    const session = await schedule('Tumores germinales', '2031-12-12T10:00');
    const notice = await pushed;
    expect(notice).toMatchObject({ kind: 'session_invitation', link: `/sesiones/${session.id}`, readAt: null, params: { title: 'Tumores germinales' } });
    expect((await noticesOf('doctor')).notices[0]!.id).toBe(notice.id);
    expect(pushedToOutsider).toEqual([]);
  });

  it('lists agreement reminders from the hourly sweep, once however often it sweeps', async () => {
    const session = await schedule('Tumores óseos', '2031-03-01T10:00');
    const recorded = await as('coordinator')('POST', `/sessions/${session.id}/agreements`, {
      text: 'Enviar las laminillas al centro de referencia',
      responsibleCenterId: invitedCenter,
      dueDate: '2031-03-12',
    });
    expect(recorded.status).toBe(201);
    const now = new Date('2031-03-11T03:00:00Z');
    expect(await server.notices.agreements.sweep(now)).toEqual({ listed: 2, emailed: 0 });
    expect(await server.notices.agreements.sweep(now)).toEqual({ listed: 0, emailed: 0 });
    const reminder = (await noticesOf('doctor')).notices[0]!;
    expect(reminder).toMatchObject({
      kind: 'agreement_due',
      link: `/sesiones/${session.id}`,
      params: { text: 'Enviar las laminillas al centro de referencia', dueDate: '2031-03-12', sessionNumber: session.number },
    });
  });
});
