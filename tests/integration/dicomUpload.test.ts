import dicomParser from 'dicom-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { deidentifyDicom } from '../../server/domain/dicomDeidentify';
import { apiClient, createAccount, createCenter, jsonOf, signIn } from '../support/accounts';
import { scheduleThroughApi } from '../support/sessions';
import { IMPLICIT_LITTLE_ENDIAN, JPEG_2000, samplePatient, sampleCtAttributes, sampleCtSeries, sampleCtSlice, writePart10 } from '../support/dicomFiles';
import { samplePdf } from '../support/files';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

let db: Database;
let server: TestServer;
let sessionId: string;
const cookies: Record<string, string> = {};
type Who = 'presenter' | 'otherPresenter' | 'expert' | 'outsider' | 'anonymous';
const as = (who: Who) => apiClient(server.url, cookies[who]);

async function upload(who: Who, caseId: string, bytes: Buffer, name = 'imagen.dcm') {
  const response = await fetch(`${server.url}/api/cases/${caseId}/attachments`, {
    method: 'POST',
    headers: { cookie: cookies[who] ?? '', 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(name) },
    body: new Uint8Array(bytes),
  });
  return { status: response.status, body: await jsonOf(response) };
}

async function newCase(): Promise<string> {
  const response = await as('presenter')('POST', `/sessions/${sessionId}/cases`, {
    caseCode: `YUC-${Math.random().toString(36).slice(2, 8)}`,
    ageYears: 6,
    sex: 'male',
    state: 'YUC',
    icd10Code: 'C64',
    diagnosis: 'Tumor de Wilms',
  });
  expect(response.status).toBe(201);
  return response.body.case.id;
}

const sliceUrl = (caseId: string, seriesId: string, sliceId: string) => `${server.url}/api/cases/${caseId}/attachments/${seriesId}/slices/${sliceId}`;

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db, { uploadMaxMb: 1 });
  const [host, merida, sonora] = await Promise.all([createCenter(db, 'CDMX'), createCenter(db, 'YUC'), createCenter(db, 'SON')]);
  const accounts: [Who, ('coordinator' | 'presenter' | 'expert')[], string][] = [
    ['presenter', ['presenter'], merida],
    ['otherPresenter', ['presenter'], host],
    ['expert', ['expert'], host],
    ['outsider', ['expert'], sonora],
  ];
  for (const [who, roles, center] of accounts) cookies[who] = await signIn(server.url, (await createAccount(db, roles, center)).email);
  const coordinator = await signIn(server.url, (await createAccount(db, ['coordinator'], host)).email);
  sessionId = await scheduleThroughApi(server.url, coordinator, { title: 'Tumores sólidos', hostCenterId: host, invitedCenterIds: [merida], durationMinutes: 120 });
});
afterAll(async () => {
  await server.close();
  await dropTestDatabase(db);
});

describe('a DICOM series attached to a case', () => {
  it('is cleaned on upload, says what it blanked, groups its files in instance order and serves the cleaned files', async () => {
    const id = await newCase();
    const series = sampleCtSeries(5);
    const answers = [];
    // Sent out of order and under names that say nothing (or too much): the content and the instance numbers decide.
    for (const index of [2, 0, 4, 1, 3]) answers.push(await upload('presenter', id, series[index]!, `PEREZ_JUAN_${index}.bin`));
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201]);
    for (const answer of answers) {
      expect(answer.body.blanked).toEqual(expect.arrayContaining(['PatientName', 'PatientID', 'PatientBirthDate', 'InstitutionName', 'AccessionNumber', 'PrivateAttributes']));
    }
    const seriesId = answers[0]!.body.attachment.id;
    expect(new Set(answers.map((answer) => answer.body.attachment.id))).toEqual(new Set([seriesId]));

    const { attachments } = (await as('expert')('GET', `/cases/${id}`)).body.case;
    expect(attachments).toHaveLength(1);
    const [attachment] = attachments;
    expect(attachment).toMatchObject({ id: seriesId, contentType: 'application/dicom', filename: 'CT · ABDOMEN CONTRASTADO', series: { modality: 'CT' } });
    expect(attachment.series.slices).toHaveLength(5);
    expect(attachment.size).toBe(series.reduce((total, file) => total + file.length, 0));

    for (const [index, slice] of (attachment.series.slices as { id: string; size: number }[]).entries()) {
      const response = await fetch(sliceUrl(id, seriesId, slice.id), { headers: { cookie: cookies.expert! } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/dicom');
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.equals(deidentifyDicom(series[index]!).bytes), `slice ${index + 1}`).toBe(true);
      const dataSet = dicomParser.parseDicom(bytes);
      expect(dataSet.intString('x00200013')).toBe(index + 1);
      expect(dataSet.string('x00100010') ?? '').toBe('');
      expect(bytes.includes(Buffer.from(samplePatient.id))).toBe(false);
    }
    const part = await fetch(sliceUrl(id, seriesId, attachment.series.slices[0].id), { headers: { cookie: cookies.expert!, range: 'bytes=128-131' } });
    expect(part.status).toBe(206);
    expect(await part.text()).toBe('DICM');

    const history = await server.services.audit.history('case', id);
    const attached = history.filter((entry) => entry.action === 'attach');
    expect(attached).toHaveLength(5);
    expect(attached[0]).toMatchObject({ summary: 'imagen DICOM CT · ABDOMEN CONTRASTADO', changes: { contentType: 'application/dicom', series: seriesId } });
    expect((attached[0]!.changes as { blanked: string[] }).blanked).toEqual(answers[0]!.body.blanked);

    // A series is read file by file; a file of it by anyone outside the session is refused.
    expect((await as('expert')('GET', `/cases/${id}/attachments/${seriesId}`)).body.error).toMatchObject({ code: 'invalid_input', field: 'fileId' });
    expect((await fetch(sliceUrl(id, seriesId, attachment.series.slices[0].id), { headers: { cookie: cookies.outsider! } })).status).toBe(403);
    expect((await fetch(sliceUrl(id, seriesId, seriesId), { headers: { cookie: cookies.expert! } })).status).toBe(404);
  });

  it('tells DICOM from its content in implicit VR too, keeps each series apart beside other files, and removes every file with its series', async () => {
    const id = await newCase();
    const chunksBefore = await server.services.files.chunkCount();
    expect((await upload('presenter', id, samplePdf('Informe'), 'informe.pdf')).status).toBe(201);
    for (const file of sampleCtSeries(2, { transferSyntax: IMPLICIT_LITTLE_ENDIAN })) expect((await upload('presenter', id, file, 'sin-extension')).status).toBe(201);
    for (const file of sampleCtSeries(3, { seriesUid: '1.2.826.0.1.3680043.8.498.1001.9' })) expect((await upload('presenter', id, file)).status).toBe(201);
    const { attachments } = (await as('presenter')('GET', `/cases/${id}`)).body.case;
    expect(attachments.map((attachment: { contentType: string; series?: { slices: unknown[] } }) => [attachment.contentType, attachment.series?.slices.length])).toEqual([
      ['application/pdf', undefined],
      ['application/dicom', 2],
      ['application/dicom', 3],
    ]);
    expect(await server.services.files.chunkCount()).toBe(chunksBefore + 6);

    expect((await as('presenter')('DELETE', `/cases/${id}/attachments/${attachments[2].id}`)).status).toBe(204);
    expect(await server.services.files.chunkCount()).toBe(chunksBefore + 3);
    expect((await as('presenter')('GET', `/cases/${id}`)).body.case.attachments).toHaveLength(2);
    expect((await as('presenter')('DELETE', `/cases/${id}`)).status).toBe(204);
    expect(await server.services.files.chunkCount()).toBe(chunksBefore);
  });

  it('keeps two uploads of one series in parallel, and refuses the same image twice', async () => {
    const id = await newCase();
    const series = sampleCtSeries(4);
    expect((await Promise.all(series.map((file) => upload('presenter', id, file)))).map((answer) => answer.status)).toEqual([201, 201, 201, 201]);
    const again = await upload('presenter', id, series[1]!);
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'conflict', field: 'file', reason: 'dicom_duplicate' } } });
    const { attachments } = (await as('presenter')('GET', `/cases/${id}`)).body.case;
    expect(attachments).toHaveLength(1);
    expect(attachments[0].series.slices).toHaveLength(4);
  });
});

describe('DICOM files refused on upload', () => {
  it.each([
    ['cannot be read', Buffer.concat([Buffer.alloc(128), Buffer.from('DICM'), Buffer.from([0x02, 0x00, 0x10, 0x00, 0x55, 0x49, 0xff, 0x7f])]), 'dicom_unreadable'],
    ['is compressed (JPEG 2000)', sampleCtSlice({ transferSyntax: JPEG_2000 }), 'dicom_compressed'],
    ['has patient data burned into the pixels', sampleCtSlice({ burnedIn: true }), 'dicom_burned_in'],
    ['holds no image', writePart10(sampleCtAttributes().filter((attribute) => attribute.tag[0] !== 0x7fe0)), 'dicom_not_image'],
  ])('refuses a file that %s with 400, its reason, and nothing stored', async (_, bytes, reason) => {
    const id = await newCase();
    const chunksBefore = await server.services.files.chunkCount();
    const refused = await upload('presenter', id, bytes);
    expect(refused).toMatchObject({ status: 400, body: { error: { code: 'invalid_input', field: 'file', reason } } });
    expect(await server.services.files.chunkCount()).toBe(chunksBefore);
    expect((await as('presenter')('GET', `/cases/${id}`)).body.case.attachments).toEqual([]);
  });

  it('refuses a DICOM file over the size limit with 413', async () => {
    const id = await newCase();
    const big = writePart10([...sampleCtAttributes(), { tag: [0x0009, 0x1003], vr: 'OB', value: Buffer.alloc(1_200_000, 7) }]);
    expect(await upload('presenter', id, big)).toMatchObject({ status: 413, body: { error: { code: 'too_large', field: 'file' } } });
  });

  it('lets only the case’s presenters upload, as for other files', async () => {
    const id = await newCase();
    expect((await upload('expert', id, sampleCtSlice())).status).toBe(403);
    expect((await upload('otherPresenter', id, sampleCtSlice())).status).toBe(403);
    expect((await upload('anonymous', id, sampleCtSlice())).status).toBe(401);
    expect((await as('presenter')('GET', `/cases/${id}`)).body.case.attachments).toEqual([]);
  });
});
