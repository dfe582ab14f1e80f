import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import type { SessionNews, SessionWithdrawn } from '../../shared/events';
import { utcToZonedWallTime } from '../../shared/time';
import { apiClient, createAccount, createCenter, signIn, type TestAccount } from '../support/accounts';
import { connect, enterRoom, record, type TestSocket } from '../support/socketClient';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

let db: Database;
let server: TestServer;
let hostCenter: string;
let invitedCenter: string;
let otherCenter: string;
let coordinator: TestAccount;
let presenter: TestAccount;
let attendee: TestAccount;
let coordinatorApi: ReturnType<typeof apiClient>;
let presenterApi: ReturnType<typeof apiClient>;
const sockets: TestSocket[] = [];

/** What one listener heard: each session change as `change by whom`, and each withdrawal. */
interface Ears {
  account: TestAccount;
  socket: TestSocket;
  changed: SessionNews[];
  withdrawn: SessionWithdrawn[];
}
const ears: Record<'attendee' | 'outsider' | 'staff', Ears> = {} as never;

const wallTimeIn = (ms: number) => utcToZonedWallTime(new Date(Date.now() + ms), 'America/Mexico_City');

async function listen(account: TestAccount): Promise<Ears> {
  const socket = await connect(server.url, await signIn(server.url, account.email));
  sockets.push(socket);
  return { account, socket, changed: record(socket, 'session:changed'), withdrawn: record(socket, 'session:withdrawn') };
}

/**
 * Resolves once every listener has heard all that was said before: a session is scheduled for
 * all three centres, and a socket hears its news in order, so what came before has arrived.
 * Returns what each heard up to there (the marker left out) and starts them afresh.
 */
async function heardSoFar(): Promise<Record<keyof typeof ears, { changed: string[]; withdrawn: SessionWithdrawn[] }>> {
  const marker = await coordinatorApi('POST', '/sessions', {
    kind: 'training',
    title: 'Marcador',
    startsAtLocal: wallTimeIn(30 * 86_400_000),
    durationMinutes: 60,
    hostCenterId: hostCenter,
    invitedCenterIds: [invitedCenter, otherCenter],
  });
  const markerId: string = marker.body.session.id;
  const all = Object.entries(ears) as [keyof typeof ears, Ears][];
  await Promise.all(
    all.map(
      ([, listener]) =>
        new Promise<void>((resolve) => {
          const check = () => (listener.changed.some((news) => news.session.id === markerId) ? resolve() : setTimeout(check, 10));
          check();
        }),
    ),
  );
  return Object.fromEntries(
    all.map(([who, listener]) => {
      const changed = listener.changed
        .filter((news) => news.session.id !== markerId)
        .map((news) => `${news.change} by ${news.byUserId === coordinator.id ? 'coordinator' : news.byUserId}`);
      const withdrawn = [...listener.withdrawn];
      listener.changed.length = 0;
      listener.withdrawn.length = 0;
      return [who, { changed, withdrawn }];
    }),
  ) as never;
}

async function scheduleCaseReview(startsInMs: number, extra: Record<string, unknown> = {}): Promise<{ id: string; version: number; number: number }> {
  const created = await coordinatorApi('POST', '/sessions', {
    kind: 'case_review',
    title: 'Tumores sólidos',
    startsAtLocal: wallTimeIn(startsInMs),
    durationMinutes: 90,
    hostCenterId: hostCenter,
    invitedCenterIds: [invitedCenter],
    ...extra,
  });
  expect(created.status).toBe(201);
  return created.body.session;
}

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  [hostCenter, invitedCenter, otherCenter] = await Promise.all([createCenter(db, 'CDMX'), createCenter(db, 'YUC'), createCenter(db, 'SON')]);
  coordinator = await createAccount(db, ['coordinator'], hostCenter, 'Dra. Coordinadora');
  presenter = await createAccount(db, ['presenter'], invitedCenter, 'Dr. Presentador');
  attendee = await createAccount(db, ['attendee'], invitedCenter, 'Dra. Asistente');
  coordinatorApi = apiClient(server.url, await signIn(server.url, coordinator.email));
  presenterApi = apiClient(server.url, await signIn(server.url, presenter.email));
  // The staff member belongs to a centre the session does not invite: staff see every session all the same.
  ears.staff = await listen(await createAccount(db, ['admin'], otherCenter, 'Ing. Administradora'));
  ears.outsider = await listen(await createAccount(db, ['expert'], otherCenter, 'Dr. Externo'));
  ears.attendee = await listen(attendee);
  await heardSoFar();
});
afterEach(() => heardSoFar());
afterAll(async () => {
  sockets.forEach((socket) => socket.disconnect());
  await server.close();
  await dropTestDatabase(db);
});

describe('news of a session, to whoever may see it', () => {
  it('tells a reschedule to the invited centre and the staff, with who made it, and not to other centres', async () => {
    const session = await scheduleCaseReview(7 * 86_400_000);
    expect((await coordinatorApi('PATCH', `/sessions/${session.id}`, { version: 0, title: 'Tumores sólidos: sarcomas', startsAtLocal: wallTimeIn(8 * 86_400_000) })).status).toBe(
      200,
    );
    const heard = await heardSoFar();
    expect(heard.attendee.changed).toEqual(['scheduled by coordinator', 'rescheduled by coordinator']);
    expect(heard.staff.changed).toEqual(['scheduled by coordinator', 'rescheduled by coordinator']);
    expect(heard.outsider.changed).toEqual([]);
  });

  it('tells a centre added that it was invited, and a centre dropped that it no longer sees the session', async () => {
    const session = await scheduleCaseReview(7 * 86_400_000);
    await heardSoFar();
    // The attendee's centre has just read the session's cases: who the session is for is fresh in the server's memory.
    const attendeeApi = apiClient(server.url, await signIn(server.url, attendee.email));
    expect((await attendeeApi('GET', `/sessions/${session.id}/cases`)).status).toBe(200);
    const moved = await coordinatorApi('PATCH', `/sessions/${session.id}`, { version: 0, invitedCenterIds: [otherCenter] });
    expect(moved.status).toBe(200);
    const heard = await heardSoFar();
    expect(heard.outsider.changed).toEqual(['invited by coordinator']);
    // The staff member's centre was the one added: told once, as invited.
    expect(heard.staff.changed).toEqual(['invited by coordinator']);
    expect(heard.attendee.changed).toEqual([]);
    expect(heard.attendee.withdrawn).toEqual([{ sessionId: session.id, number: session.number, byUserId: coordinator.id }]);
    expect(heard.staff.withdrawn).toEqual([]);
    expect((await attendeeApi('GET', `/sessions/${session.id}`)).status).toBe(403);
    expect((await attendeeApi('GET', `/sessions/${session.id}/cases`)).status).toBe(403);
  });

  it('tells the cases, the room opening, the end, the agreements and the approved minutes to the session’s audience only', async () => {
    const session = await scheduleCaseReview(10 * 60_000);
    await heardSoFar();

    const added = await presenterApi('POST', `/sessions/${session.id}/cases`, {
      caseCode: 'YUC-2026-021',
      ageYears: 4,
      sex: 'male',
      state: 'YUC',
      icd10Code: 'C64',
      diagnosis: 'Tumor de Wilms bilateral',
    });
    expect(added.status).toBe(201);
    await enterRoom(server.url, attendee, session.id, sockets);
    expect((await coordinatorApi('POST', `/sessions/${session.id}/end`)).status).toBe(201);
    const agreement = await coordinatorApi('POST', `/sessions/${session.id}/agreements`, {
      text: 'Enviar laminillas a revisión central',
      responsibleCenterId: invitedCenter,
      dueDate: wallTimeIn(14 * 86_400_000).slice(0, 10),
    });
    expect(agreement.status).toBe(201);
    const { version } = (await coordinatorApi('GET', `/sessions/${session.id}/minutes`)).body.minutes;
    expect((await coordinatorApi('POST', `/sessions/${session.id}/minutes/approve`, { version })).status).toBe(200);

    const heard = await heardSoFar();
    const told = [`cases by ${presenter.id}`, `opened by ${attendee.id}`, 'ended by coordinator', 'agreements by coordinator', 'minutes_approved by coordinator'];
    expect(heard.attendee.changed).toEqual(told);
    expect(heard.staff.changed).toEqual(told);
    expect(heard.outsider.changed).toEqual([]);
  });

  it('carries the session as it now is, so a page shows it without asking', async () => {
    const session = await scheduleCaseReview(7 * 86_400_000);
    await heardSoFar();
    await coordinatorApi('POST', `/sessions/${session.id}/cancel`, { version: 0, reason: 'Día inhábil' });
    expect(await waitForNews(ears.attendee, session.id)).toMatchObject({ change: 'cancelled', session: { status: 'cancelled', cancelReason: 'Día inhábil', version: 1 } });
  });
});

function waitForNews(listener: Ears, sessionId: string): Promise<SessionNews> {
  return new Promise((resolve) => {
    const check = () => {
      const news = listener.changed.find((heard) => heard.session.id === sessionId);
      if (news) resolve(news);
      else setTimeout(check, 10);
    };
    check();
  });
}
