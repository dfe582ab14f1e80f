import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../server/db/database';
import { createAccount, createCenter, signIn } from '../support/accounts';
import { HeadlessParticipant } from '../support/headlessParticipant';
import type { ReceivedByKind } from '../support/participantPlan';
import { createSessionSoon } from '../support/sessions';
import { SyntheticMedia } from '../support/syntheticMedia';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

const CAMERA = { width: 320, height: 180, fps: 15 };

let db: Database;
let server: TestServer;
let media: SyntheticMedia;
const participants: HeadlessParticipant[] = [];

beforeAll(async () => {
  db = await openTestDatabase();
  // Two workers, and a share so small that the third participant already spreads the session.
  server = await startTestServer(db, { workers: 2, env: { MEDIASOUP_WORKER_CONSUMERS: '4' } });
  media = new SyntheticMedia();
});
afterAll(async () => {
  for (const participant of participants) participant.leave();
  // Their leaving is recorded (attendance) before the database goes.
  await vi.waitFor(() => expect(server.media.rooms.openRooms()).toEqual([]), { timeout: 10_000 });
  media.close();
  await server.close();
  await dropTestDatabase(db);
});

describe('a session that outgrows one media worker', () => {
  it('spreads to a second worker, and everyone still hears and sees everyone, across it', async () => {
    const center = await createCenter(db, 'PUE');
    const coordinator = await createAccount(db, ['coordinator'], center, 'Dra. Coordinadora');
    const sessionId = await createSessionSoon(db, { hostCenterId: center, createdBy: coordinator.id, title: 'Sesión nacional' });
    for (const name of ['Dra. Uno', 'Dr. Dos', 'Dra. Tres', 'Dr. Cuatro']) {
      const account = await createAccount(db, ['expert'], center, name);
      participants.push(
        await HeadlessParticipant.enter(server.url, await signIn(server.url, account.email), sessionId, media, { camera: CAMERA, watchedCameras: 9, cameraLayer: 1 }),
      );
    }
    const room = server.media.rooms.find(sessionId)!;
    expect(new Set(room.workers).size).toBe(2);
    expect(new Set(room.peerList().map((peer) => peer.router.id)).size).toBe(2);

    // Each hears the three others and sees their cameras, packets still flowing a second later.
    const everyone = () => Promise.all(participants.map((participant) => participant.received()));
    const flowing = (before: ReceivedByKind[], after: ReceivedByKind[]) =>
      after.every((counts, n) => counts.audio.packetsReceived > before[n]!.audio.packetsReceived && counts.shown.frames > before[n]!.shown.frames);
    await vi.waitFor(
      async () => {
        for (const counts of await everyone()) {
          expect(counts.audio.streams).toBe(3);
          expect(counts.video.streams).toBe(3);
        }
      },
      { timeout: 10_000, interval: 250 },
    );
    const before = await everyone();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(flowing(before, await everyone())).toBe(true);

    // The first one leaves: what was piped of it closes too, on both workers.
    participants.shift()!.leave();
    await vi.waitFor(() => expect(room.peerList().map((peer) => peer.holdings().consumers)).toEqual([4, 4, 4]), { timeout: 10_000 });
  });
});
