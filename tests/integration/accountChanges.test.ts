import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { RECENT_SIGN_IN_MS } from '../../server/domain/recentSignIns';
import { apiClient, createAccount, createCenter, signIn, type TestAccount } from '../support/accounts';
import { createSessionSoon } from '../support/sessions';
import { connect, enterRoom, nextEvent, send, type TestSocket } from '../support/socketClient';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

/** A socket must not outlive what made it trusted: the sign-in, an active account, its role. */
let db: Database;
let server: TestServer;
let center: string;
let sessionId: string;
let admin: ReturnType<typeof apiClient>;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  center = await createCenter(db, 'OAX');
  admin = apiClient(server.url, await signIn(server.url, (await createAccount(db, ['admin'], center, 'Ing. Sistemas')).email));
  const creator = await createAccount(db, ['coordinator'], center);
  sessionId = await createSessionSoon(db, { hostCenterId: center, createdBy: creator.id });
});
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect();
});
afterAll(async () => {
  await server?.close();
  if (db) await dropTestDatabase(db);
});

const closed = (socket: TestSocket) => new Promise<string>((resolve) => socket.once('disconnect', resolve));
const coordinator = (name: string): Promise<TestAccount> => createAccount(db, ['coordinator'], center, name);

describe('an open socket after its account changes', () => {
  it('is told and closed at once when an administrator demotes the coordinator, who can then no longer lock the room', async () => {
    const demoted = await coordinator('Dra. Degradada');
    const { socket } = await enterRoom(server.url, demoted, sessionId, sockets);
    const told = nextEvent(socket, 'account:ended');
    const gone = closed(socket);
    expect((await admin('PATCH', `/users/${demoted.id}`, { roles: ['attendee'] })).status).toBe(200);
    expect(await told).toEqual({ reason: 'changed' });
    expect(await gone).toBe('io server disconnect');

    const again = await enterRoom(server.url, demoted, sessionId, sockets);
    expect(await send(again.socket, 'room:lock', { locked: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('is told and closed when its sign-in ends', async () => {
    const leaving = await coordinator('Dr. Saliente');
    const cookie = await signIn(server.url, leaving.email);
    const socket = await connect(server.url, cookie);
    sockets.push(socket);
    const told = nextEvent(socket, 'account:ended');
    expect((await apiClient(server.url, cookie)('POST', '/auth/logout')).status).toBe(204);
    expect(await told).toEqual({ reason: 'signed_out' });
  });

  it('is refused at its first request after a few seconds when the account was deactivated behind the server’s back', async () => {
    const deactivated = await coordinator('Dr. Inactivo');
    const { socket } = await enterRoom(server.url, deactivated, sessionId, sockets);
    await db.models.users.updateOne({ _id: deactivated.id }, { $set: { active: false } });
    // Edited in the database, not through the app: nothing tells the server, which trusts its last check that long.
    await new Promise((resolve) => setTimeout(resolve, RECENT_SIGN_IN_MS));
    const gone = closed(socket);
    expect(await send(socket, 'room:lock', { locked: true })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await gone).toBe('io server disconnect');
  });
});
