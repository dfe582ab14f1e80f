import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../server/db/database';
import { createAccount, createCenter, signInEach } from '../support/accounts';
import { LightParticipant } from '../support/lightParticipant';
import type { ReceivedByKind } from '../support/participantPlan';
import { createSessionSoon } from '../support/sessions';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

const PEOPLE = 50;
const SPEAKERS = 3;

let db: Database;
let server: TestServer;
const participants: LightParticipant[] = [];

beforeAll(async () => {
  db = await openTestDatabase();
  // A worker's share small enough that fifty people spread the session over both workers.
  server = await startTestServer(db, { workers: 2, env: { MEDIASOUP_WORKER_CONSUMERS: '80' } });
});
afterAll(async () => {
  await Promise.all(participants.map((participant) => participant.leave()));
  await vi.waitFor(() => expect(server.media.rooms.openRooms()).toEqual([]), { timeout: 20_000 });
  await server.close();
  await dropTestDatabase(db);
});

describe('a national session of fifty participants', () => {
  it('lets all fifty in, and each hears whoever speaks, without loss, over both workers', async () => {
    const centers = await Promise.all(Array.from({ length: 36 }, () => createCenter(db)));
    const coordinator = await createAccount(db, ['coordinator'], centers[0]!, 'Dra. Coordinadora');
    const sessionId = await createSessionSoon(db, { hostCenterId: centers[0]!, invitedCenterIds: centers.slice(1), createdBy: coordinator.id, title: 'Sesión nacional' });
    const accounts = [];
    for (let n = 0; n < PEOPLE; n++) accounts.push(await createAccount(db, ['expert'], centers[n % centers.length]!, `Especialista ${n}`));
    const cookies = await signInEach(
      server.url,
      accounts.map((account) => account.email),
    );
    // Three speak (real ICE, DTLS and SRTP from each), everyone else listens with the microphone off.
    for (const [n, cookie] of cookies.entries()) {
      participants.push(await LightParticipant.enter(server.url, cookie, sessionId, { microphone: n < SPEAKERS, watchedCameras: 9, cameraLayer: 1 }));
    }
    const room = server.media.rooms.find(sessionId)!;
    expect(room.peerList()).toHaveLength(PEOPLE);
    expect(new Set(room.peerList().map((peer) => peer.router.id)).size).toBe(2);

    const heard = (n: number) => (n < SPEAKERS ? SPEAKERS - 1 : SPEAKERS);
    await vi.waitFor(() => participants.forEach((participant, n) => expect(participant.received().audio.streams).toBe(heard(n))), { timeout: 10_000, interval: 250 });
    const before: ReceivedByKind[] = participants.map((participant) => participant.received());
    await new Promise((resolve) => setTimeout(resolve, 2000));
    participants.forEach((participant, n) => {
      const { audio } = participant.received();
      const received = audio.packetsReceived - before[n]!.audio.packetsReceived;
      // Two seconds of 20 ms frames from each speaker heard, none of them missing.
      expect(received).toBeGreaterThan(heard(n) * 80);
      expect(audio.packetsLost - before[n]!.audio.packetsLost).toBeLessThanOrEqual(received / 100);
    });
  });
});
