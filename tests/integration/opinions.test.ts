import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../server/db/database';
import type { VoteDto } from '../../shared/votes';
import { createAccount, createCenter, type TestAccount } from '../support/accounts';
import { createCaseIn, createSessionSoon } from '../support/sessions';
import { enterRoom, nextEvent, record, send, settled, type TestSocket } from '../support/socketClient';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

let db: Database;
let server: TestServer;
let host: string;
let sessionId: string;
let caseId: string;
let otherCaseId: string;
const people: Record<'coordinator' | 'pathologist' | 'surgeon' | 'attendee', TestAccount> = {} as never;
const sockets: TestSocket[] = [];
const enter = (account: TestAccount) => enterRoom(server.url, account, sessionId, sockets);

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  host = await createCenter(db, 'CDMX');
  people.coordinator = await createAccount(db, ['coordinator'], host, 'Dra. Coordinadora');
  people.pathologist = await createAccount(db, ['expert'], host, 'Dr. Patólogo');
  await db.models.users.updateOne({ _id: people.pathologist.id }, { $set: { specialty: 'Patología' } });
  people.surgeon = await createAccount(db, ['expert'], host, 'Dra. Cirujana');
  people.attendee = await createAccount(db, ['attendee'], host, 'Dra. Asistente');
  sessionId = await createSessionSoon(db, { hostCenterId: host, createdBy: people.coordinator.id });
  const otherSession = await createSessionSoon(db, { hostCenterId: host, createdBy: people.coordinator.id });
  const base = { centerId: host, createdBy: people.coordinator.id };
  caseId = await createCaseIn(db, sessionId, { ...base, caseCode: 'CDMX-10' });
  otherCaseId = await createCaseIn(db, otherSession, { ...base, caseCode: 'CDMX-11' });
});
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect();
});
afterAll(async () => {
  await server.close();
  await dropTestDatabase(db);
});

describe('opinions in a live session', () => {
  it('keeps an expert’s draft to themselves, then shows the published opinion to everyone live', async () => {
    const chair = await enter(people.coordinator);
    const expert = await enter(people.pathologist);
    const draft = { caseId, category: 'diagnosis', stance: 'agree', text: 'Revisar inmunofenotipo' };
    expect(await send(expert.socket, 'opinion:saveDraft', draft)).toMatchObject({ ok: true, data: { published: false, specialty: 'Patología' } });
    expect(await send(expert.socket, 'opinion:saveDraft', { ...draft, text: 'Revisar inmunofenotipo completo; sugiero EMR al día 15' })).toMatchObject({ ok: true });
    expect(Object.keys((await db.models.caseOpinions.findById(caseId).lean())!.byAuthor ?? {})).toEqual([people.pathologist.id]);
    expect(await send(chair.socket, 'opinion:list', { caseId })).toMatchObject({ ok: true, data: { opinions: [], mine: null } });

    const heard = nextEvent(chair.socket, 'opinion:published');
    expect(await send(expert.socket, 'opinion:publish', { caseId })).toMatchObject({ ok: true, data: { published: true } });
    expect(await heard).toMatchObject({ authorName: 'Dr. Patólogo', text: 'Revisar inmunofenotipo completo; sugiero EMR al día 15', category: 'diagnosis' });

    const edited = nextEvent(chair.socket, 'opinion:published');
    await send(expert.socket, 'opinion:saveDraft', { ...draft, stance: 'dissent', text: 'En desacuerdo con el trasplante' });
    expect(await edited).toMatchObject({ stance: 'dissent', text: 'En desacuerdo con el trasplante' });
    const listed = await send(expert.socket, 'opinion:list', { caseId });
    expect(listed).toMatchObject({ ok: true, data: { mine: { stance: 'dissent' }, opinions: [{ authorName: 'Dr. Patólogo' }] } });
    await vi.waitFor(async () => expect((await server.services.audit.history('opinion', (listed as { data: { mine: { id: string } } }).data.mine.id)).length).toBe(1));
  });

  it('gives each person a published opinion once: the author in its answer, the others in the broadcast', async () => {
    const caseId = await createCaseIn(db, sessionId, { centerId: host, createdBy: people.coordinator.id, caseCode: 'CDMX-15' });
    const room = [await enter(people.coordinator), await enter(people.surgeon), await enter(people.attendee)];
    const heard = room.map(({ socket }) => record(socket, 'opinion:published'));
    const author = room[1]!;
    await send(author.socket, 'opinion:saveDraft', { caseId, category: 'treatment', stance: 'agree', text: 'Resección con márgenes amplios' });
    const published = await send(author.socket, 'opinion:publish', { caseId });
    await settled(room.map(({ socket }) => socket));
    expect(published).toMatchObject({ ok: true, data: { published: true, authorName: 'Dra. Cirujana' } });
    const { data } = published as { data: { id: string } };
    expect(heard.map((opinions) => opinions.map((opinion) => opinion.id))).toEqual([[data.id], [], [data.id]]);
  });

  it('reads the proposed recommendation back to everyone and confirms it only knowingly without quorum', async () => {
    const chair = await enter(people.coordinator);
    const expert = await enter(people.pathologist);
    expect(await send(expert.socket, 'recommendation:propose', { caseId, text: 'Trasplante' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const readBack = nextEvent(expert.socket, 'recommendation:state');
    const proposed = await send(chair.socket, 'recommendation:propose', { caseId, text: '  Consolidar y referir a trasplante alogénico  ' });
    expect(proposed).toMatchObject({ ok: true, data: { status: 'proposed', text: 'Consolidar y referir a trasplante alogénico' } });
    expect(await readBack).toMatchObject({ status: 'proposed', text: 'Consolidar y referir a trasplante alogénico' });
    const version = (proposed as { data: { version: number } }).data.version;

    const refused = await send(chair.socket, 'recommendation:confirm', { caseId, version });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', field: 'quorum' } });
    expect((refused as { error: { message: string } }).error.message).toMatch(/1 of 3/);

    const revised = await send(chair.socket, 'recommendation:propose', { caseId, text: 'Consolidar, EMR al día 15 y referir a trasplante' });
    expect(await send(chair.socket, 'recommendation:confirm', { caseId, version, withoutQuorum: true })).toMatchObject({
      ok: false,
      error: { field: 'version' },
    });
    const confirmedHeard = nextEvent(expert.socket, 'recommendation:state');
    const confirmed = await send(chair.socket, 'recommendation:confirm', {
      caseId,
      version: (revised as { data: { version: number } }).data.version,
      withoutQuorum: true,
    });
    expect(confirmed).toMatchObject({ ok: true, data: { status: 'confirmed', quorum: { specialties: ['Patología'], required: 3, met: false } } });
    expect(await confirmedHeard).toMatchObject({ status: 'confirmed', text: 'Consolidar, EMR al día 15 y referir a trasplante' });
    expect(await send(chair.socket, 'recommendation:propose', { caseId, text: 'Otra cosa' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await send(expert.socket, 'recommendation:get', { caseId })).toMatchObject({ ok: true, data: { status: 'confirmed' } });
    expect((await server.services.audit.history('recommendation', caseId)).map((entry) => entry.action)).toEqual(['propose', 'propose', 'confirm']);
  });

  it('takes the quorum from the session: one specialty is enough where the coordinator set one', async () => {
    const smallBoard = await createSessionSoon(db, { hostCenterId: host, createdBy: people.coordinator.id, quorumSpecialties: 1 });
    const smallCase = await createCaseIn(db, smallBoard, { centerId: host, createdBy: people.coordinator.id, caseCode: 'CDMX-14' });
    const chair = await enterRoom(server.url, people.coordinator, smallBoard, sockets);
    await enterRoom(server.url, people.pathologist, smallBoard, sockets);
    const proposed = await send(chair.socket, 'recommendation:propose', { caseId: smallCase, text: 'Quimioterapia de rescate' });
    const confirmed = await send(chair.socket, 'recommendation:confirm', { caseId: smallCase, version: (proposed as { data: { version: number } }).data.version });
    expect(confirmed).toMatchObject({ ok: true, data: { status: 'confirmed', quorum: { specialties: ['Patología'], required: 1, met: true } } });
  });

  it('counts one ballot per expert present, live, keeping the names of those who dissent', async () => {
    const caseId = await createCaseIn(db, sessionId, { centerId: host, createdBy: people.coordinator.id, caseCode: 'CDMX-13', icd10Code: 'C40.2', diagnosis: 'Osteosarcoma' });
    const chair = await enter(people.coordinator);
    const pathologist = await enter(people.pathologist);
    const surgeon = await enter(people.surgeon);
    const attendee = await enter(people.attendee);
    expect(await send(pathologist.socket, 'vote:cast', { caseId, choice: 'agree' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await send(pathologist.socket, 'vote:open', { caseId, question: '¿Amputación?' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await send(chair.socket, 'vote:open', { caseId, question: '¿Cirugía de conservación de extremidad?' })).ok).toBe(true);
    expect(await send(chair.socket, 'vote:open', { caseId, question: 'Otra vez' })).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const counted = nextEvent(chair.socket, 'vote:state');
    await Promise.all([send(pathologist.socket, 'vote:cast', { caseId, choice: 'agree' }), send(pathologist.socket, 'vote:cast', { caseId, choice: 'dissent' })]);
    expect(await counted).toMatchObject({ counts: { agree: expect.any(Number) } });
    expect(await send(surgeon.socket, 'vote:cast', { caseId, choice: 'dissent' })).toMatchObject({ ok: true });
    expect(await send(attendee.socket, 'vote:cast', { caseId, choice: 'agree' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const closed = await send(chair.socket, 'vote:close', { caseId });
    const result = (closed as { data: VoteDto }).data;
    expect(result.counts.agree + result.counts.dissent).toBe(2);
    expect(result.voterIds.sort()).toEqual([people.pathologist.id, people.surgeon.id].sort());
    expect(result.dissenters).toContain('Dra. Cirujana');
    expect(await send(surgeon.socket, 'vote:cast', { caseId, choice: 'agree' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('refuses to publish an empty draft', async () => {
    const caseId = await createCaseIn(db, sessionId, { centerId: host, createdBy: people.coordinator.id, caseCode: 'CDMX-12' });
    const expert = await enter(people.pathologist);
    await send(expert.socket, 'opinion:saveDraft', { caseId, category: 'treatment', stance: 'agree', text: '' });
    expect(await send(expert.socket, 'opinion:publish', { caseId })).toMatchObject({ ok: false, error: { field: 'text' } });
  });

  it('takes opinions only from experts, on cases of this session, with something written', async () => {
    const attendee = await enter(people.attendee);
    const expert = await enter(people.pathologist);
    const draft = { caseId, category: 'treatment', stance: 'agree', text: 'Texto' };
    expect(await send(attendee.socket, 'opinion:saveDraft', draft)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send(expert.socket, 'opinion:saveDraft', { ...draft, caseId: otherCaseId })).toMatchObject({ ok: false, error: { field: 'caseId' } });
    expect(await send(expert.socket, 'opinion:saveDraft', { ...draft, category: 'magic' })).toMatchObject({ ok: false, error: { field: 'category' } });
    expect(await send(expert.socket, 'opinion:saveDraft', { ...draft, text: ' ' })).toMatchObject({ ok: false, error: { field: 'text' } });
  });
});
