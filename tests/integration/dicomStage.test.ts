import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { useLiveRoomTestbed } from '../support/liveRoom';
import { createSessionSoon } from '../support/sessions';
import { nextEvent, send } from '../support/socketClient';

const room = useLiveRoomTestbed();
const { people, enter } = room;

describe('a DICOM series on the stage of a live room', () => {
  it('opens centred and takes everyone to the presenter’s slice, zoom and window', async () => {
    const sessionId = await createSessionSoon(room.db, { hostCenterId: room.host, createdBy: people.coordinator.id });
    const seriesId = new Types.ObjectId();
    const slice = (instanceNumber: number) => ({
      fileId: new Types.ObjectId(),
      filename: `ct-corte-${instanceNumber}.dcm`,
      size: 8_000,
      sha256: 'x',
      sopInstanceUid: `2.25.${instanceNumber}`,
      instanceNumber,
      frames: 1,
    });
    const [shown] = await room.db.models.cases.create([
      {
        centerId: room.host,
        createdBy: people.presenter.id,
        sessionId,
        caseCode: 'CDMX-7',
        ageYears: 5,
        sex: 'male',
        state: 'CDMX',
        icd10Code: 'C64',
        diagnosis: 'Tumor de Wilms',
        attachments: [
          {
            fileId: seriesId,
            filename: 'CT · ABDOMEN',
            contentType: 'application/dicom',
            size: 40_000,
            sha256: 'x',
            uploadedAt: new Date(),
            uploadedBy: people.presenter.id,
            series: { studyInstanceUid: '2.25.1', seriesInstanceUid: '2.25.2', modality: 'CT', slices: [1, 2, 3, 4, 5].map(slice) },
          },
        ],
      },
    ]);
    const presenter = await enter(people.presenter, sessionId);
    const expert = await enter(people.expert, sessionId);

    const opened = nextEvent(expert.socket, 'viewer:state');
    expect((await send(presenter.socket, 'viewer:open', { caseId: String(shown!._id), attachmentId: String(seriesId) })).ok).toBe(true);
    expect(await opened).toMatchObject({ contentType: 'application/dicom', filename: 'CT · ABDOMEN', page: 1, zoom: 100, x: 0.5, y: 0.5, window: null });

    const bone = { center: 400, width: 1800, preset: 'bone' };
    const moved = nextEvent(expert.socket, 'viewer:state');
    expect((await send(presenter.socket, 'viewer:update', { page: 3, zoom: 200, x: 0.4, y: 0.6, window: bone })).ok).toBe(true);
    expect(await moved).toMatchObject({ page: 3, zoom: 200, x: 0.4, y: 0.6, window: bone });
    // A move that says nothing of the window keeps it.
    const scrolled = nextEvent(expert.socket, 'viewer:state');
    expect((await send(presenter.socket, 'viewer:update', { page: 4, zoom: 200, x: 0.4, y: 0.6 })).ok).toBe(true);
    expect(await scrolled).toMatchObject({ page: 4, window: bone });

    for (const window of [
      { center: 400, width: 0, preset: 'bone' },
      { center: 400, width: 1800, preset: 'rayos-x' },
      { center: 1e9, width: 1800, preset: 'custom' },
    ]) {
      expect(await send(presenter.socket, 'viewer:update', { page: 4, zoom: 200, x: 0.4, y: 0.6, window })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(await send(expert.socket, 'viewer:update', { page: 1, zoom: 100, window: bone })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const late = await enter(people.coordinator, sessionId);
    expect(late.joined.floor.viewer).toMatchObject({ page: 4, zoom: 200, window: bone });
  });
});
