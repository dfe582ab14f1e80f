import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../server/db/database';
import type { TransportOptions } from '../../shared/media';
import { createAccount, createCenter, signIn, type TestAccount } from '../support/accounts';
import { microphoneRtpParameters } from '../support/rtp';
import { createSessionSoon } from '../support/sessions';
import { connect, enterRoom, nextEvent, record, send, settled, type TestSocket } from '../support/socketClient';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

let db: Database;
let server: TestServer;
let coordinator: TestAccount;
let expert: TestAccount;
let presenter: TestAccount;
let host: string;
const sockets: TestSocket[] = [];

const enter = (account: TestAccount, sessionId: string) => enterRoom(server.url, account, sessionId, sockets);

const newSession = () =>
  createSessionSoon(db, {
    hostCenterId: host,
    createdBy: coordinator.id,
    title: 'Sarcomas',
  });

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  host = await createCenter(db, 'CDMX');
  coordinator = await createAccount(db, ['coordinator'], host, 'Dra. Coordinadora');
  expert = await createAccount(db, ['expert'], host, 'Dr. Experto');
  presenter = await createAccount(db, ['presenter'], host, 'Dra. Presentadora');
});
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect();
});
afterAll(async () => {
  await server.close();
  await dropTestDatabase(db);
});

describe('the floor of a live room', () => {
  it('queues raised hands for everyone; only the coordinator lowers someone else’s', async () => {
    const sessionId = await newSession();
    const chair = await enter(coordinator, sessionId);
    const speaker = await enter(expert, sessionId);
    const queued = nextEvent(chair.socket, 'hand:queue');
    expect((await send(speaker.socket, 'hand:raise', { raised: true })).ok).toBe(true);
    expect(await queued).toMatchObject({ hands: [{ peerId: speaker.joined.peerId, displayName: 'Dr. Experto' }] });

    expect(await send(speaker.socket, 'hand:lower', { peerId: speaker.joined.peerId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const cleared = nextEvent(speaker.socket, 'hand:queue');
    expect((await send(chair.socket, 'hand:lower', { peerId: speaker.joined.peerId })).ok).toBe(true);
    expect(await cleared).toEqual({ hands: [] });
  });

  it('keeps the chat with the session: live for those present, as history for those who enter later, even in the room opened anew', async () => {
    const sessionId = await newSession();
    const chair = await enter(coordinator, sessionId);
    const heard = nextEvent(chair.socket, 'chat:message');
    const speaker = await enter(expert, sessionId);
    const sent = await send(speaker.socket, 'chat:send', { text: '  ¿Se cuenta con PET-CT?  ' });
    expect(sent).toMatchObject({ ok: true, data: { text: '¿Se cuenta con PET-CT?', displayName: 'Dr. Experto', userId: expert.id } });
    expect(await heard).toMatchObject({ text: '¿Se cuenta con PET-CT?' });
    expect(await send(speaker.socket, 'chat:send', { text: '   ' })).toMatchObject({ ok: false, error: { field: 'text' } });

    const late = await enter(presenter, sessionId);
    expect(late.joined.floor.chat.map((message) => message.text)).toEqual(['¿Se cuenta con PET-CT?']);
    expect(await send(late.socket, 'chat:send', { text: 'Sí, del 28 de noviembre' })).toMatchObject({ ok: true });

    // Everyone leaves, which closes the room; the next to enter opens it anew, from the record.
    for (const { socket } of [chair, speaker, late]) expect(await send(socket, 'room:leave', {})).toMatchObject({ ok: true });
    const again = await enter(expert, sessionId);
    expect(again.joined.floor.chat.map((message) => message.text)).toEqual(['¿Se cuenta con PET-CT?', 'Sí, del 28 de noviembre']);
  });

  it('gives each person a chat line once: the sender in its answer, the others in the broadcast', async () => {
    const sessionId = await newSession();
    const people = [await enter(coordinator, sessionId), await enter(expert, sessionId), await enter(presenter, sessionId)];
    const heard = people.map(({ socket }) => record(socket, 'chat:message'));
    const sender = people[1]!;
    const sent = await send(sender.socket, 'chat:send', { text: 'Una sola vez' });
    await settled(people.map(({ socket }) => socket));
    expect(sent).toMatchObject({ ok: true, data: { text: 'Una sola vez', userId: expert.id } });
    const { data } = sent as { data: { id: string } };
    expect(heard.map((lines) => lines.map((line) => line.id))).toEqual([[data.id], [], [data.id]]);
  });

  it('moves everyone to an agenda item when the coordinator says so', async () => {
    const sessionId = await newSession();
    const itemId = crypto.randomUUID();
    await db.models.sessions.updateOne({ _id: sessionId }, { $set: { agenda: [{ id: itemId, kind: 'case', title: 'Caso 1', durationMinutes: 20 }] } });
    const chair = await enter(coordinator, sessionId);
    const viewer = await enter(expert, sessionId);
    const moved = nextEvent(viewer.socket, 'agenda:current');
    expect(await send(chair.socket, 'agenda:goTo', { itemId })).toMatchObject({ ok: true, data: { itemId } });
    expect(await moved).toMatchObject({ itemId, startedAt: expect.any(String) });
    expect(await send(viewer.socket, 'agenda:goTo', { itemId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send(chair.socket, 'agenda:goTo', { itemId: crypto.randomUUID() })).toMatchObject({ ok: false, error: { field: 'itemId' } });
    const late = await enter(presenter, sessionId);
    expect(late.joined.floor.agenda.itemId).toBe(itemId);
  });

  it('holds people in the lobby of a locked room until the coordinator admits them', async () => {
    const sessionId = await newSession();
    const chair = await enter(coordinator, sessionId);
    expect(await send(chair.socket, 'room:lock', { locked: true })).toEqual({ ok: true, data: {} });

    const waiter = await connect(server.url, await signIn(server.url, expert.email));
    sockets.push(waiter);
    const waitingShown = nextEvent(chair.socket, 'lobby:waiting');
    expect(await send(waiter, 'room:join', { sessionId })).toEqual({ ok: true, data: { status: 'waiting' } });
    expect(await waitingShown).toEqual({ waiting: [{ userId: expert.id, displayName: 'Dr. Experto', centerId: host, guest: null }] });
    expect(await send(waiter, 'media:createTransport', { direction: 'recv' })).toMatchObject({ ok: false, error: { code: 'not_joined' } });

    const admitted = nextEvent(waiter, 'lobby:admitted');
    expect((await send(chair.socket, 'lobby:admit', { userId: expert.id })).ok).toBe(true);
    expect(await admitted).toEqual({ sessionId });
    expect(await send(waiter, 'room:join', { sessionId })).toMatchObject({ ok: true, data: { status: 'joined', floor: { locked: true } } });
  });

  it('lets the coordinator mute a microphone and remove a participant, who cannot come back', async () => {
    const sessionId = await newSession();
    const chair = await enter(coordinator, sessionId);
    const target = await enter(expert, sessionId);
    const transport = (await send(target.socket, 'media:createTransport', { direction: 'send' })) as { data: TransportOptions };
    const produced = await send(target.socket, 'media:produce', {
      transportId: transport.data.id,
      kind: 'audio',
      rtpParameters: microphoneRtpParameters(),
      source: 'microphone',
    });
    const producerId = (produced as { data: { producerId: string } }).data.producerId;

    expect(await send(target.socket, 'moderation:stopMedia', { peerId: chair.joined.peerId, source: 'microphone' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const told = nextEvent(target.socket, 'moderation:stopped');
    const muted = nextEvent(chair.socket, 'room:producerState');
    expect((await send(chair.socket, 'moderation:stopMedia', { peerId: target.joined.peerId, source: 'microphone' })).ok).toBe(true);
    expect(await told).toEqual({ source: 'microphone' });
    expect(await muted).toMatchObject({ producerId, paused: true });

    const removed = nextEvent(target.socket, 'room:removed');
    const gone = nextEvent(chair.socket, 'room:peerLeft');
    expect((await send(chair.socket, 'moderation:remove', { peerId: target.joined.peerId })).ok).toBe(true);
    expect(await removed).toMatchObject({ reason: expect.stringMatching(/removed/) });
    expect(await gone).toEqual({ peerId: target.joined.peerId });
    expect(await send(target.socket, 'room:join', { sessionId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await vi.waitFor(async () => {
      const history = await server.services.presence.history(sessionId);
      expect(history.filter((event) => String(event.userId) === expert.id).map((event) => event.kind)).toEqual(['join', 'leave']);
    });
    expect(await send(chair.socket, 'moderation:remove', { peerId: 'nobody' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
