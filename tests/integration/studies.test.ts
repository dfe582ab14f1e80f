import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import type { Actor } from '../../server/domain/actor';
import { StudyService } from '../../server/domain/studyService';
import { TurnaroundService } from '../../server/domain/turnaroundService';
import { defaultStudyTurnaround, studyTypes, type StudyType, type Turnaround } from '../../shared/studies';
import { apiClient, createAccount, createCenter, jsonOf, signIn, type TestAccount } from '../support/accounts';
import { samplePdf, samplePng } from '../support/files';
import { mexicoDay } from '../support/reportChecks';
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

const actorOf = (who: Who, roles: Actor['roles']): Actor => ({ ...accounts[who], roles, specialty: '' });
type Listed = { id: string; sendingCenterId: string; sentAt: string; attention: string | null };

/** A study written straight to the database, its times given in hours before now; 24-hour immunohistochemistry unless told. */
async function storedStudy(times: { sentHoursAgo: number; receivedHoursAgo?: number; resultedHoursAgo?: number }, sender = merida): Promise<string> {
  codes += 1;
  const caseCode = `STU-2026-${String(codes).padStart(3, '0')}`;
  const caseId = await createCaseIn(db, heldSession, { centerId: sender, createdBy: accounts.coordinator.id, caseCode });
  const ago = (hours: number | undefined) => (hours === undefined ? undefined : new Date(hoursAgo(hours)));
  const study = await db.models.studies.create({
    caseId,
    caseCode,
    sessionId: heldSession,
    sendingCenterId: sender,
    laboratoryId: puebla,
    type: 'immunohistochemistry',
    turnaround: { amount: 24, unit: 'hours' },
    sentAt: new Date(hoursAgo(times.sentHoursAgo)),
    sentBy: accounts.coordinator.id,
    receivedAt: ago(times.receivedHoursAgo),
    resultedAt: ago(times.resultedHoursAgo),
  });
  return String(study._id);
}

describe('the studies that need attention', () => {
  it('lists the presenter’s centre’s overdue, then unreceived, then near-due studies, oldest first within; the coordinator’s, the network’s', async () => {
    const overdueOlder = await storedStudy({ sentHoursAgo: 60, receivedHoursAgo: 50 });
    const overdue = await storedStudy({ sentHoursAgo: 40, receivedHoursAgo: 30 });
    const lost = await storedStudy({ sentHoursAgo: 72 });
    const nearDue = await storedStudy({ sentHoursAgo: 21, receivedHoursAgo: 20 });
    const resultedLate = await storedStudy({ sentHoursAgo: 60, receivedHoursAgo: 50, resultedHoursAgo: 1 });
    const onTime = await storedStudy({ sentHoursAgo: 3, receivedHoursAgo: 2 });
    const elsewhere = await storedStudy({ sentHoursAgo: 60, receivedHoursAgo: 50 }, host);

    const presenters = await as('presenter')('GET', '/studies/attention');
    expect(presenters.status).toBe(200);
    const listed = presenters.body.studies as Listed[];
    const ids = listed.map((study) => study.id);
    expect(listed.filter((study) => [overdueOlder, overdue, lost, nearDue].includes(study.id)).map((study) => [study.id, study.attention])).toEqual([
      [overdueOlder, 'overdue'],
      [overdue, 'overdue'],
      [lost, 'not_received'],
      [nearDue, 'near_due'],
    ]);
    for (const absent of [resultedLate, onTime, elsewhere]) expect(ids).not.toContain(absent);
    expect(listed.every((study) => study.sendingCenterId === merida && study.attention)).toBe(true);
    // The whole list in that order, not only the studies made here.
    const rank = { overdue: 0, not_received: 1, near_due: 2 } as Record<string, number>;
    for (const [earlier, later] of listed.slice(1).map((study, index) => [listed[index]!, study] as const)) {
      expect(
        rank[earlier.attention!]! < rank[later.attention!]! || (earlier.attention === later.attention && earlier.sentAt <= later.sentAt),
        `${earlier.id} before ${later.id}`,
      ).toBe(true);
    }

    const coordinators = (await as('coordinator')('GET', '/studies/attention')).body.studies as Listed[];
    expect(coordinators.map((study) => study.id)).toEqual(expect.arrayContaining([...ids, elsewhere]));
    expect(coordinators.find((study) => study.id === elsewhere)).toMatchObject({ sendingCenterId: host, attention: 'overdue' });
    for (const who of ['expert', 'laboratory'] as const) expect((await as(who)('GET', '/studies/attention')).status, who).toBe(403);
  });
});

describe('a session’s studies', () => {
  it('are every study of its cases, by case then oldest sent first, for whoever sees the session', async () => {
    const session = await createSessionSoon(db, { hostCenterId: host, invitedCenterIds: [merida], createdBy: accounts.coordinator.id, startsInMinutes: -10 });
    const later = await createCaseIn(db, session, { centerId: merida, createdBy: accounts.presenter.id, caseCode: 'YUC-2026-902' });
    const earlier = await createCaseIn(db, session, { centerId: merida, createdBy: accounts.presenter.id, caseCode: 'YUC-2026-901' });
    const send = async (caseId: string, hours: number) =>
      (await as('presenter')('POST', `/cases/${caseId}/studies`, { laboratoryId: puebla, type: 'immunophenotype', sentAt: hoursAgo(hours) })).body.study.id as string;
    const sent = [await send(later, 5), await send(earlier, 3), await send(earlier, 10), await send(later, 1)];

    const listed = await as('expert')('GET', `/sessions/${session}/studies`);
    expect(listed.status).toBe(200);
    expect(listed.body.studies.map((study: { id: string; caseCode: string }) => [study.caseCode, study.id])).toEqual([
      ['YUC-2026-901', sent[2]],
      ['YUC-2026-901', sent[1]],
      ['YUC-2026-902', sent[0]],
      ['YUC-2026-902', sent[3]],
    ]);
    expect((await as('coordinator')('GET', `/sessions/${session}/studies`)).body.studies).toHaveLength(4);
    const closed = await createSessionSoon(db, { hostCenterId: host, invitedCenterIds: [], createdBy: accounts.coordinator.id });
    expect((await as('presenter')('GET', `/sessions/${closed}/studies`)).status).toBe(403);
    expect((await as('laboratory')('GET', `/sessions/${session}/studies`)).status).toBe(403);
  });
});

describe('a case with laboratory studies', () => {
  it('cannot be removed, so nothing already at a laboratory is lost; a case without can', async () => {
    const { caseId, studyId } = await sentStudy();
    expect(await as('coordinator')('DELETE', `/cases/${caseId}`)).toMatchObject({ status: 409, body: { error: { code: 'conflict', reason: 'case_has_studies' } } });
    expect((await as('presenter')('GET', `/cases/${caseId}`)).status).toBe(200);
    expect((await as('presenter')('GET', `/cases/${caseId}/studies`)).body.studies.map((study: { id: string }) => study.id)).toEqual([studyId]);
    const bare = await meridaCase();
    expect((await as('coordinator')('DELETE', `/cases/${bare}`)).status).toBe(204);
    expect((await as('coordinator')('GET', `/cases/${bare}`)).status).toBe(404);
  });
});

describe('the laboratories’ turnarounds', () => {
  const defaults = Object.fromEntries(studyTypes.map((type) => [type, defaultStudyTurnaround[type]])) as Record<StudyType, Turnaround>;
  const turnaroundOf = async (id: string) => (await db.models.studies.findById(id).lean())!.turnaround;

  it('are the defaults until a coordinator changes them; nobody else does, and a bad change names the field and saves nothing', async () => {
    expect(await as('presenter')('GET', '/settings/turnarounds')).toMatchObject({ status: 200, body: { rules: [] } });
    for (const who of ['presenter', 'expert', 'laboratory'] as const) expect((await as(who)('PUT', '/settings/turnarounds', defaults)).status, who).toBe(403);
    const { molecular: _left, ...missing } = defaults;
    for (const [body, field] of [
      [{ ...defaults, immunohistochemistry: { amount: 0, unit: 'hours' } }, 'immunohistochemistry.amount'],
      [{ ...defaults, immunophenotype: { amount: 91, unit: 'days' } }, 'immunophenotype.amount'],
      [{ ...defaults, other: { amount: 3, unit: 'weeks' } }, 'other.unit'],
      [missing, 'molecular'],
    ] as const) {
      expect(await as('coordinator')('PUT', '/settings/turnarounds', body), JSON.stringify(body)).toMatchObject({ status: 400, body: { error: { code: 'invalid_input', field } } });
    }
    expect((await as('coordinator')('GET', '/settings/turnarounds')).body.rules).toEqual([]);
  });

  it('apply to the studies sent from today on; a study sent before keeps its 24 hours; the change is audited', async () => {
    const beforeChange = await storedStudyThroughApi(hoursAgo(0.1));
    const change = { ...defaults, immunohistochemistry: { amount: 48, unit: 'hours' } };
    const today = mexicoDay(new Date());
    const changed = await as('coordinator')('PUT', '/settings/turnarounds', change);
    expect(changed).toMatchObject({
      status: 200,
      body: { rules: [{ effectiveFrom: today, turnarounds: change, changedBy: accounts.coordinator.id, changedByName: 'Dra. coordinator' }] },
    });
    expect((await as('presenter')('GET', '/settings/turnarounds')).body.rules).toEqual(changed.body.rules);
    const history = await server.services.audit.history('turnarounds', today);
    expect(history.map((entry) => [entry.action, String(entry.actorId), entry.changes])).toEqual([['update', accounts.coordinator.id, { turnarounds: change }]]);

    const sentToday = await storedStudyThroughApi(new Date().toISOString());
    // Sent 30 hours ago: another Mexico City day, under the rule in force then.
    const sentYesterday = await storedStudyThroughApi(hoursAgo(30));
    expect(await turnaroundOf(sentToday)).toEqual({ amount: 48, unit: 'hours' });
    expect(await turnaroundOf(sentYesterday)).toEqual({ amount: 24, unit: 'hours' });
    expect(await turnaroundOf(beforeChange)).toEqual({ amount: 24, unit: 'hours' });
    const received = await as('laboratory')('POST', `/studies/${sentToday}/receipt`, { receivedAt: new Date().toISOString() });
    expect(received.body.study.clock).toMatchObject({ turnaround: { amount: 48, unit: 'hours' }, state: 'waiting', left: 47 });
  });

  it('go by the Mexico City day the study was sent, not the UTC one', async () => {
    // Noon on 10 March 2031 in Mexico City; the change takes effect that day.
    const now = () => new Date('2031-03-10T18:00:00Z');
    const turnarounds = new TurnaroundService(db.models, server.services.audit, now);
    const studies = new StudyService(db.models, server.services.files, server.services.sessions, turnarounds, server.services.audit, now);
    await turnarounds.set(actorOf('coordinator', ['coordinator']), { ...defaults, immunophenotype: { amount: 7, unit: 'days' } });
    const send = async (sentAt: string) =>
      (await studies.send(actorOf('presenter', ['presenter']), await meridaCase(), { laboratoryId: puebla, type: 'immunophenotype', description: '', sentAt })).id;
    // 23:30 on 9 March in Mexico City, already the 10th in UTC; then ten past midnight on the 10th.
    expect(await turnaroundOf(await send('2031-03-10T05:30:00Z'))).toEqual({ amount: 5, unit: 'days' });
    expect(await turnaroundOf(await send('2031-03-10T06:10:00Z'))).toEqual({ amount: 7, unit: 'days' });
  });
});

/** Mérida's presenter sends an immunohistochemistry study of a new case to Puebla at `sentAt`; returns its id. */
async function storedStudyThroughApi(sentAt: string): Promise<string> {
  return (await sentStudy(puebla, { sentAt })).studyId;
}
