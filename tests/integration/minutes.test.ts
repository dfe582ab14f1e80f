import { randomUUID } from 'node:crypto';
import { parse as parseContentDisposition } from 'content-disposition';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../server/db/database';
import { apiClient, createAccount, createCenter, signIn, type TestAccount } from '../support/accounts';
import { pdfPages } from '../support/pdfText';
import { createCaseIn, createSessionSoon } from '../support/sessions';
import { enterRoom, nextEvent, send, type TestSocket } from '../support/socketClient';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

let db: Database;
let server: TestServer;
let sessionId: string;
let caseId: string;
let merida: string;
const people: Record<'coordinator' | 'expert', TestAccount> = {} as never;
const sockets: TestSocket[] = [];
let coordinatorApi: ReturnType<typeof apiClient>;
let expertApi: ReturnType<typeof apiClient>;
const cookies: Record<'coordinator' | 'expert' | 'outsider', string> = {} as never;

async function download(who: keyof typeof cookies, path: string) {
  const response = await fetch(`${server.url}/api${path}`, { headers: { cookie: cookies[who] } });
  return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) };
}

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  const host = await createCenter(db, 'CDMX');
  merida = await createCenter(db, 'YUC');
  people.coordinator = await createAccount(db, ['coordinator'], host, 'Dra. Coordinadora');
  people.expert = await createAccount(db, ['expert'], merida, 'Dr. Patólogo');
  const outsider = await createAccount(db, ['expert'], await createCenter(db, 'SON'), 'Dr. Externo');
  cookies.coordinator = await signIn(server.url, people.coordinator.email);
  cookies.expert = await signIn(server.url, people.expert.email);
  cookies.outsider = await signIn(server.url, outsider.email);
  coordinatorApi = apiClient(server.url, cookies.coordinator);
  expertApi = apiClient(server.url, cookies.expert);
  sessionId = await createSessionSoon(db, { hostCenterId: host, invitedCenterIds: [merida], createdBy: people.coordinator.id, title: 'Leucemias' });
  caseId = await createCaseIn(db, sessionId, { centerId: merida, createdBy: people.coordinator.id, question: '¿Trasplante?' });
});
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect();
});
afterAll(async () => {
  await server.close();
  await dropTestDatabase(db);
});

describe('ending a session and its minutes', () => {
  it('writes the draft from what was recorded, closes the room, then keeps approved minutes unchangeable', async () => {
    const chair = await enterRoom(server.url, people.coordinator, sessionId, sockets);
    const expert = await enterRoom(server.url, people.expert, sessionId, sockets);
    await send(expert.socket, 'opinion:saveDraft', { caseId, category: 'treatment', stance: 'dissent', text: 'Esperar EMR al día 15' });
    await send(expert.socket, 'opinion:publish', { caseId });
    await send(chair.socket, 'vote:open', { caseId, question: '¿Referir a trasplante?' });
    await send(expert.socket, 'vote:cast', { caseId, choice: 'dissent' });
    const proposed = (await send(chair.socket, 'recommendation:propose', { caseId, text: 'Referir a trasplante alogénico' })) as { data: { version: number } };
    await send(chair.socket, 'recommendation:confirm', { caseId, version: proposed.data.version, withoutQuorum: true });
    await coordinatorApi('POST', `/sessions/${sessionId}/agreements`, {
      text: 'Enviar resultados de EMR',
      responsibleCenterId: merida,
      responsiblePerson: 'Dr. Canul',
      dueDate: '2099-01-15',
    });

    expect((await expertApi('POST', `/sessions/${sessionId}/end`)).status).toBe(403);
    const closed = nextEvent(expert.socket, 'room:closed');
    const ended = await coordinatorApi('POST', `/sessions/${sessionId}/end`);
    expect(ended).toMatchObject({ status: 201, body: { minutes: { status: 'draft', version: 0 } } });
    expect(await closed).toEqual({ reason: 'ended' });
    expect((await db.models.sessions.findById(sessionId).lean())!.status).toBe('ended');
    const text: string = ended.body.minutes.text;
    for (const expected of [
      'MINUTA — Sesión',
      'Dra. Coordinadora',
      'Dr. Patólogo',
      'YUC-2026-003 — LLA en recaída (CIE-10 C91.0)',
      'Dr. Patólogo, Tratamiento, en desacuerdo: Esperar EMR al día 15',
      'en desacuerdo 1',
      'Recomendación del comité: Referir a trasplante alogénico',
      'Enviar resultados de EMR Responsable:',
      '(Dr. Canul). Fecha compromiso: 2099-01-15',
    ]) {
      expect(text).toContain(expected);
    }
    expect(await coordinatorApi('POST', `/sessions/${sessionId}/end`)).toMatchObject({ status: 409 });
    expect(await expertApi('GET', `/sessions/${sessionId}/minutes`)).toMatchObject({ status: 200, body: { minutes: { status: 'draft' } } });

    const edited = await coordinatorApi('PUT', `/sessions/${sessionId}/minutes`, { version: 0, text: `${text}\nNota de la coordinación.` });
    expect(edited.body.minutes).toMatchObject({ version: 1 });
    expect(await coordinatorApi('PUT', `/sessions/${sessionId}/minutes`, { version: 0, text: 'pisando' })).toMatchObject({
      status: 409,
      body: { error: { field: 'version' } },
    });
    expect((await expertApi('PUT', `/sessions/${sessionId}/minutes`, { version: 1, text: 'x' })).status).toBe(403);

    const approved = await coordinatorApi('POST', `/sessions/${sessionId}/minutes/approve`, { version: 1 });
    expect(approved.body.minutes).toMatchObject({ status: 'approved', version: 2, approvedAt: expect.any(String) });
    expect((await db.models.sessions.findById(sessionId).lean())!.status).toBe('minutes_approved');
    const refused = await coordinatorApi('PUT', `/sessions/${sessionId}/minutes`, { version: 2, text: 'cambio' });
    expect(refused).toMatchObject({ status: 409, body: { error: { message: 'approved minutes cannot change' } } });
    expect((await coordinatorApi('GET', `/sessions/${sessionId}/minutes`)).body.minutes.text).toContain('Nota de la coordinación.');

    const corrected = await coordinatorApi('POST', `/sessions/${sessionId}/minutes/corrections`, {
      version: 2,
      text: 'Texto corregido',
      reason: 'Nombre del responsable equivocado',
    });
    expect(corrected).toMatchObject({
      status: 201,
      body: {
        minutes: {
          status: 'approved',
          version: 3,
          text: 'Texto corregido',
          corrections: [{ version: 3, byName: 'Dra. Coordinadora', reason: 'Nombre del responsable equivocado' }],
        },
      },
    });
    expect((await db.models.minutes.findOne({ sessionId }).lean())!.text).toContain('Nota de la coordinación.');
    expect(await coordinatorApi('POST', `/sessions/${sessionId}/minutes/corrections`, { version: 2, text: 'otra', reason: 'tarde' })).toMatchObject({
      status: 409,
      body: { error: { field: 'version' } },
    });
    expect(await coordinatorApi('POST', `/sessions/${sessionId}/minutes/corrections`, { version: 3, text: 'otra', reason: '' })).toMatchObject({
      status: 400,
      body: { error: { field: 'reason' } },
    });
    expect((await server.services.audit.history('minutes', sessionId)).map((entry) => entry.action)).toEqual(['edit', 'approve', 'correct']);
  });

  it('prints the approved minutes in the background, only for who asked, and the case’s one-page dictamen', async () => {
    const started = await coordinatorApi('POST', `/sessions/${sessionId}/minutes/pdf`);
    expect(started).toMatchObject({ status: 202, body: { job: { filename: expect.stringMatching(/^Minuta sesión \d+\.pdf$/) } } });
    const jobId: string = started.body.job.id;
    expect(await expertApi('GET', `/pdf-jobs/${jobId}`)).toMatchObject({ status: 404 });
    await vi.waitFor(async () => expect((await coordinatorApi('GET', `/pdf-jobs/${jobId}`)).body.job).toMatchObject({ status: 'done', progress: 1 }));
    expect((await coordinatorApi('POST', `/sessions/${sessionId}/minutes/pdf`)).body.job.id).toBe(jobId);

    const file = await download('coordinator', `/pdf-jobs/${jobId}/file`);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    // The fallback name is ASCII ("Minuta sesi?n"): the accent arrives through the UTF-8 filename*.
    expect(parseContentDisposition(file.headers.get('content-disposition')!)).toMatchObject({
      type: 'attachment',
      parameters: { filename: expect.stringMatching(/^Minuta sesión \d+\.pdf$/) },
    });
    const pages = await pdfPages(file.bytes);
    // Lines wrap where the page ends them: compare words, not line breaks.
    const text = pages.join(' ').replace(/\s+/g, ' ');
    for (const expected of [
      'Red Nacional de Centros de Referencia Oncológica OncoCREAN',
      'Minuta de la sesión',
      'Sesión: Leucemias',
      'Aprobada el',
      'por Dra. Coordinadora',
      'Texto corregido',
      'Corrección 1: Dra. Coordinadora',
      'motivo: Nombre del responsable equivocado',
    ]) {
      expect(text).toContain(expected);
    }
    pages.forEach((page, index) => expect(page).toContain(`Página ${index + 1} de ${pages.length}`));
    expect(text).not.toContain('BORRADOR');

    // Another instance of the server on the same database (the page's next request may land there) serves the same job.
    const other = await startTestServer(db);
    try {
      const elsewhere = await fetch(`${other.url}/api/pdf-jobs/${jobId}/file`, { headers: { cookie: cookies.coordinator } });
      expect(Buffer.from(await elsewhere.arrayBuffer()).equals(Buffer.from(file.bytes))).toBe(true);
    } finally {
      await other.close();
    }

    const dictamen = await download('expert', `/cases/${caseId}/dictamen.pdf`);
    expect(parseContentDisposition(dictamen.headers.get('content-disposition')!).parameters.filename).toBe('Dictamen YUC-2026-003.pdf');
    const dictamenPages = await pdfPages(dictamen.bytes);
    expect(dictamenPages).toHaveLength(1);
    for (const expected of [
      'Dictamen del comité de tumores',
      'Caso: YUC-2026-003',
      'LLA en recaída (CIE-10 C91.0)',
      '¿Trasplante?',
      'Referir a trasplante alogénico',
      'Registrado sin quórum',
      'En desacuerdo: Dr. Patólogo',
      'Dra. Coordinadora',
    ]) {
      expect(dictamenPages[0]!.replace(/\s+/g, ' ')).toContain(expected);
    }
    expect((await download('outsider', `/cases/${caseId}/dictamen.pdf`)).status).toBe(403);
    const undecided = await createCaseIn(db, sessionId, { centerId: merida, createdBy: people.coordinator.id, caseCode: 'YUC-2026-009' });
    expect(await expertApi('GET', `/cases/${undecided}/dictamen.pdf`)).toMatchObject({
      status: 409,
      body: { error: { message: 'the board has not confirmed a recommendation for this case yet', reason: 'not_confirmed' } },
    });
  });

  it('says a PDF whose instance died failed, and writes it anew when asked again', async () => {
    const key = `minutes:${sessionId}:${(await db.models.minutes.findById(sessionId).lean())!.version}`;
    await db.models.pdfJobs.deleteMany({ key });
    const stalled = new Date(Date.now() - 60_000);
    const orphan = randomUUID();
    await db.models.pdfJobs.create({
      _id: orphan,
      ownerId: people.coordinator.id,
      key,
      filename: 'Minuta.pdf',
      status: 'running',
      progress: 0.4,
      instance: 'oncoboard-caida',
      updatedAt: stalled,
      expiresAt: new Date(Date.now() + 600_000),
    });
    expect((await coordinatorApi('GET', `/pdf-jobs/${orphan}`)).body.job).toMatchObject({ status: 'failed', error: 'the PDF could not be written' });
    const again = await coordinatorApi('POST', `/sessions/${sessionId}/minutes/pdf`);
    expect(again.body.job.id).not.toBe(orphan);
    await vi.waitFor(async () => expect((await coordinatorApi('GET', `/pdf-jobs/${again.body.job.id}`)).body.job).toMatchObject({ status: 'done' }));
  });

  it('ends a session left open long after its scheduled end with nobody in the room, when its last person left', async () => {
    const host = String((await db.models.sessions.findById(sessionId).lean())!.hostCenterId);
    const open = (startsInMinutes: number) => createSessionSoon(db, { hostCenterId: host, createdBy: people.coordinator.id, startsInMinutes, durationMinutes: 60 });
    const forgotten = await open(-5 * 60);
    const recent = await open(-2 * 60);
    const busy = await open(-5 * 60);
    await db.models.sessions.updateMany({ _id: { $in: [forgotten, recent, busy] } }, { $set: { status: 'live' } });
    const startsAt = (await db.models.sessions.findById(forgotten).lean())!.startsAt;
    const lastLeave = new Date(startsAt.getTime() + 75 * 60_000);
    await server.services.presence.append(forgotten, [
      { userId: people.expert.id, centerId: merida, peerId: 'p1', displayName: 'Dr. Patólogo', kind: 'join', at: startsAt },
      { userId: people.expert.id, centerId: merida, peerId: 'p1', displayName: 'Dr. Patólogo', kind: 'leave', at: lastLeave },
    ]);

    const ended = await server.services.minutes.endAbandoned(new Date(), (id) => id !== busy);
    expect(ended).toEqual([forgotten]);
    expect(await db.models.sessions.findById(forgotten).lean()).toMatchObject({ status: 'ended', endedAt: lastLeave });
    expect((await db.models.sessions.find({ _id: { $in: [recent, busy] } }).lean()).map((session) => session.status)).toEqual(['live', 'live']);
    expect((await coordinatorApi('GET', `/sessions/${forgotten}/minutes`)).body.minutes).toMatchObject({ status: 'draft', text: expect.stringContaining('Dr. Patólogo') });
    const [entry] = await server.services.audit.history('session', forgotten);
    expect(entry).toMatchObject({ action: 'end', summary: expect.stringContaining('terminada por el sistema') });
    expect(entry!.actorId).toBeUndefined();
    expect(await server.services.minutes.endAbandoned(new Date(), () => true)).toEqual([busy]);
  });
});
