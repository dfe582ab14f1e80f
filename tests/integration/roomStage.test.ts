import { describe, expect, it } from 'vitest';
import type { TransportOptions } from '../../shared/media';
import { useLiveRoomTestbed } from '../support/liveRoom';
import { cameraRtpParameters } from '../support/rtp';
import { createSessionSoon } from '../support/sessions';
import { nextEvent, send, type TestSocket } from '../support/socketClient';

const room = useLiveRoomTestbed();
const { people, enter } = room;

async function shareScreen(socket: TestSocket, ssrc: number) {
  const transport = (await send(socket, 'media:createTransport', { direction: 'send' })) as { data: TransportOptions };
  return send(socket, 'media:produce', { transportId: transport.data.id, kind: 'video', rtpParameters: cameraRtpParameters(ssrc), source: 'screen' });
}

describe('the stage of a live room', () => {
  it('lets presenters and coordinators share a screen, one at a time', async () => {
    const sessionId = await createSessionSoon(room.db, { hostCenterId: room.host, createdBy: people.coordinator.id });
    const expert = await enter(people.expert, sessionId);
    const presenter = await enter(people.presenter, sessionId);
    const coordinator = await enter(people.coordinator, sessionId);
    expect(await shareScreen(expert.socket, 1)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const seen = nextEvent(expert.socket, 'room:producerAdded');
    expect(await shareScreen(presenter.socket, 2)).toMatchObject({ ok: true });
    expect(await seen).toMatchObject({ source: 'screen', peerId: presenter.joined.peerId });
    expect(await shareScreen(coordinator.socket, 3)).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('shows a case file to everyone and keeps them on the presenter’s page', async () => {
    const sessionId = await createSessionSoon(room.db, { hostCenterId: room.host, createdBy: people.coordinator.id });
    const otherSession = await createSessionSoon(room.db, { hostCenterId: room.host, createdBy: people.coordinator.id });
    const fileId = '0123456789abcdef01234599';
    const attachment = { fileId, filename: 'tac.pdf', contentType: 'application/pdf', size: 10, sha256: 'x', uploadedAt: new Date(), uploadedBy: people.presenter.id };
    const base = { centerId: room.host, createdBy: people.presenter.id, ageYears: 5, sex: 'male', state: 'CDMX', icd10Code: 'C64', diagnosis: 'Tumor de Wilms' } as const;
    const [here, elsewhere] = await room.db.models.cases.create([
      { ...base, sessionId, caseCode: 'CDMX-1', attachments: [attachment] },
      { ...base, sessionId: otherSession, caseCode: 'CDMX-2', attachments: [attachment] },
    ]);

    const presenter = await enter(people.presenter, sessionId);
    const expert = await enter(people.expert, sessionId);
    expect(await send(expert.socket, 'viewer:open', { caseId: String(here!._id), attachmentId: fileId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send(presenter.socket, 'viewer:open', { caseId: String(elsewhere!._id), attachmentId: fileId })).toMatchObject({
      ok: false,
      error: { field: 'caseId' },
    });
    expect(await send(presenter.socket, 'viewer:open', { caseId: String(here!._id), attachmentId: '0123456789abcdef01234500' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });

    const opened = nextEvent(expert.socket, 'viewer:state');
    expect((await send(presenter.socket, 'viewer:open', { caseId: String(here!._id), attachmentId: fileId })).ok).toBe(true);
    expect(await opened).toMatchObject({ filename: 'tac.pdf', page: 1, zoom: 100, presenterPeerId: presenter.joined.peerId });

    const moved = nextEvent(expert.socket, 'viewer:state');
    expect((await send(presenter.socket, 'viewer:update', { page: 3, zoom: 150, x: 0, y: 0.75 })).ok).toBe(true);
    expect(await moved).toMatchObject({ page: 3, zoom: 150, x: 0, y: 0.75 });
    expect(await send(presenter.socket, 'viewer:update', { page: 3, zoom: 150, x: 0, y: 2 })).toMatchObject({ ok: false, error: { field: 'y' } });
    expect(await send(expert.socket, 'viewer:update', { page: 1, zoom: 100 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send(presenter.socket, 'viewer:update', { page: 0, zoom: 100 })).toMatchObject({ ok: false, error: { field: 'page' } });

    const late = await enter(people.coordinator, sessionId);
    expect(late.joined.floor.viewer).toMatchObject({ page: 3, zoom: 150, y: 0.75 });
    const closed = nextEvent(expert.socket, 'viewer:state');
    presenter.socket.disconnect();
    expect(await closed).toBeNull();
  });

  it('keeps the shown file on everyone’s stage while its presenter’s link is down, and gives it to the presenter’s new page', async () => {
    const sessionId = await createSessionSoon(room.db, { hostCenterId: room.host, createdBy: people.coordinator.id });
    const fileId = '0123456789abcdef01234598';
    const attachment = { fileId, filename: 'rm.pdf', contentType: 'application/pdf', size: 10, sha256: 'x', uploadedAt: new Date(), uploadedBy: people.presenter.id };
    const [shown] = await room.db.models.cases.create([
      {
        centerId: room.host,
        createdBy: people.presenter.id,
        ageYears: 7,
        sex: 'female',
        state: 'CDMX',
        icd10Code: 'C71.6',
        diagnosis: 'Meduloblastoma',
        sessionId,
        caseCode: 'CDMX-3',
        attachments: [attachment],
      },
    ]);
    const presenter = await enter(people.presenter, sessionId);
    const expert = await enter(people.expert, sessionId);
    expect((await send(presenter.socket, 'viewer:open', { caseId: String(shown!._id), attachmentId: fileId })).ok).toBe(true);
    expect((await send(presenter.socket, 'viewer:update', { page: 2, zoom: 125 })).ok).toBe(true);

    const interrupted = nextEvent(expert.socket, 'room:peerConnection');
    presenter.socket.io.engine.close();
    await interrupted;
    // Still on the stage for whoever is in the room, and for whoever enters meanwhile.
    const late = await enter(people.coordinator, sessionId);
    expect(late.joined.floor.viewer).toMatchObject({ filename: 'rm.pdf', page: 2, presenterPeerId: presenter.joined.peerId });

    // The presenter's page reloads: its new peer shows the file, where it was.
    const handedOver = nextEvent(expert.socket, 'viewer:state');
    const reopened = await enter(people.presenter, sessionId);
    expect(reopened.joined.floor.viewer).toMatchObject({ filename: 'rm.pdf', page: 2, zoom: 125, presenterPeerId: reopened.joined.peerId });
    expect(await handedOver).toMatchObject({ page: 2, presenterPeerId: reopened.joined.peerId });
    const moved = nextEvent(expert.socket, 'viewer:state');
    expect((await send(reopened.socket, 'viewer:update', { page: 3, zoom: 125 })).ok).toBe(true);
    expect(await moved).toMatchObject({ page: 3 });
  });
});
