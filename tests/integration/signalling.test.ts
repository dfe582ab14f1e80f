import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { consumerResumes } from '../../client/services/consumerResumes';
import type { Database } from '../../server/db/database';
import { MAX_RESUMED_AT_ONCE, type EnteredMedia, type JoinedRoom, type MediaCapabilities } from '../../shared/media';
import { createAccount, createCenter, jsonOf, signIn, type TestAccount } from '../support/accounts';
import { cameraRtpParameters, microphoneRtpParameters } from '../support/rtp';
import { createSessionSoon } from '../support/sessions';
import { connect, nextEvent, send, sendWithoutAck, type TestSocket } from '../support/socketClient';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

let db: Database;
let server: TestServer;
const cookies = new Map<TestAccount, string>();
const sockets: TestSocket[] = [];
let lopez: TestAccount;
let ortiz: TestAccount;
let outsider: TestAccount;
let coordinator: TestAccount;
let sessionId: string;

/** A socket signed in as `account` (Dra. López unless said otherwise). */
async function client(account = lopez): Promise<TestSocket> {
  if (!cookies.has(account)) cookies.set(account, await signIn(server.url, account.email));
  const socket = await connect(server.url, cookies.get(account));
  sockets.push(socket);
  return socket;
}

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  const [host, merida, sonora] = await Promise.all([createCenter(db, 'CDMX'), createCenter(db, 'YUC'), createCenter(db, 'SON')]);
  lopez = await createAccount(db, ['presenter'], merida, 'Dra. López');
  ortiz = await createAccount(db, ['expert'], host, 'Dr. Ortiz');
  outsider = await createAccount(db, ['expert'], sonora, 'Dr. Fuera');
  coordinator = await createAccount(db, ['coordinator'], host, 'Dra. Coordinadora');
  sessionId = await createSessionSoon(db, { hostCenterId: host, invitedCenterIds: [merida], createdBy: coordinator.id });
});
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect();
});
afterAll(async () => {
  await server.close();
  await dropTestDatabase(db);
});

describe('HTTP', () => {
  it('reports health to anyone, and the database and media workers’ details to administrators only', async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await jsonOf(response)).toEqual({ status: 'ok', uptimeSeconds: expect.any(Number), database: { state: 'connected' } });

    const admin = await createAccount(db, ['admin'], coordinator.centerId, 'Ing. Sistemas');
    const asAdmin = await fetch(`${server.url}/api/health`, { headers: { cookie: await signIn(server.url, admin.email) } });
    expect((await jsonOf(asAdmin)).details).toEqual({ database: { embedded: false }, media: { workers: [{ pid: expect.any(Number), alive: true }], rooms: 0 } });
  });

  it('answers an unknown API route and malformed JSON with a JSON error', async () => {
    const missing = await fetch(`${server.url}/api/nothing-here`);
    expect(missing.status).toBe(404);
    expect(await jsonOf(missing)).toEqual({ error: { code: 'not_found', message: 'no route GET /api/nothing-here' } });

    const malformed = await fetch(`${server.url}/api/health`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":' });
    expect(malformed.status).toBe(400);
    expect((await jsonOf(malformed)).error.code).toBe('invalid_input');
  });
});

describe('Socket.IO requests', () => {
  it('refuses a connection without a signed-in account', async () => {
    await expect(connect(server.url)).rejects.toThrow('unauthenticated');
    await expect(connect(server.url, 'oncoboard_session=forged')).rejects.toThrow('unauthenticated');
  });

  it('refuses a bad session id with a field error and keeps the socket usable', async () => {
    const socket = await client();
    const refused = await send(socket, 'room:join', { sessionId: 'sesion-190' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'sessionId' } });
    expect(socket.connected).toBe(true);

    const joined = await send(socket, 'room:join', { sessionId });
    expect(joined).toMatchObject({ ok: true, data: { session: { id: sessionId, title: 'Sesión de prueba' } } });
  });

  it.each([
    ['no payload', []],
    ['null', [null]],
    ['a string', ['sesion-190']],
    ['an array', [['sesion-190']]],
    ['a query operator', [{ sessionId: { $ne: null } }]],
    ['a huge id', [{ sessionId: 'a'.repeat(100_000) }]],
  ])('answers a malformed join (%s) with invalid_input', async (_case, args) => {
    const socket = await client();
    const result = await send(socket, 'room:join', ...args);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(socket.connected).toBe(true);
  });

  it('survives requests without an ack and unknown events', async () => {
    const socket = await client();
    sendWithoutAck(socket, 'room:join', { sessionId });
    sendWithoutAck(socket, 'no:such-event', 42);
    expect((await send(socket, 'media:createTransport', { direction: 'send' })).ok).toBe(false);
    expect(socket.connected).toBe(true);
  });

  it('refuses media requests before joining, and a second join', async () => {
    const socket = await client();
    expect(await send(socket, 'media:createTransport', { direction: 'send' })).toMatchObject({ ok: false, error: { code: 'not_joined' } });
    await send(socket, 'room:join', { sessionId });
    expect(await send(socket, 'room:join', { sessionId })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('runs the lobby’s connection test in a room of its own: media requests only, ended by entering the session', async () => {
    const socket = await client();
    const started = await send(socket, 'probe:start', {});
    expect(started).toEqual({ ok: true, data: { ice: { iceServers: [], iceTransportPolicy: 'all' } } });
    expect(await send(socket, 'probe:start', {})).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await send(socket, 'media:createTransport', { direction: 'send' })).toMatchObject({ ok: true, data: { iceCandidates: expect.any(Array) } });
    // It is no session: nothing of the floor, and no presence.
    expect(await send(socket, 'chat:send', { text: 'hola' })).toMatchObject({ ok: false, error: { code: 'not_joined' } });
    const marks = (await server.services.presence.history(sessionId)).length;
    expect(await send(socket, 'probe:stop', {})).toMatchObject({ ok: true });
    expect(await send(socket, 'media:createTransport', { direction: 'send' })).toMatchObject({ ok: false, error: { code: 'not_joined' } });
    expect(await send(socket, 'probe:start', {})).toMatchObject({ ok: true });
    expect(await send(socket, 'room:join', { sessionId })).toMatchObject({ ok: true, data: { status: 'joined' } });
    expect(await send(socket, 'probe:start', {})).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await server.services.presence.history(sessionId)).length).toBe(marks + 1);
    expect(await send(socket, 'room:leave', {})).toMatchObject({ ok: true });
    // The leave is acknowledged once it is written, not before.
    expect((await server.services.presence.history(sessionId)).at(-1)).toMatchObject({ kind: 'leave' });
  });

  it('enters with its transports made and with what the room already sends, in the join’s one answer', async () => {
    const presenter = await client(lopez);
    const { data: capabilities } = (await send(presenter, 'media:capabilities', {})) as { ok: true; data: MediaCapabilities };
    expect(capabilities.routerRtpCapabilities.codecs?.map((codec) => codec.mimeType)).toEqual(expect.arrayContaining(['audio/opus', 'video/VP8']));
    const media = { rtpCapabilities: capabilities.routerRtpCapabilities, send: true };
    const first = (await send(presenter, 'room:join', { sessionId, media })) as { ok: true; data: { media: EnteredMedia } };
    expect(first.data.media).toEqual({
      transports: { recv: expect.objectContaining({ id: expect.any(String) }), send: expect.objectContaining({ id: expect.any(String) }) },
      consumers: [],
    });
    const sendTransportId = first.data.media.transports.send!.id;
    const produced = await send(presenter, 'media:produce', { transportId: sendTransportId, kind: 'video', rtpParameters: cameraRtpParameters(), source: 'camera' });
    expect(produced).toMatchObject({ ok: true });
    const { producerId } = (produced as { ok: true; data: { producerId: string } }).data;

    const viewer = await client(ortiz);
    const entered = (await send(viewer, 'room:join', { sessionId, media: { ...media, send: false } })) as { ok: true; data: { media: EnteredMedia } };
    expect(entered.data.media.transports.send).toBeNull();
    expect(entered.data.media.consumers).toEqual([expect.objectContaining({ producerId, kind: 'video', source: 'camera', peerId: expect.any(String) })]);
    const [consumer] = entered.data.media.consumers;
    // Made once: asking for the same camera again (a page that missed the news) gives the one made, resumed as usual.
    const again = await send(viewer, 'media:consume', { transportId: entered.data.media.transports.recv.id, producerId, rtpCapabilities: media.rtpCapabilities });
    expect(again).toMatchObject({ ok: true, data: { consumerId: consumer!.consumerId } });
    expect(await send(viewer, 'media:resumeConsumers', { consumerIds: [consumer!.consumerId, 'gone'] })).toEqual({ ok: true, data: { missing: ['gone'] } });
    expect(await send(viewer, 'media:resumeConsumers', { consumerIds: [] })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const tooMany = Array.from({ length: MAX_RESUMED_AT_ONCE + 1 }, (_, index) => `consumer-${index}`);
    expect(await send(viewer, 'media:resumeConsumers', { consumerIds: tooMany })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    expect(await send(await client(coordinator), 'room:join', { sessionId, media: { rtpCapabilities: { codecs: 'all' }, send: true } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('resumes what a page receives in one request: those ready at once go together, and one whose sender left is refused alone', async () => {
    const presenter = await client(lopez);
    const { data: capabilities } = (await send(presenter, 'media:capabilities', {})) as { ok: true; data: MediaCapabilities };
    const media = { rtpCapabilities: capabilities.routerRtpCapabilities, send: true };
    const joined = (await send(presenter, 'room:join', { sessionId, media })) as { ok: true; data: { media: EnteredMedia } };
    const transportId = joined.data.media.transports.send!.id;
    await send(presenter, 'media:produce', { transportId, kind: 'video', rtpParameters: cameraRtpParameters(), source: 'camera' });
    await send(presenter, 'media:produce', { transportId, kind: 'audio', rtpParameters: microphoneRtpParameters(), source: 'microphone' });

    const viewer = await client(ortiz);
    const entered = (await send(viewer, 'room:join', { sessionId, media: { ...media, send: false } })) as { ok: true; data: { media: EnteredMedia } };
    const received = entered.data.media.consumers.map(({ consumerId }) => consumerId);
    expect(received).toHaveLength(2);
    const asked: string[][] = [];
    viewer.onAnyOutgoing((event, payload: { consumerIds?: string[] }) => {
      if (event === 'media:resumeConsumers') asked.push(payload.consumerIds ?? []);
    });
    const resume = consumerResumes(viewer);
    const outcomes = await Promise.allSettled([...received, 'consumer-gone'].map((consumerId) => resume(consumerId)));
    expect(asked).toEqual([[...received, 'consumer-gone']]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect(outcomes[2]).toMatchObject({ reason: { code: 'not_found' } });
  });

  it('brings what starts later with its news: a consumer made for each page that entered receiving, audio flowing at once and video to resume', async () => {
    const ownSession = await createSessionSoon(db, { hostCenterId: ortiz.centerId, invitedCenterIds: [lopez.centerId], createdBy: coordinator.id });
    const presenter = await client(lopez);
    const { data: capabilities } = (await send(presenter, 'media:capabilities', {})) as { ok: true; data: MediaCapabilities };
    const media = { rtpCapabilities: capabilities.routerRtpCapabilities, send: true };
    const joined = (await send(presenter, 'room:join', { sessionId: ownSession, media })) as { ok: true; data: { media: EnteredMedia } };
    const viewer = await client(ortiz);
    const entered = (await send(viewer, 'room:join', { sessionId: ownSession, media: { ...media, send: false } })) as { ok: true; data: { media: EnteredMedia } };
    // Entered without saying how it receives (as a page admitted from the lobby): it is told, and asks.
    const listener = await client(coordinator);
    expect(await send(listener, 'room:join', { sessionId: ownSession })).toMatchObject({ ok: true });
    const viewerHears = nextEvent(viewer, 'room:producerAdded');
    const listenerHears = nextEvent(listener, 'room:producerAdded');
    const asked: string[] = [];
    viewer.onAnyOutgoing((event: string) => asked.push(event));

    const transportId = joined.data.media.transports.send!.id;
    const produced = await send(presenter, 'media:produce', { transportId, kind: 'audio', rtpParameters: microphoneRtpParameters(), source: 'microphone' });
    const { producerId } = (produced as { ok: true; data: { producerId: string } }).data;
    const news = await viewerHears;
    expect(news).toMatchObject({ producerId, source: 'microphone', paused: false, consumer: { producerId, kind: 'audio', source: 'microphone', paused: false } });
    expect(await listenerHears).not.toHaveProperty('consumer');
    // A camera's consumer waits for the page, which resumes it once it can show its first keyframe.
    const cameraNews = nextEvent(viewer, 'room:producerAdded');
    await send(presenter, 'media:produce', { transportId, kind: 'video', rtpParameters: cameraRtpParameters(), source: 'camera' });
    const camera = (await cameraNews).consumer!;
    expect(camera).toMatchObject({ kind: 'video', source: 'camera', paused: true });
    expect(await send(viewer, 'media:resumeConsumers', { consumerIds: [camera.consumerId] })).toEqual({ ok: true, data: { missing: [] } });
    expect(asked).toEqual(['media:resumeConsumers']);
    // A page whose link was down when the news came asks on its return: the consumer already made.
    const again = await send(viewer, 'media:consume', { transportId: entered.data.media.transports.recv.id, producerId, rtpCapabilities: media.rtpCapabilities });
    expect(again).toMatchObject({ ok: true, data: { consumerId: news.consumer!.consumerId } });
  });

  it('lets in only the invited, only when the room is open', async () => {
    expect(await send(await client(outsider), 'room:join', { sessionId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send(await client(), 'room:join', { sessionId: '0123456789abcdef01234567' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const later = await createSessionSoon(db, { hostCenterId: ortiz.centerId, invitedCenterIds: [lopez.centerId], createdBy: coordinator.id, startsInMinutes: 240 });
    expect(await send(await client(), 'room:join', { sessionId: later })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await send(await client(coordinator), 'room:join', { sessionId: later })).ok).toBe(true);
    await db.models.sessions.updateOne({ _id: later }, { $set: { status: 'cancelled' } });
    expect(await send(await client(ortiz), 'room:join', { sessionId: later })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('names people by their account, tells the room who joins, mutes and leaves, and logs presence', async () => {
    const first = await client(lopez);
    const joinedFirst = (await send(first, 'room:join', { sessionId })) as { ok: true; data: JoinedRoom };
    expect((await db.models.sessions.findById(sessionId).lean())!.status).toBe('live');

    const second = await client(ortiz);
    const announced = nextEvent(first, 'room:peerJoined');
    const joinedSecond = (await send(second, 'room:join', { sessionId })) as { ok: true; data: JoinedRoom };
    expect(joinedSecond.data.peers.map((peer) => [peer.displayName, peer.roles, peer.centerId])).toContainEqual(['Dra. López', ['presenter'], lopez.centerId]);
    expect(await announced).toMatchObject({ peerId: joinedSecond.data.peerId, displayName: 'Dr. Ortiz', userId: ortiz.id, roles: ['expert'] });

    const transport = await send(second, 'media:createTransport', { direction: 'recv' });
    expect(transport).toMatchObject({ ok: true, data: { id: expect.any(String), iceCandidates: expect.any(Array) } });
    const badConnect = await send(second, 'media:connectTransport', { transportId: 'nope', dtlsParameters: { fingerprints: [{ algorithm: 'sha-256', value: 'AB' }] } });
    expect(badConnect).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await send(second, 'media:pauseProducer', { producerId: 'nope', paused: true })).toMatchObject({ ok: false, error: { code: 'not_found' } });

    const left = nextEvent(first, 'room:peerLeft');
    second.disconnect();
    expect(await left).toEqual({ peerId: joinedSecond.data.peerId });

    await vi.waitFor(async () => {
      const history = await server.services.presence.history(sessionId);
      const lines = history.filter((event) => event.peerId === joinedFirst.data.peerId || event.peerId === joinedSecond.data.peerId);
      expect(lines.map((event) => `${event.displayName} ${event.kind}`)).toEqual(['Dra. López join', 'Dr. Ortiz join', 'Dr. Ortiz leave']);
      expect(String(lines[1]!.userId)).toBe(ortiz.id);
      expect(String(lines[1]!.centerId)).toBe(ortiz.centerId);
    });
    expect((await send(first, 'room:leave', {})).ok).toBe(true);
  });
});
