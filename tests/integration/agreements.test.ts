import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { DEFAULT_TIME_ZONE } from '../../shared/mexico';
import { utcToZonedWallTime } from '../../shared/time';
import { apiClient, createAccount, createCenter, signIn } from '../support/accounts';
import { createSessionSoon } from '../support/sessions';
import { enterRoom, nextEvent, type TestSocket } from '../support/socketClient';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

let db: Database;
let server: TestServer;
let host: string;
let merida: string;
let slp: string;
let earlier: string;
let later: string;
const as: Record<'coordinator' | 'meridaPresenter' | 'meridaAttendee' | 'slpExpert', ReturnType<typeof apiClient>> = {} as never;

const day = (offsetDays: number) => utcToZonedWallTime(new Date(Date.now() + offsetDays * 86_400_000), DEFAULT_TIME_ZONE).slice(0, 10);

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  [host, merida, slp] = await Promise.all([createCenter(db, 'CDMX'), createCenter(db, 'YUC'), createCenter(db, 'SLP')]);
  const coordinator = await createAccount(db, ['coordinator'], host);
  as.coordinator = apiClient(server.url, await signIn(server.url, coordinator.email));
  as.meridaPresenter = apiClient(server.url, await signIn(server.url, (await createAccount(db, ['presenter'], merida)).email));
  as.meridaAttendee = apiClient(server.url, await signIn(server.url, (await createAccount(db, ['attendee'], merida)).email));
  as.slpExpert = apiClient(server.url, await signIn(server.url, (await createAccount(db, ['expert'], slp)).email));
  earlier = await createSessionSoon(db, { hostCenterId: host, invitedCenterIds: [merida, slp], createdBy: coordinator.id, startsInMinutes: -120 });
  later = await createSessionSoon(db, { hostCenterId: host, invitedCenterIds: [merida, slp], createdBy: coordinator.id, startsInMinutes: 7 * 24 * 60 });
});
afterAll(async () => {
  await server.close();
  await dropTestDatabase(db);
});

describe('agreements (acuerdos)', () => {
  it('are recorded by the coordinator with a responsible centre and a due date, and refuse bad input', async () => {
    const created = await as.coordinator('POST', `/sessions/${earlier}/agreements`, {
      text: 'La UMAE de Mérida se reunirá con el grupo de padres',
      responsibleCenterId: merida,
      responsiblePerson: 'Dr. Canul',
      dueDate: day(14),
    });
    expect(created).toMatchObject({ status: 201, body: { agreement: { status: 'pending', responsibleCenterId: merida, dueDate: day(14), followUps: [] } } });
    expect((await as.meridaPresenter('POST', `/sessions/${earlier}/agreements`, { text: 'x'.repeat(5), responsibleCenterId: merida, dueDate: day(1) })).status).toBe(403);
    for (const [body, field] of [
      [{ text: 'Dar seguimiento', responsibleCenterId: merida, dueDate: '15/12/2026' }, 'dueDate'],
      [{ text: 'Dar seguimiento', responsibleCenterId: '0123456789abcdef01234567', dueDate: day(3) }, 'responsibleCenterId'],
      [{ text: 'ok', responsibleCenterId: merida, dueDate: day(3) }, 'text'],
      [{ text: 'Dar seguimiento', responsibleCenterId: merida, dueDate: day(3), caseId: '0123456789abcdef01234567' }, 'caseId'],
    ] as const) {
      expect(await as.coordinator('POST', `/sessions/${earlier}/agreements`, body)).toMatchObject({ status: 400, body: { error: { field } } });
    }
  });

  it('read as overdue once past their due date, until done', async () => {
    const { body } = await as.coordinator('POST', `/sessions/${earlier}/agreements`, {
      text: 'Dar seguimiento al abasto de levetiracetam en San Luis Potosí',
      responsibleCenterId: slp,
      dueDate: day(-1),
    });
    expect(body.agreement.status).toBe('overdue');
    const done = await as.slpExpert('PATCH', `/agreements/${body.agreement.id}`, { version: 0, status: 'done' });
    expect(done.body.agreement).toMatchObject({ status: 'done', version: 1 });
  });

  it('let the responsible centre change only the status; refuse stale versions', async () => {
    const { body } = await as.coordinator('POST', `/sessions/${earlier}/agreements`, { text: 'Enviar laminillas a revisión', responsibleCenterId: merida, dueDate: day(5) });
    const id = body.agreement.id;
    expect((await as.meridaPresenter('PATCH', `/agreements/${id}`, { version: 0, text: 'Otra cosa' })).status).toBe(403);
    expect((await as.meridaAttendee('PATCH', `/agreements/${id}`, { version: 0, status: 'in_progress' })).status).toBe(403);
    expect((await as.slpExpert('PATCH', `/agreements/${id}`, { version: 0, status: 'in_progress' })).status).toBe(403);
    expect((await as.meridaPresenter('PATCH', `/agreements/${id}`, { version: 0, status: 'in_progress' })).body.agreement).toMatchObject({ status: 'in_progress', version: 1 });
    expect(await as.coordinator('PATCH', `/agreements/${id}`, { version: 0, dueDate: day(9) })).toMatchObject({ status: 409, body: { error: { field: 'version' } } });
  });

  it('keep every follow-up note, even two written at the same moment', async () => {
    const { body } = await as.coordinator('POST', `/sessions/${earlier}/agreements`, { text: 'Gestionar referencia a trasplante', responsibleCenterId: merida, dueDate: day(20) });
    const id = body.agreement.id;
    await Promise.all([
      as.coordinator('POST', `/agreements/${id}/follow-ups`, { note: 'Se envió la solicitud', sessionId: later }),
      as.meridaPresenter('POST', `/agreements/${id}/follow-ups`, { note: 'La familia aceptó el traslado' }),
    ]);
    const listed = await as.coordinator('GET', `/sessions/${earlier}/agreements`);
    const followUps = listed.body.agreements.find((agreement: { id: string }) => agreement.id === id).followUps;
    expect(followUps.map((followUp: { note: string }) => followUp.note).sort()).toEqual(['La familia aceptó el traslado', 'Se envió la solicitud']);
    expect((await as.slpExpert('POST', `/agreements/${id}/follow-ups`, { note: 'No me corresponde' })).status).toBe(403);
    expect((await server.services.audit.history('agreement', id)).map((entry) => entry.action)).toEqual(['create', 'follow_up', 'follow_up']);
  });

  it('reach the people in the session’s room as they are recorded', async () => {
    const sockets: TestSocket[] = [];
    const watcher = await createAccount(db, ['expert'], merida, 'Dr. Observador');
    const { socket } = await enterRoom(server.url, watcher, earlier, sockets);
    const heard = nextEvent(socket, 'agreement:changed');
    await as.coordinator('POST', `/sessions/${earlier}/agreements`, { text: 'Enviar reporte de inmunohistoquímica', responsibleCenterId: merida, dueDate: day(2) });
    expect(await heard).toMatchObject({ text: 'Enviar reporte de inmunohistoquímica', sessionId: earlier });
    socket.disconnect();
  });

  it('carry every open agreement of earlier sessions into the next session’s follow-up', async () => {
    const followUp = await as.slpExpert('GET', `/sessions/${later}/agreements/follow-up`);
    const texts = followUp.body.agreements.map((agreement: { text: string }) => agreement.text);
    expect(texts).toContain('La UMAE de Mérida se reunirá con el grupo de padres');
    expect(texts).toContain('Gestionar referencia a trasplante');
    expect(texts).not.toContain('Dar seguimiento al abasto de levetiracetam en San Luis Potosí');
    expect(followUp.body.agreements.every((agreement: { sessionNumber: number }) => agreement.sessionNumber >= 1)).toBe(true);
    expect((await as.coordinator('GET', `/sessions/${earlier}/agreements/follow-up`)).body.agreements).toEqual([]);
  });

  it('show in a follow-up only what the centre may read: agreements of sessions it took part in, or that it is responsible for', async () => {
    const coordinatorId = (await db.models.users.findOne({ roles: 'coordinator', centerId: host }).lean())!._id;
    const private_ = await createSessionSoon(db, { hostCenterId: host, invitedCenterIds: [merida], createdBy: String(coordinatorId), startsInMinutes: -60 });
    const text = 'Revisar con la familia el caso YUC-2026-031';
    expect((await as.coordinator('POST', `/sessions/${private_}/agreements`, { text, responsibleCenterId: merida, dueDate: day(10) })).status).toBe(201);
    const textsFor = async (who: keyof typeof as) =>
      (await as[who]('GET', `/sessions/${later}/agreements/follow-up`)).body.agreements.map((agreement: { text: string }) => agreement.text);
    expect(await textsFor('slpExpert')).not.toContain(text);
    expect(await textsFor('meridaPresenter')).toContain(text);
    expect(await textsFor('coordinator')).toContain(text);
  });
});
