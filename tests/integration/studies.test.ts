import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { apiClient, createAccount, createCenter, jsonOf, signIn, type TestAccount } from '../support/accounts';
import { samplePdf, samplePng } from '../support/files';
import { createCaseIn, createSessionSoon } from '../support/sessions';
import { connect } from '../support/socketClient';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

let db: Database;
let server: TestServer;
let host: string;
let merida: string;
let puebla: string;
let otherLaboratory: string;
type Who = 'admin' | 'coordinator' | 'presenter' | 'expert' | 'laboratory' | 'otherLaboratory';
const accounts = {} as Record<Who, TestAccount>;
const cookies = {} as Record<Who, string>;
const as = (who: Who) => apiClient(server.url, cookies[who]);
/** A session that started ten minutes ago: its case cut-off is long past, and studies are still sent. */
let heldSession: string;

const HOUR = 3_600_000;
const hoursAgo = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

let codes = 0;
async function meridaCase(): Promise<string> {
  codes += 1;
  return createCaseIn(db, heldSession, { centerId: merida, createdBy: accounts.presenter.id, caseCode: `YUC-2026-${String(codes).padStart(3, '0')}` });
}

/** Mérida's presenter sends an immunohistochemistry study of a new case to `laboratoryId`. */
async function sentStudy(laboratoryId = puebla, fields: Record<string, unknown> = {}): Promise<{ caseId: string; studyId: string }> {
  const caseId = await meridaCase();
  const sent = await as('presenter')('POST', `/cases/${caseId}/studies`, { laboratoryId, type: 'immunohistochemistry', sentAt: hoursAgo(30), ...fields });
  expect(sent.status, JSON.stringify(sent.body)).toBe(201);
  return { caseId, studyId: sent.body.study.id };
}

async function uploadReport(who: Who, studyId: string, bytes: Buffer, name: string) {
  const response = await fetch(`${server.url}/api/studies/${studyId}/report`, {
    method: 'POST',
    headers: { cookie: cookies[who], 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent(name) },
    body: new Uint8Array(bytes),
  });
  return { status: response.status, body: await jsonOf(response) };
}

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  [host, merida, puebla, otherLaboratory] = await Promise.all([
    createCenter(db, 'CDMX'),
    createCenter(db, 'YUC'),
    createCenter(db, 'PUE', 'laboratory'),
    createCenter(db, 'JAL', 'laboratory'),
  ]);
  const plan: [Who, ('admin' | 'coordinator' | 'presenter' | 'expert' | 'laboratory')[], string][] = [
    ['admin', ['admin'], host],
    ['coordinator', ['coordinator'], host],
    ['presenter', ['presenter'], merida],
    ['expert', ['expert'], merida],
    ['laboratory', ['laboratory'], puebla],
    ['otherLaboratory', ['laboratory'], otherLaboratory],
  ];
  for (const [who, roles, center] of plan) {
    accounts[who] = await createAccount(db, roles, center, `Dra. ${who}`);
    cookies[who] = await signIn(server.url, accounts[who].email);
  }
  heldSession = await createSessionSoon(db, { hostCenterId: host, invitedCenterIds: [merida], createdBy: accounts.coordinator.id, startsInMinutes: -10 });
});
afterAll(async () => {
  await server.close();
  await dropTestDatabase(db);
});

describe('a study sent to a reference laboratory', () => {
  it('goes from the presenter to the laboratory and back with its report, every change audited with who', async () => {
    const caseId = await meridaCase();
    const sentAt = hoursAgo(30);
    const sent = await as('presenter')('POST', `/cases/${caseId}/studies`, { laboratoryId: puebla, type: 'immunohistochemistry', sentAt });
    expect(sent).toMatchObject({
      status: 201,
      body: {
        study: { caseId, sendingCenterId: merida, laboratoryId: puebla, type: 'immunohistochemistry', sentBy: accounts.presenter.id, receivedAt: null, clock: null, report: null },
      },
    });
    const id = sent.body.study.id;

    const listed = await as('laboratory')('GET', '/laboratory/studies');
    expect(listed.status).toBe(200);
    const mine = listed.body.studies.find((study: { id: string }) => study.id === id);
    expect(mine).toMatchObject({ caseCode: sent.body.study.caseCode, sendingCenterName: expect.stringContaining('Centro de prueba') });
    // Of the case, only its code: none of its clinical fields travel with the study.
    expect(Object.keys(mine)).not.toContain('diagnosis');

    const receivedAt = hoursAgo(19.5);
    expect(await as('laboratory')('POST', `/studies/${id}/receipt`, { receivedAt })).toMatchObject({
      status: 200,
      body: { study: { receivedAt, receivedBy: accounts.laboratory.id, clock: { state: 'waiting', left: 4 } } },
    });
    const resultedAt = hoursAgo(1);
    expect(await as('laboratory')('POST', `/studies/${id}/result`, { resultedAt, summary: 'CD20 positivo, Ki-67 90 %' })).toMatchObject({
      status: 200,
      body: { study: { resultedAt, resultedBy: accounts.laboratory.id, summary: 'CD20 positivo, Ki-67 90 %', clock: { state: 'met' } } },
    });
    const pdf = samplePdf('Informe de inmunohistoquimica');
    const uploaded = await uploadReport('laboratory', id, pdf, 'Informe IHQ.pdf');
    expect(uploaded).toMatchObject({ status: 201, body: { study: { report: { filename: 'Informe IHQ.pdf', size: pdf.length } } } });

    const download = await fetch(`${server.url}/api/studies/${id}/report`, { headers: { cookie: cookies.presenter } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);
    expect((await as('presenter')('GET', `/cases/${caseId}/studies`)).body.studies).toMatchObject([
      { id, clock: { state: 'met' }, report: { sha256: uploaded.body.study.report.sha256 } },
    ]);

    const history = await server.services.audit.history('study', id);
    expect(history.map((entry) => [entry.action, String(entry.actorId)])).toEqual([
      ['create', accounts.presenter.id],
      ['update', accounts.laboratory.id],
      ['update', accounts.laboratory.id],
      ['attach', accounts.laboratory.id],
    ]);
    expect(history[1]!.changes).toEqual({ receivedAt });
  });

  it('lets the sending centre record the receipt and the result too', async () => {
    const { studyId } = await sentStudy();
    expect((await as('presenter')('POST', `/studies/${studyId}/receipt`, { receivedAt: hoursAgo(29) })).status).toBe(200);
    expect((await as('coordinator')('POST', `/studies/${studyId}/result`, { resultedAt: hoursAgo(2.5) })).body.study.clock).toMatchObject({ state: 'missed', late: 3 });
  });

  it('keeps another laboratory’s studies from it: not listed, 403 on their receipt and report', async () => {
    const { studyId } = await sentStudy(otherLaboratory);
    const listed = (await as('laboratory')('GET', '/laboratory/studies')).body.studies as { id: string; laboratoryId: string }[];
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((study) => study.laboratoryId === puebla)).toBe(true);
    expect((await as('laboratory')('POST', `/studies/${studyId}/receipt`, { receivedAt: hoursAgo(1) })).status).toBe(403);
    expect((await fetch(`${server.url}/api/studies/${studyId}/report`, { headers: { cookie: cookies.laboratory } })).status).toBe(403);
    expect((await as('otherLaboratory')('POST', `/studies/${studyId}/receipt`, { receivedAt: hoursAgo(1) })).status).toBe(200);
  });

  it('refuses a result before the receipt, and times in the future or out of order, naming the field', async () => {
    const { studyId } = await sentStudy();
    expect(await as('laboratory')('POST', `/studies/${studyId}/result`, { resultedAt: hoursAgo(1) })).toMatchObject({
      status: 409,
      body: { error: { code: 'conflict', message: 'record the laboratory’s receipt before its result' } },
    });
    const future = new Date(Date.now() + HOUR).toISOString();
    for (const [path, body, field] of [
      [`/studies/${studyId}/receipt`, { receivedAt: future }, 'receivedAt'],
      [`/studies/${studyId}/receipt`, { receivedAt: hoursAgo(31) }, 'receivedAt'],
      [`/studies/${studyId}/receipt`, { receivedAt: '2026-03-10T10:00' }, 'receivedAt'],
    ] as const) {
      expect(await as('laboratory')('POST', path, body), JSON.stringify(body)).toMatchObject({ status: 400, body: { error: { code: 'invalid_input', field } } });
    }
    expect((await as('laboratory')('POST', `/studies/${studyId}/receipt`, { receivedAt: hoursAgo(10) })).status).toBe(200);
    expect(await as('laboratory')('POST', `/studies/${studyId}/result`, { resultedAt: hoursAgo(11) })).toMatchObject({ status: 400, body: { error: { field: 'resultedAt' } } });
    expect(await as('laboratory')('POST', `/studies/${studyId}/result`, { resultedAt: future })).toMatchObject({ status: 400, body: { error: { field: 'resultedAt' } } });

    const caseId = await meridaCase();
    const send = { laboratoryId: puebla, type: 'immunophenotype', sentAt: hoursAgo(1) };
    for (const [body, field] of [
      [{ ...send, sentAt: future }, 'sentAt'],
      [{ ...send, laboratoryId: merida }, 'laboratoryId'],
      [{ ...send, type: 'other' }, 'description'],
      [{ ...send, description: 'Paciente: María López Pérez' }, 'description'],
    ] as const) {
      expect(await as('presenter')('POST', `/cases/${caseId}/studies`, body), JSON.stringify(body)).toMatchObject({
        status: 400,
        body: { error: { code: 'invalid_input', field } },
      });
    }
    expect(await as('laboratory')('POST', `/studies/${studyId}/result`, { resultedAt: hoursAgo(1), summary: 'CURP PELJ100512HYNRPN09' })).toMatchObject({
      status: 400,
      body: { error: { field: 'summary' } },
    });
    expect((await as('presenter')('GET', `/cases/${caseId}/studies`)).body.studies).toEqual([]);
  });

  it('takes only a PDF as the report, told from its bytes', async () => {
    const { studyId } = await sentStudy();
    await as('laboratory')('POST', `/studies/${studyId}/receipt`, { receivedAt: hoursAgo(20) });
    await as('laboratory')('POST', `/studies/${studyId}/result`, { resultedAt: hoursAgo(2) });
    expect(await uploadReport('laboratory', studyId, samplePng, 'informe.pdf')).toMatchObject({
      status: 415,
      body: { error: { code: 'unsupported_type', field: 'file', reason: 'report_not_pdf' } },
    });
    expect((await as('presenter')('GET', `/cases/${(await db.models.studies.findById(studyId).lean())!.caseId}/studies`)).body.studies[0].report).toBeNull();
  });

  it('lets only the case’s centre and coordinators send, and the case’s readers read', async () => {
    const caseId = await meridaCase();
    const send = { laboratoryId: puebla, type: 'molecular', sentAt: hoursAgo(1) };
    for (const who of ['expert', 'laboratory', 'admin'] as const) expect((await as(who)('POST', `/cases/${caseId}/studies`, send)).status, who).toBe(403);
    expect((await as('coordinator')('POST', `/cases/${caseId}/studies`, send)).status).toBe(201);
    expect((await as('expert')('GET', `/cases/${caseId}/studies`)).body.studies).toHaveLength(1);
  });
});

describe('a laboratory account', () => {
  it('reaches nothing but its studies: 403 everywhere else, and no socket', async () => {
    const caseId = await meridaCase();
    for (const [method, path, body] of [
      ['GET', '/sessions', undefined],
      ['GET', `/sessions/${heldSession}`, undefined],
      ['GET', `/cases/${caseId}`, undefined],
      ['GET', `/cases/${caseId}/studies`, undefined],
      ['GET', '/users', undefined],
      ['GET', '/centers', undefined],
      ['GET', '/reports', undefined],
      ['GET', '/pathway/attention', undefined],
      ['PATCH', `/cases/${caseId}/pathway`, { referredOn: '2026-01-01' }],
    ] as const) {
      expect((await as('laboratory')(method, path, body)).status, `${method} ${path}`).toBe(403);
    }
    expect((await as('laboratory')('GET', '/auth/me')).body.user.roles).toEqual(['laboratory']);
    expect((await as('laboratory')('GET', '/settings')).status).toBe(200);
    await expect(connect(server.url, cookies.laboratory)).rejects.toThrow('a laboratory account has no live sessions');
  });

  it('holds only the laboratory role, at a laboratory, and is the only kind of account there', async () => {
    const account = (roles: string[], centerId: string) => ({
      name: 'Q.F.B. Laura Méndez',
      email: `lab.${Math.random().toString(36).slice(2, 8)}@prueba.mx`,
      password: 'clave-segura-2026',
      roles,
      centerId,
    });
    for (const [body, field] of [
      [account(['laboratory'], merida), 'centerId'],
      [account(['presenter'], puebla), 'roles'],
      [account(['laboratory', 'expert'], puebla), 'roles'],
    ] as const) {
      expect(await as('admin')('POST', '/users', body), JSON.stringify(body.roles)).toMatchObject({ status: 400, body: { error: { code: 'invalid_input', field } } });
    }
    expect((await as('admin')('POST', '/users', account(['laboratory'], puebla))).status).toBe(201);
    expect(await as('admin')('PATCH', `/users/${accounts.expert.id}`, { roles: ['laboratory'] })).toMatchObject({ status: 400, body: { error: { field: 'centerId' } } });
    expect(await as('admin')('PATCH', `/users/${accounts.laboratory.id}`, { centerId: merida })).toMatchObject({ status: 400, body: { error: { field: 'centerId' } } });
    expect(await as('admin')('PATCH', `/users/${accounts.expert.id}`, { centerId: puebla })).toMatchObject({ status: 400, body: { error: { field: 'roles' } } });
  });

  it('keeps a centre with accounts from becoming a laboratory, and a laboratory with accounts from becoming anything else', async () => {
    expect(await as('admin')('PATCH', `/centers/${merida}`, { kind: 'laboratory' })).toMatchObject({ status: 400, body: { error: { field: 'kind' } } });
    expect(await as('admin')('PATCH', `/centers/${puebla}`, { kind: 'hospital' })).toMatchObject({ status: 400, body: { error: { field: 'kind' } } });
    expect((await as('admin')('PATCH', `/centers/${puebla}`, { kind: 'laboratory', name: 'Centro de Investigación Biomédica de Oriente' })).status).toBe(200);
    const unused = await createCenter(db, 'TLAX');
    expect((await as('admin')('PATCH', `/centers/${unused}`, { kind: 'laboratory' })).body.center.kind).toBe('laboratory');
  });

  it('belongs to a centre never invited to sessions', async () => {
    const session = {
      kind: 'case_review',
      title: 'Sesión de linfomas',
      startsAtLocal: '2031-03-10T10:00',
      durationMinutes: 90,
      hostCenterId: host,
      invitedCenterIds: [merida, puebla],
    };
    expect(await as('coordinator')('POST', '/sessions', session)).toMatchObject({ status: 400, body: { error: { field: 'invitedCenterIds' } } });
    const { version } = (await db.models.sessions.findById(heldSession).lean())!;
    expect(await as('coordinator')('PATCH', `/sessions/${heldSession}`, { version, hostCenterId: puebla })).toMatchObject({
      status: 400,
      body: { error: { field: 'hostCenterId' } },
    });
  });
});
