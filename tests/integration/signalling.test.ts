import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../server/db/database';
import type { JoinRoomResponse } from '../../shared/media';
import { createAccount, createCenter, signIn } from '../support/accounts';
import { connect, nextEvent, send, sendWithoutAck, type TestSocket } from '../support/socketClient';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

let db: Database;
let server: TestServer;
let cookie: string;
const sockets: TestSocket[] = [];

async function client(): Promise<TestSocket> {
  const socket = await connect(server.url, cookie);
  sockets.push(socket);
  return socket;
}

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  const account = await createAccount(db, ['expert'], await createCenter(db));
  cookie = await signIn(server.url, account.email);
});
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect();
});
afterAll(async () => {
  await server.close();
  await dropTestDatabase(db);
});

describe('HTTP', () => {
  it('reports database and media worker health', async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    const report = await response.json();
    expect(report).toMatchObject({ status: 'ok', database: { state: 'connected', embedded: false }, media: { rooms: 0 } });
    expect(report.media.workers).toEqual([{ pid: expect.any(Number), alive: true }]);
  });

  it('answers an unknown API route and malformed JSON with a JSON error', async () => {
    const missing = await fetch(`${server.url}/api/nothing-here`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'not_found', message: 'no route GET /api/nothing-here' } });

    const malformed = await fetch(`${server.url}/api/health`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":' });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.code).toBe('invalid_input');
  });
});

describe('Socket.IO requests', () => {
  it('refuses a connection without a signed-in account', async () => {
    await expect(connect(server.url)).rejects.toThrow('unauthenticated');
    await expect(connect(server.url, 'oncoboard_session=forged')).rejects.toThrow('unauthenticated');
  });

  it('refuses a bad room name with a field error and keeps the socket usable', async () => {
    const socket = await client();
    const refused = await send(socket, 'room:join', { roomName: 'sala con espacios', displayName: 'Dra. López' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'roomName' } });
    expect(socket.connected).toBe(true);

    const joined = await send(socket, 'room:join', { roomName: 'sesion-190', displayName: 'Dra. López' });
    expect(joined.ok).toBe(true);
  });

  it.each([
    ['no payload', []],
    ['null', [null]],
    ['a string', ['sesion-190']],
    ['an array', [['sesion-190']]],
    ['a query operator', [{ roomName: { $ne: null }, displayName: 'x' }]],
    ['a huge name', [{ roomName: 'a'.repeat(100_000), displayName: 'x' }]],
  ])('answers a malformed join (%s) with invalid_input', async (_case, args) => {
    const socket = await client();
    const result = await send(socket, 'room:join', ...args);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(socket.connected).toBe(true);
  });

  it('survives requests without an ack and unknown events', async () => {
    const socket = await client();
    sendWithoutAck(socket, 'room:join', { roomName: 'sesion-190', displayName: 'Dra. López' });
    sendWithoutAck(socket, 'no:such-event', 42);
    expect((await send(socket, 'media:createTransport', { direction: 'send' })).ok).toBe(false);
    expect(socket.connected).toBe(true);
  });

  it('refuses media requests before joining, and a second join', async () => {
    const socket = await client();
    expect(await send(socket, 'media:createTransport', { direction: 'send' })).toMatchObject({ ok: false, error: { code: 'not_joined' } });
    await send(socket, 'room:join', { roomName: 'sesion-191', displayName: 'Dr. Ortiz' });
    expect(await send(socket, 'room:join', { roomName: 'sesion-192', displayName: 'Dr. Ortiz' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  });

  it('tells the room who joins and leaves, releases a disconnected peer and logs presence', async () => {
    const first = await client();
    const joinedFirst = (await send(first, 'room:join', { roomName: 'sesion-193', displayName: 'Dra. López' })) as {
      ok: true;
      data: JoinRoomResponse;
    };
    expect(joinedFirst.data.peers).toEqual([]);
    expect(joinedFirst.data.routerRtpCapabilities.codecs?.map((codec) => codec.mimeType)).toEqual(
      expect.arrayContaining(['audio/opus', 'video/VP8']),
    );

    const second = await client();
    const announced = nextEvent(first, 'room:peerJoined');
    const joinedSecond = (await send(second, 'room:join', { roomName: 'sesion-193', displayName: 'Dr. Ortiz' })) as {
      ok: true;
      data: JoinRoomResponse;
    };
    expect(joinedSecond.data.peers.map((peer) => peer.displayName)).toEqual(['Dra. López']);
    expect(await announced).toMatchObject({ peerId: joinedSecond.data.peerId, displayName: 'Dr. Ortiz' });

    const transport = await send(second, 'media:createTransport', { direction: 'recv' });
    expect(transport).toMatchObject({ ok: true, data: { id: expect.any(String), iceCandidates: expect.any(Array) } });
    const badConnect = await send(second, 'media:connectTransport', { transportId: 'nope', dtlsParameters: { fingerprints: [{ algorithm: 'sha-256', value: 'AB' }] } });
    expect(badConnect).toMatchObject({ ok: false, error: { code: 'not_found' } });

    const left = nextEvent(first, 'room:peerLeft');
    second.disconnect();
    expect(await left).toEqual({ peerId: joinedSecond.data.peerId });

    await vi.waitFor(async () => {
      const history = await server.services.presence.history('sesion-193');
      expect(history.map((event) => `${event.displayName} ${event.kind}`)).toEqual([
        'Dra. López join',
        'Dr. Ortiz join',
        'Dr. Ortiz leave',
      ]);
    });
    expect((await send(first, 'room:leave', {})).ok).toBe(true);
    await vi.waitFor(() => expect(server.media.rooms.count).toBe(0));
  });
});
