import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../server/db/database';
import type { JoinedRoom } from '../../shared/media';
import { createAccount, createCenter, signIn, type TestAccount } from '../support/accounts';
import { createSessionSoon } from '../support/sessions';
import { connect, nextEvent, record, send, type TestSocket } from '../support/socketClient';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

const GRACE_SECONDS = 2;

let db: Database;
let server: TestServer;
const sockets: TestSocket[] = [];
let lopez: TestAccount;
let ortiz: TestAccount;
let sessionId: string;

async function client(account: TestAccount): Promise<TestSocket> {
  const socket = await connect(server.url, await signIn(server.url, account.email));
  sockets.push(socket);
  return socket;
}

async function enter(socket: TestSocket): Promise<JoinedRoom> {
  const result = await send(socket, 'room:join', { sessionId });
  if (!result.ok) throw new Error(result.error.message);
  return result.data as JoinedRoom;
}

/** The link under the socket dies the way a cut cable kills it: the server sees the transport close, not a goodbye. */
function cutLink(socket: TestSocket): void {
  socket.io.engine.close();
}

const presenceOf = async (peerId: string) =>
  (await server.services.presence.history(sessionId)).filter((event) => event.peerId === peerId).map((event) => ({ kind: event.kind, at: new Date(event.at) }));

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db, { resumeGraceSeconds: GRACE_SECONDS });
  const [host, merida] = await Promise.all([createCenter(db, 'CDMX'), createCenter(db, 'YUC')]);
  lopez = await createAccount(db, ['presenter'], merida, 'Dra. López');
  ortiz = await createAccount(db, ['expert'], host, 'Dr. Ortiz');
  const coordinator = await createAccount(db, ['coordinator'], host, 'Dra. Coordinadora');
  sessionId = await createSessionSoon(db, { hostCenterId: host, invitedCenterIds: [merida], createdBy: coordinator.id });
});
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect();
});
afterAll(async () => {
  await server.close();
  await dropTestDatabase(db);
});

describe('a participant whose link drops', () => {
  it('stays in the room, shown as interrupted, and takes the same peer back on a new socket: one attendance interval', async () => {
    const watcher = await client(ortiz);
    await enter(watcher);
    const first = await client(lopez);
    const joined = await enter(first);
    const transport = await send(first, 'media:createTransport', { direction: 'recv' });
    const left = record(watcher, 'room:peerLeft');

    const interrupted = nextEvent(watcher, 'room:peerConnection');
    cutLink(first);
    expect(await interrupted).toEqual({ peerId: joined.peerId, connected: false });

    const again = await client(lopez);
    // Someone else's token, or another peer's, takes nothing.
    expect(await send(again, 'room:resume', { sessionId, peerId: joined.peerId, resumeToken: 'x'.repeat(43) })).toMatchObject({ ok: false, error: { code: 'not_joined' } });
    const restored = nextEvent(watcher, 'room:peerConnection');
    const resumed = await send(again, 'room:resume', { sessionId, peerId: joined.peerId, resumeToken: joined.resumeToken });
    expect(resumed).toMatchObject({ ok: true, data: { status: 'joined', peerId: joined.peerId, peers: [{ displayName: 'Dr. Ortiz', interrupted: false }] } });
    expect(await restored).toEqual({ peerId: joined.peerId, connected: true });
    // The transports made before the drop are still this peer's.
    expect(transport.ok).toBe(true);
    expect(server.media.rooms.find(sessionId)?.peerCount).toBe(2);

    await new Promise((resolve) => setTimeout(resolve, GRACE_SECONDS * 1000 + 500));
    expect(left).toEqual([]);
    expect((await presenceOf(joined.peerId)).map((mark) => mark.kind)).toEqual(['join']);
    // The token is the page's own: another account holding it takes nothing.
    const thief = await client(ortiz);
    expect(await send(thief, 'room:resume', { sessionId, peerId: joined.peerId, resumeToken: joined.resumeToken })).toMatchObject({ ok: false, error: { code: 'not_joined' } });
    expect(again.connected).toBe(true);
  });

  it('takes its peer back even before the server noticed the old socket was gone', async () => {
    const first = await client(lopez);
    const joined = await enter(first);
    const again = await client(lopez);
    const resumed = await send(again, 'room:resume', { sessionId, peerId: joined.peerId, resumeToken: joined.resumeToken });
    expect(resumed).toMatchObject({ ok: true, data: { peerId: joined.peerId } });
    await vi.waitFor(() => expect(first.connected).toBe(false));
    expect(server.media.rooms.find(sessionId)?.peerCount).toBe(1);
    expect(await send(again, 'room:leave', {})).toMatchObject({ ok: true });
  });

  it('leaves the room when the grace runs out, as of the moment the link dropped', async () => {
    const watcher = await client(ortiz);
    await enter(watcher);
    const first = await client(lopez);
    const joined = await enter(first);
    const left = nextEvent(watcher, 'room:peerLeft');
    const droppedAt = Date.now();
    cutLink(first);
    expect(await left).toEqual({ peerId: joined.peerId });
    expect(Date.now() - droppedAt).toBeGreaterThanOrEqual(GRACE_SECONDS * 1000 - 100);
    await vi.waitFor(async () => {
      const marks = await presenceOf(joined.peerId);
      expect(marks.map((mark) => mark.kind)).toEqual(['join', 'leave']);
      expect(Math.abs(marks[1]!.at.getTime() - droppedAt)).toBeLessThan(1000);
    });
    const late = await client(lopez);
    expect(await send(late, 'room:resume', { sessionId, peerId: joined.peerId, resumeToken: joined.resumeToken })).toMatchObject({ ok: false, error: { code: 'not_joined' } });
  });

  it('is replaced, not shown twice, when the same person enters anew from another page while the dropped one waits', async () => {
    const watcher = await client(ortiz);
    await enter(watcher);
    const first = await client(lopez);
    const joined = await enter(first);
    const interrupted = nextEvent(watcher, 'room:peerConnection');
    const droppedAt = Date.now();
    cutLink(first);
    await interrupted;

    const left = nextEvent(watcher, 'room:peerLeft');
    const reopened = await enter(await client(lopez));
    expect(await left).toEqual({ peerId: joined.peerId });
    expect(Date.now() - droppedAt).toBeLessThan(GRACE_SECONDS * 1000);
    expect(server.media.rooms.find(sessionId)?.peerCount).toBe(2);
    // The first page's stay ends when its link dropped; the new page's begins.
    await vi.waitFor(async () => expect((await presenceOf(joined.peerId)).map((mark) => mark.kind)).toEqual(['join', 'leave']));
    expect((await presenceOf(reopened.peerId)).map((mark) => mark.kind)).toEqual(['join']);
  });

  it('leaves at once when the page says goodbye', async () => {
    const watcher = await client(ortiz);
    await enter(watcher);
    const first = await client(lopez);
    const joined = await enter(first);
    const left = nextEvent(watcher, 'room:peerLeft');
    first.disconnect();
    expect(await left).toEqual({ peerId: joined.peerId });
  });
});
