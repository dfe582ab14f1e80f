import { createHash } from 'node:crypto';
import { parse as parseContentDisposition } from 'content-disposition';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { esMX } from '../../client/i18n/es-MX';
import type { Database } from '../../server/db/database';
import { CHUNK_BYTES } from '../../server/db/fileStore';
import { utcToZonedWallTime } from '../../shared/time';
import { apiClient, createAccount, createCenter, jsonOf, signIn } from '../support/accounts';
import { jpegLike, samplePdf, samplePng } from '../support/files';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

let db: Database;
let server: TestServer;
let sessionId: string;
const cookies: Record<string, string> = {};
type Who = 'coordinator' | 'presenter' | 'otherPresenter' | 'outsiderPresenter' | 'expert' | 'outsider' | 'anonymous';
const as = (who: Who) => apiClient(server.url, cookies[who]);

const inDays = (days: number) => utcToZonedWallTime(new Date(Date.now() + days * 86_400_000), 'America/Mexico_City').slice(0, 11) + '10:00';

const validCase = {
  caseCode: 'yuc-2026-014',
  ageYears: 7,
  ageMonths: 3,
  sex: 'female',
  state: 'YUC',
  icd10Code: 'C91.0',
  diagnosis: 'Leucemia linfoblástica aguda de precursores B',
  riskGroup: 'Alto riesgo',
  immunophenotype: 'CD19+ CD10+ CD34+',
  minimalResidualDisease: 'EMR 0.8 % al día 29',
  currentProtocol: 'Total XV',
  question: '¿Candidata a trasplante en primera remisión?',
};

async function upload(who: Who, caseId: string, bytes: Buffer, name: string, contentType = 'application/pdf') {
  const response = await fetch(`${server.url}/api/cases/${caseId}/attachments`, {
    method: 'POST',
    headers: { cookie: cookies[who] ?? '', 'content-type': contentType, 'x-file-name': encodeURIComponent(name) },
    body: new Uint8Array(bytes),
  });
  return { status: response.status, body: await jsonOf(response) };
}

async function newCase(overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await as('presenter')('POST', `/sessions/${sessionId}/cases`, { ...validCase, caseCode: `YUC-${Math.random().toString(36).slice(2, 8)}`, ...overrides });
  expect(response.status).toBe(201);
  return response.body.case.id;
}

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db, { uploadMaxMb: 1 });
  const [host, merida, sonora] = await Promise.all([createCenter(db, 'CDMX'), createCenter(db, 'YUC'), createCenter(db, 'SON')]);
  const accounts: [Who, ('coordinator' | 'presenter' | 'expert')[], string][] = [
    ['coordinator', ['coordinator'], host],
    ['presenter', ['presenter'], merida],
    ['otherPresenter', ['presenter'], host],
    ['outsiderPresenter', ['presenter'], sonora],
    ['expert', ['expert'], host],
    ['outsider', ['expert'], sonora],
  ];
  for (const [who, roles, center] of accounts) cookies[who] = await signIn(server.url, (await createAccount(db, roles, center)).email);
  const created = await as('coordinator')('POST', '/sessions', {
    kind: 'case_review',
    title: 'Leucemias',
    startsAtLocal: inDays(5),
    durationMinutes: 120,
    hostCenterId: host,
    invitedCenterIds: [merida],
  });
  sessionId = created.body.session.id;
});
afterAll(async () => {
  await server.close();
  await dropTestDatabase(db);
});

describe('cases', () => {
  it('a presenter submits a pseudonymised case; invited people read it; outsiders cannot', async () => {
    const created = await as('presenter')('POST', `/sessions/${sessionId}/cases`, validCase);
    expect(created.status).toBe(201);
    expect(created.body.case).toMatchObject({ caseCode: 'YUC-2026-014', icd10Code: 'C91.0', sessionId, version: 0, attachments: [] });
    const id = created.body.case.id;
    expect((await as('expert')('GET', `/cases/${id}`)).status).toBe(200);
    expect((await as('expert')('GET', `/sessions/${sessionId}/cases`)).body.cases.map((c: { id: string }) => c.id)).toContain(id);
    expect((await as('outsider')('GET', `/cases/${id}`)).status).toBe(403);
    expect((await as('outsider')('GET', `/sessions/${sessionId}/cases`)).status).toBe(403);
    expect((await as('anonymous')('GET', `/cases/${id}`)).status).toBe(401);
    expect((await as('presenter')('POST', `/sessions/${sessionId}/cases`, validCase)).body.error).toMatchObject({ code: 'conflict', field: 'caseCode' });
  });

  it.each([
    ['a CURP in the summary', { clinicalSummary: 'Paciente con CURP GOPE150923MYNNRL09 referida' }, 'clinicalSummary'],
    ['a patient name in the question', { question: 'Paciente: Ximena Cruz Ortega, ¿trasplante?' }, 'question'],
    ['a name as case code', { caseCode: 'Ximena Cruz' }, 'caseCode'],
    ['an unknown ICD-10 code', { icd10Code: 'X99.9' }, 'icd10Code'],
    ['a smuggled operator', { diagnosis: { $gt: '' } }, 'diagnosis'],
    ['a negative age', { ageYears: -1 }, 'ageYears'],
    ['a missing sex', { sex: undefined }, 'sex'],
  ])('refuses %s, naming the field, and saves nothing', async (_case, overrides, field) => {
    const before = await db.models.cases.countDocuments();
    const response = await as('presenter')('POST', `/sessions/${sessionId}/cases`, { ...validCase, caseCode: 'YUC-X-1', ...overrides });
    expect(response).toMatchObject({ status: 400, body: { error: { code: 'invalid_input', field } } });
    expect(await db.models.cases.countDocuments()).toBe(before);
  });

  it('lets only presenters of the case’s centre change it, refusing stale versions', async () => {
    const id = await newCase();
    expect((await as('otherPresenter')('PATCH', `/cases/${id}`, { version: 0, stage: 'IV' })).status).toBe(403);
    expect((await as('expert')('PATCH', `/cases/${id}`, { version: 0, stage: 'IV' })).status).toBe(403);
    const updated = await as('presenter')('PATCH', `/cases/${id}`, { version: 0, stage: 'IV' });
    expect(updated.body.case).toMatchObject({ stage: 'IV', version: 1 });
    expect((await as('presenter')('PATCH', `/cases/${id}`, { version: 0, stage: 'III' })).body.error).toMatchObject({ code: 'conflict', field: 'version' });
    expect((await as('presenter')('PATCH', `/cases/${id}`, { version: 1, question: 'Pte. María López Díaz' })).body.error.field).toBe('question');
  });

  it('refuses presenters of centres not taking part', async () => {
    expect((await as('outsiderPresenter')('POST', `/sessions/${sessionId}/cases`, validCase)).status).toBe(403);
  });
});

describe('the case cut-off', () => {
  const inHours = (hours: number) => utcToZonedWallTime(new Date(Date.now() + hours * 3_600_000), 'America/Mexico_City');
  async function scheduleIn(startsAtLocal: string, caseCutoffHours?: number) {
    const { hostCenterId, invitedCenterIds } = (await as('coordinator')('GET', `/sessions/${sessionId}`)).body.session;
    const created = await as('coordinator')('POST', '/sessions', {
      kind: 'case_review',
      title: 'Sesión extraordinaria',
      startsAtLocal,
      durationMinutes: 60,
      hostCenterId,
      invitedCenterIds,
      ...(caseCutoffHours === undefined ? {} : { caseCutoffHours }),
    });
    expect(created.status).toBe(201);
    return created.body.session;
  }
  const submit = (session: { id: string }) => as('presenter')('POST', `/sessions/${session.id}/cases`, { ...validCase, caseCode: `YUC-${Math.random().toString(36).slice(2, 8)}` });

  it('is 24 h before a session scheduled days ahead', async () => {
    const session = await scheduleIn(inDays(5));
    expect(session.caseCutoffHours).toBe(24);
    expect(Date.parse(session.startsAt) - Date.parse(session.caseCutoffAt)).toBe(24 * 3_600_000);
  });

  it('leaves a session scheduled for later today open to cases: half the time left, never already past', async () => {
    const later = await scheduleIn(inHours(5));
    expect(later.caseCutoffHours).toBe(2);
    expect(Date.parse(later.caseCutoffAt)).toBeGreaterThan(Date.now() + 2 * 3_600_000);
    expect((await submit(later)).status).toBe(201);

    const withinTheHour = await scheduleIn(inHours(1));
    expect(withinTheHour.caseCutoffAt).toBe(withinTheHour.startsAt);
    expect((await submit(withinTheHour)).status).toBe(201);
  });

  it('refuses a case after the cut-off, saying so, until the coordinator moves the cut-off', async () => {
    const tomorrow = await scheduleIn(inDays(1), 48);
    const late = await submit(tomorrow);
    expect(late).toMatchObject({ status: 409, body: { error: { code: 'conflict', reason: 'cutoff_passed' } } });
    expect(late.body.error.message).toMatch(/case cut-off of this session passed at .+: cases can no longer be added/);

    const moved = await as('coordinator')('PATCH', `/sessions/${tomorrow.id}`, { version: tomorrow.version, caseCutoffHours: 0 });
    expect(moved.body.session.caseCutoffAt).toBe(tomorrow.startsAt);
    expect((await submit(tomorrow)).status).toBe(201);
  });
});

describe('ICD-O-3 coding and staging of a case', () => {
  const neuroblastoma = {
    ...validCase,
    icd10Code: 'C74.9',
    diagnosis: 'Neuroblastoma suprarrenal izquierdo',
    riskGroup: '',
    icdO3Topography: 'c749',
    icdO3Morphology: '9500',
    icdO3Behaviour: '3',
    inrgStage: 'L2',
    inrgRisk: 'intermediate',
  };

  it('stores the codes in the lists’ spelling and the staging, and gives them back', async () => {
    const created = await as('presenter')('POST', `/sessions/${sessionId}/cases`, { ...neuroblastoma, caseCode: 'OAX-NB-1' });
    expect(created.status).toBe(201);
    const coding = { icdO3Topography: 'C74.9', icdO3Morphology: '9500', icdO3Behaviour: '3', inrgStage: 'L2', inrgRisk: 'intermediate', murphyStage: '', allNciRisk: '' };
    expect(created.body.case).toMatchObject(coding);
    const id = created.body.case.id;
    expect((await as('expert')('GET', `/cases/${id}`)).body.case).toMatchObject(coding);
    expect(await db.models.cases.findById(id).lean()).toMatchObject(coding);

    const staged = await as('presenter')('PATCH', `/cases/${id}`, { ...neuroblastoma, caseCode: 'OAX-NB-1', version: 0, inrgStage: 'M', inrgRisk: 'high' });
    expect(staged.body.case).toMatchObject({ inrgStage: 'M', inrgRisk: 'high', version: 1 });
  });

  it.each([
    ['an INRG stage that does not exist', { inrgStage: 'M4' }, 'inrgStage'],
    ['an INRG risk that does not exist', { inrgRisk: 'altísimo' }, 'inrgRisk'],
    ['a Murphy stage on a neuroblastoma', { murphyStage: 'III' }, 'murphyStage'],
    ['an ALL risk on a neuroblastoma', { allNciRisk: 'high' }, 'allNciRisk'],
    ['a Hodgkin stage that does not exist', { icd10Code: 'C81.1', inrgStage: '', inrgRisk: '', hodgkinStage: 'VB' }, 'hodgkinStage'],
    ['a topography outside the list', { icdO3Topography: 'C99.9' }, 'icdO3Topography'],
    ['a morphology outside the list', { icdO3Morphology: '9999' }, 'icdO3Morphology'],
    ['a morphology without its behaviour', { icdO3Behaviour: '' }, 'icdO3Behaviour'],
  ])('refuses %s with 400, naming the field the presenter is told about in Spanish, and saves nothing', async (_case, change, field) => {
    const before = await db.models.cases.countDocuments();
    const response = await as('presenter')('POST', `/sessions/${sessionId}/cases`, { ...neuroblastoma, caseCode: 'OAX-NB-X', ...change });
    expect(response).toMatchObject({ status: 400, body: { error: { code: 'invalid_input', field } } });
    expect(esMX.fields[field as keyof typeof esMX.fields]).toMatch(/^(El|La|Elija) .+\.$/);
    expect(await db.models.cases.countDocuments()).toBe(before);
  });

  it('refuses a change of diagnosis that leaves the old staging behind, keeping the case as it was', async () => {
    const id = await newCase({ ...neuroblastoma, caseCode: 'OAX-NB-2' });
    const changed = await as('presenter')('PATCH', `/cases/${id}`, { version: 0, icd10Code: 'C91.0', icdO3Morphology: '9811' });
    expect(changed).toMatchObject({ status: 400, body: { error: { code: 'invalid_input', field: 'inrgStage' } } });
    expect(await db.models.cases.findById(id).lean()).toMatchObject({ icd10Code: 'C74.9', icdO3Morphology: '9500', inrgStage: 'L2', version: 0 });
    const restaged = await as('presenter')('PATCH', `/cases/${id}`, { version: 0, icd10Code: 'C91.0', icdO3Morphology: '9811', inrgStage: '', inrgRisk: '', allNciRisk: 'high' });
    expect(restaged.body.case).toMatchObject({ icd10Code: 'C91.0', inrgStage: '', allNciRisk: 'high', version: 1 });
  });

  it('changes only the fields sent: a new question leaves the coding, the staging and the other texts as they were', async () => {
    const id = await newCase({ ...neuroblastoma, caseCode: 'OAX-NB-3', clinicalSummary: 'Masa suprarrenal con calcificaciones.' });
    const asked = await as('presenter')('PATCH', `/cases/${id}`, { version: 0, question: '¿Cirugía tras la inducción?' });
    expect(asked.body.case).toMatchObject({
      question: '¿Cirugía tras la inducción?',
      clinicalSummary: 'Masa suprarrenal con calcificaciones.',
      minimalResidualDisease: validCase.minimalResidualDisease,
      icdO3Morphology: '9500',
      icdO3Behaviour: '3',
      inrgStage: 'L2',
      version: 1,
    });
  });

  it('reads a case saved before ICD-O-3 and staging existed as not coded', async () => {
    const { centerId } = (await db.models.cases.findOne().lean())!;
    const old = await db.connection.db!.collection('cases').insertOne({
      ...validCase,
      caseCode: 'YUC-OLD-1',
      sessionId: new Types.ObjectId(sessionId),
      centerId,
      createdBy: new Types.ObjectId(),
      attachments: [],
      version: 0,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    const read = await as('expert')('GET', `/cases/${old.insertedId}`);
    expect(read.body.case).toMatchObject({ caseCode: 'YUC-OLD-1', icdO3Topography: '', icdO3Morphology: '', inrgStage: '', allFinalRisk: '' });
  });
});

describe('case files in GridFS', () => {
  it('stores a PDF with its checksum and serves it whole and by byte range', async () => {
    const id = await newCase();
    const pdf = samplePdf('Reporte de patologia', 20_000);
    const uploaded = await upload('presenter', id, pdf, 'Patología médula ósea.pdf', 'text/plain');
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.attachment).toMatchObject({
      filename: 'Patología médula ósea.pdf',
      contentType: 'application/pdf',
      size: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
    });
    const fileUrl = `${server.url}/api/cases/${id}/attachments/${uploaded.body.attachment.id}`;

    const whole = await fetch(fileUrl, { headers: { cookie: cookies.expert! } });
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('application/pdf');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(parseContentDisposition(whole.headers.get('content-disposition')!)).toEqual({
      type: 'inline',
      parameters: expect.objectContaining({ filename: 'Patología médula ósea.pdf' }),
    });
    expect(Buffer.from(await whole.arrayBuffer()).equals(pdf)).toBe(true);
    const saved = await fetch(`${fileUrl}?download=1`, { headers: { cookie: cookies.expert! } });
    expect(parseContentDisposition(saved.headers.get('content-disposition')!)).toEqual({
      type: 'attachment',
      parameters: expect.objectContaining({ filename: 'Patología médula ósea.pdf' }),
    });

    const part = await fetch(fileUrl, { headers: { cookie: cookies.expert!, range: 'bytes=100-299' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-299/${pdf.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(pdf.subarray(100, 300))).toBe(true);
    const tail = await fetch(fileUrl, { headers: { cookie: cookies.expert!, range: 'bytes=-10' } });
    expect(Buffer.from(await tail.arrayBuffer()).equals(pdf.subarray(-10))).toBe(true);
    const beyond = await fetch(fileUrl, { headers: { cookie: cookies.expert!, range: `bytes=${pdf.length}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${pdf.length}`);
    // Several ranges, or a header that is not one, get the whole file.
    for (const range of ['bytes=0-9,20-29', 'bytes=ten-twenty', 'pages=1-2']) {
      const answer = await fetch(fileUrl, { headers: { cookie: cookies.expert!, range } });
      expect(answer.status).toBe(200);
      expect(Buffer.from(await answer.arrayBuffer()).equals(pdf)).toBe(true);
    }

    expect((await fetch(fileUrl, { headers: { cookie: cookies.outsider! } })).status).toBe(403);
    expect((await as('expert')('GET', `/cases/${id}`)).body.case.attachments).toHaveLength(1);
  });

  it('serves a file of several chunks whole and across the chunks’ borders', async () => {
    const id = await newCase();
    const pdf = samplePdf('Tomografia de torax', CHUNK_BYTES * 2 + 5000);
    const uploaded = await upload('presenter', id, pdf, 'Tomografía.pdf');
    const fileUrl = `${server.url}/api/cases/${id}/attachments/${uploaded.body.attachment.id}`;
    const get = async (range?: string) => Buffer.from(await (await fetch(fileUrl, { headers: { cookie: cookies.expert!, ...(range ? { range } : {}) } })).arrayBuffer());
    expect((await get()).equals(pdf)).toBe(true);
    expect((await get(`bytes=${CHUNK_BYTES - 5}-${2 * CHUNK_BYTES + 4}`)).equals(pdf.subarray(CHUNK_BYTES - 5, 2 * CHUNK_BYTES + 5))).toBe(true);
    expect((await get(`bytes=${2 * CHUNK_BYTES}-`)).equals(pdf.subarray(2 * CHUNK_BYTES))).toBe(true);

    const chunksWith = await server.services.files.chunkCount();
    expect((await as('presenter')('DELETE', `/cases/${id}/attachments/${uploaded.body.attachment.id}`)).status).toBe(204);
    expect((await as('presenter')('GET', `/cases/${id}`)).body.case.attachments).toEqual([]);
    expect(await server.services.files.chunkCount()).toBe(chunksWith - 3);
    expect((await fetch(fileUrl, { headers: { cookie: cookies.expert! } })).status).toBe(404);
  });

  it('tells PNG and JPEG from their bytes, and refuses other content whatever its name', async () => {
    const id = await newCase();
    expect((await upload('presenter', id, samplePng, 'tomografia.pdf', 'application/pdf')).body.attachment.contentType).toBe('image/png');
    expect((await upload('presenter', id, jpegLike, 'foto.bin')).body.attachment.contentType).toBe('image/jpeg');
    const chunksBefore = await server.services.files.chunkCount();
    const refused = await upload('presenter', id, Buffer.from('MZ executable pretending'), 'informe.pdf', 'application/pdf');
    expect(refused).toMatchObject({ status: 415, body: { error: { code: 'unsupported_type', field: 'file' } } });
    expect(await server.services.files.chunkCount()).toBe(chunksBefore);
  });

  it('refuses an oversize file and leaves no chunks behind', async () => {
    const id = await newCase();
    const chunksBefore = await server.services.files.chunkCount();
    const big = await upload('presenter', id, samplePdf('grande', 1_200_000), 'grande.pdf');
    expect(big).toMatchObject({ status: 413, body: { error: { code: 'too_large', field: 'file' } } });
    expect(await server.services.files.chunkCount()).toBe(chunksBefore);
    expect((await as('presenter')('GET', `/cases/${id}`)).body.case.attachments).toEqual([]);
  });

  it('stops a streamed upload without a length once it passes the limit, keeping no chunks', async () => {
    const id = await newCase();
    const chunksBefore = await server.services.files.chunkCount();
    const pdf = samplePdf('sin longitud', 1_500_000);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let offset = 0; offset < pdf.length; offset += 256 * 1024) controller.enqueue(new Uint8Array(pdf.subarray(offset, offset + 256 * 1024)));
        controller.close();
      },
    });
    const response = await fetch(`${server.url}/api/cases/${id}/attachments`, {
      method: 'POST',
      headers: { cookie: cookies.presenter!, 'x-file-name': 'grande.pdf' },
      body,
      duplex: 'half',
    });
    expect(response.status).toBe(413);
    expect(await server.services.files.chunkCount()).toBe(chunksBefore);
  });

  it('keeps a case to 30 files even when 40 arrive at once, leaving no stored bytes behind for those refused', async () => {
    const id = await newCase();
    const chunksBefore = await server.services.files.chunkCount();
    const results = await Promise.all(Array.from({ length: 40 }, (_, index) => upload('presenter', id, samplePng, `foto-${index}.png`, 'image/png')));
    expect(results.filter((result) => result.status === 201)).toHaveLength(30);
    expect(results.filter((result) => result.status === 409).map((result) => result.body.error.code)).toEqual(Array(10).fill('conflict'));
    expect((await as('presenter')('GET', `/cases/${id}`)).body.case.attachments).toHaveLength(30);
    expect(await server.services.files.chunkCount()).toBe(chunksBefore + 30);
  });

  it('refuses uploads by anyone but the case’s presenters, and without a file name', async () => {
    const id = await newCase();
    expect((await upload('expert', id, samplePng, 'x.png')).status).toBe(403);
    expect((await upload('anonymous', id, samplePng, 'x.png')).status).toBe(401);
    const unnamed = await fetch(`${server.url}/api/cases/${id}/attachments`, { method: 'POST', headers: { cookie: cookies.presenter! }, body: new Uint8Array(samplePng) });
    expect(unnamed.status).toBe(400);
    expect((await jsonOf(unnamed)).error.field).toBe('x-file-name');
  });

  it('deleting a case removes its files', async () => {
    const id = await newCase();
    await upload('presenter', id, samplePdf('uno'), 'uno.pdf');
    await upload('presenter', id, samplePng, 'dos.png');
    const filesBefore = await server.services.files.chunkCount();
    expect((await as('expert')('DELETE', `/cases/${id}`)).status).toBe(403);
    expect((await as('presenter')('DELETE', `/cases/${id}`)).status).toBe(204);
    expect(await server.services.files.chunkCount()).toBe(filesBefore - 2);
    expect((await as('presenter')('GET', `/cases/${id}`)).status).toBe(404);
    const history = await server.services.audit.history('case', id);
    expect(history.map((entry) => entry.action)).toEqual(['create', 'attach', 'attach', 'delete']);
  });

  it('refuses malformed ids with the field named', async () => {
    expect((await as('expert')('GET', '/cases/123')).body.error).toMatchObject({ code: 'invalid_input', field: 'id' });
    expect((await as('expert')('GET', `/cases/0123456789abcdef01234567/attachments/zz`)).body.error).toMatchObject({ field: 'fileId' });
  });
});
