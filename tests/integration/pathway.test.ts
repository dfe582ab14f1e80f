import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import type { Actor } from '../../server/domain/actor';
import { AppError } from '../../server/domain/errors';
import { PathwayService } from '../../server/domain/pathwayService';
import { SessionService } from '../../server/domain/sessionService';
import { addDays, blankPathway, type PathwayDates } from '../../shared/pathway';
import { calendarDayOf } from '../../shared/time';
import { apiClient, createAccount, createCenter, signIn, type TestAccount } from '../support/accounts';
import { createCaseIn, createSessionSoon, scheduleThroughApi } from '../support/sessions';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

let db: Database;
let server: TestServer;
let host: string;
let merida: string;
let sonora: string;
type Who = 'coordinator' | 'presenter' | 'hostPresenter' | 'sonoraPresenter' | 'expert' | 'attendee';
const accounts = {} as Record<Who, TestAccount>;
const cookies = {} as Record<Who, string>;
const as = (who: Who) => apiClient(server.url, cookies[who]);
/** A session that started ten minutes ago: its case cut-off is long past. */
let heldSession: string;

/** Mexico City's calendar day `offset` days from today, as the server reads "today". */
const day = (offset: number) => addDays(calendarDayOf(new Date()), offset);

let codes = 0;
/** A case of Mérida at the held session, written straight to the database, as if presented there. */
async function meridaCase(fields: Record<string, unknown> = {}): Promise<string> {
  codes += 1;
  return createCaseIn(db, heldSession, { centerId: merida, createdBy: accounts.presenter.id, caseCode: `YUC-2026-${String(codes).padStart(3, '0')}`, ...fields });
}

/** A Mérida case as saved before the pathway was kept: no `pathway` at all. */
async function caseSavedBeforePathway(): Promise<string> {
  const id = await meridaCase();
  await db.models.cases.updateOne({ _id: id }, { $unset: { pathway: 1 } });
  expect((await db.models.cases.findById(id).lean())?.pathway).toBeUndefined();
  return id;
}

async function storedPathway(caseId: string): Promise<PathwayDates> {
  return (await as('presenter')('GET', `/cases/${caseId}`)).body.case.pathway;
}

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  [host, merida, sonora] = await Promise.all([createCenter(db, 'CDMX'), createCenter(db, 'YUC'), createCenter(db, 'SON')]);
  const plan: [Who, ('coordinator' | 'presenter' | 'expert' | 'attendee')[], string][] = [
    ['coordinator', ['coordinator'], host],
    ['presenter', ['presenter'], merida],
    ['hostPresenter', ['presenter'], host],
    ['sonoraPresenter', ['presenter'], sonora],
    ['expert', ['expert'], merida],
    ['attendee', ['attendee'], merida],
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

describe('recording the patient’s pathway', () => {
  it('lets the presenting centre record dates after the cut-off and after the session ended, with who in the audit log', async () => {
    const id = await meridaCase();
    expect((await as('presenter')('PATCH', `/cases/${id}`, { version: 0, stage: 'IV' })).body.error).toMatchObject({ code: 'conflict', reason: 'cutoff_passed' });

    const first = { referredOn: day(-10), arrivedOn: day(-9), diagnosedOn: day(-4) };
    const recorded = await as('presenter')('PATCH', `/cases/${id}/pathway`, first);
    expect(recorded).toMatchObject({ status: 200, body: { case: { id, pathway: { ...first, treatmentStartedOn: '' }, version: 0 } } });
    expect(await storedPathway(id)).toEqual({ ...first, treatmentStartedOn: '' });

    await db.models.sessions.updateOne({ _id: heldSession }, { $set: { status: 'ended', endedAt: new Date() } });
    expect((await as('presenter')('PATCH', `/cases/${id}/pathway`, { treatmentStartedOn: day(-1) })).status).toBe(200);
    expect(await storedPathway(id)).toEqual({ ...first, treatmentStartedOn: day(-1) });

    const history = await server.services.audit.history('case', id);
    expect(history.map((entry) => ({ action: entry.action, actorId: String(entry.actorId), changes: entry.changes }))).toEqual([
      { action: 'update', actorId: accounts.presenter.id, changes: { pathway: first } },
      { action: 'update', actorId: accounts.presenter.id, changes: { pathway: { treatmentStartedOn: day(-1) } } },
    ]);
  });

  it('reads a case saved before the pathway was kept as blank, and records on it', async () => {
    const id = await caseSavedBeforePathway();
    expect(await storedPathway(id)).toEqual(blankPathway);
    expect((await as('presenter')('PATCH', `/cases/${id}/pathway`, { referredOn: day(-2) })).body.case).toMatchObject({
      pathway: { ...blankPathway, referredOn: day(-2) },
      version: 0,
    });
  });

  it('refuses a future or out-of-order date, naming the field and keeping what was saved; "" clears a date', async () => {
    const id = await meridaCase();
    const saved = { ...blankPathway, referredOn: day(-8), arrivedOn: day(-7), diagnosedOn: day(-3) };
    expect((await as('presenter')('PATCH', `/cases/${id}/pathway`, saved)).status).toBe(200);
    for (const [changes, field] of [
      [{ treatmentStartedOn: day(1) }, 'treatmentStartedOn'],
      [{ diagnosedOn: day(-9) }, 'diagnosedOn'],
      [{ referredOn: day(-2) }, 'arrivedOn'],
      [{ treatmentStartedOn: day(-5) }, 'treatmentStartedOn'],
    ] as const) {
      expect(await as('presenter')('PATCH', `/cases/${id}/pathway`, changes), JSON.stringify(changes)).toMatchObject({
        status: 400,
        body: { error: { code: 'invalid_input', field } },
      });
      expect(await storedPathway(id)).toEqual(saved);
    }
    expect((await as('presenter')('PATCH', `/cases/${id}/pathway`, { arrivedOn: '' })).body.case.pathway).toEqual({ ...saved, arrivedOn: '' });
    // Without the arrival in between, the referral may now move to after it was.
    expect((await as('presenter')('PATCH', `/cases/${id}/pathway`, { referredOn: day(-5) })).body.case.pathway).toEqual({ ...saved, arrivedOn: '', referredOn: day(-5) });
  });

  it('lets only presenters of the case’s centre and coordinators record dates', async () => {
    const id = await meridaCase();
    await db.models.sessions.updateOne({ _id: heldSession }, { $addToSet: { invitedCenterIds: sonora } });
    for (const who of ['hostPresenter', 'sonoraPresenter', 'expert', 'attendee'] as const) {
      expect((await as(who)('PATCH', `/cases/${id}/pathway`, { referredOn: day(-3) })).status, who).toBe(403);
    }
    expect((await as('coordinator')('PATCH', `/cases/${id}/pathway`, { referredOn: day(-3) })).status).toBe(200);
    expect(await storedPathway(id)).toEqual({ ...blankPathway, referredOn: day(-3) });
    expect((await as('coordinator')('PATCH', `/cases/0123456789abcdef01234567/pathway`, { referredOn: day(-3) })).status).toBe(404);
  });

  it.each([
    ['a number', { referredOn: 5 }],
    ['no date at all', {}],
    ['a huge string', { referredOn: '2'.repeat(200_000) }],
    ['a day that does not exist', { diagnosedOn: '2026-02-30' }],
    ['a day with a time', { diagnosedOn: `${day(-1)}T10:00` }],
    ['a smuggled operator', { referredOn: { $gt: '' } }],
  ])('refuses %s as a body', async (_what, body) => {
    const id = await meridaCase({ pathway: { ...blankPathway, referredOn: day(-1) } });
    expect(await as('presenter')('PATCH', `/cases/${id}/pathway`, body)).toMatchObject({ status: 400, body: { error: { code: 'invalid_input' } } });
    expect(await storedPathway(id)).toEqual({ ...blankPathway, referredOn: day(-1) });
  });

  it('leaves the case form alone: its saves neither write nor wipe the dates, and an open form still saves', async () => {
    const upcoming = await scheduleThroughApi(server.url, cookies.coordinator, { title: 'Leucemias', hostCenterId: host, invitedCenterIds: [merida] });
    const created = await as('presenter')('POST', `/sessions/${upcoming}/cases`, {
      caseCode: 'YUC-2026-500',
      ageYears: 6,
      sex: 'male',
      state: 'YUC',
      icd10Code: 'C91.0',
      diagnosis: 'Leucemia linfoblástica aguda',
      pathway: { referredOn: day(-1) },
    });
    expect(created).toMatchObject({ status: 201, body: { case: { pathway: blankPathway, version: 0 } } });
    const id = created.body.case.id;
    expect((await as('presenter')('PATCH', `/cases/${id}/pathway`, { referredOn: day(-4) })).body.case.version).toBe(0);
    const saved = await as('presenter')('PATCH', `/cases/${id}`, { version: 0, stage: 'III', pathway: { referredOn: '' } });
    expect(saved).toMatchObject({ status: 200, body: { case: { stage: 'III', version: 1, pathway: { ...blankPathway, referredOn: day(-4) } } } });
  });
});

/** Sessions that let a test change the case between the service's reading it and its writing, as a second editor would. */
class MeddlingSessions extends SessionService {
  meddle: () => Promise<unknown> = async () => undefined;
  override async visible(actor: Actor, id: string) {
    await this.meddle();
    return super.visible(actor, id);
  }
}

describe('two edits of the same dates at once', () => {
  let sessions: MeddlingSessions;
  let pathway: PathwayService;
  let presenter: Actor;
  beforeAll(async () => {
    sessions = new MeddlingSessions(db.models, server.services.centers, server.services.audit);
    pathway = new PathwayService(db.models, sessions, server.services.commitments, server.services.audit);
    presenter = { ...accounts.presenter, roles: ['presenter'], specialty: '' };
  });

  it('refuses the second instead of leaving the path out of order', async () => {
    const id = await meridaCase({ pathway: { ...blankPathway, referredOn: day(-10) } });
    // Checked alone, each is fine: a diagnosis five days ago, a referral three days ago.
    sessions.meddle = () => db.models.cases.updateOne({ _id: id }, { $set: { 'pathway.diagnosedOn': day(-5) } });
    const refusal = await pathway.record(presenter, id, { referredOn: day(-3) }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ code: 'conflict', message: 'someone else changed these dates meanwhile; reload' });
    expect(await storedPathway(id)).toEqual({ ...blankPathway, referredOn: day(-10), diagnosedOn: day(-5) });
  });

  it('refuses it on a case saved before the pathway was kept, too', async () => {
    const id = await caseSavedBeforePathway();
    sessions.meddle = () => db.models.cases.updateOne({ _id: id }, { $set: { pathway: { ...blankPathway, diagnosedOn: day(-5) } } });
    await expect(pathway.record(presenter, id, { referredOn: day(-3) })).rejects.toMatchObject({ code: 'conflict' });
    expect(await storedPathway(id)).toEqual({ ...blankPathway, diagnosedOn: day(-5) });
  });
});

/** What the attention list says of a patient: its case, centre and clocks, in a form easy to compare. */
const listed = (patients: { caseCode: string; centerName: string; clocks: { commitment: string; state: string; days: number; allowedDays: number }[] }[]) =>
  patients.map(({ caseCode, centerName, clocks }) => ({
    caseCode,
    centerName,
    clocks: clocks.map(({ commitment, state, days, allowedDays }) => ({ commitment, state, days, allowedDays })),
  }));

describe('patients past or near a commitment', () => {
  const path = (dates: Partial<PathwayDates>) => ({ ...blankPathway, ...dates });
  const centerName: Record<string, string> = {};
  let newerCase: string;
  beforeAll(async () => {
    await db.models.cases.deleteMany({});
    for (const center of [merida, sonora]) centerName[center] = (await db.models.centers.findById(center).lean())!.name;
    const later = await createSessionSoon(db, { hostCenterId: host, invitedCenterIds: [merida, sonora], createdBy: accounts.coordinator.id, startsInMinutes: 24 * 60 });
    const presented = (sessionId: string, centerId: string, caseCode: string, pathway: PathwayDates | undefined, daysAgo = 0) =>
      createCaseIn(db, sessionId, {
        centerId,
        createdBy: accounts.coordinator.id,
        caseCode,
        createdAt: new Date(Date.now() - daysAgo * 86_400_000),
        ...(pathway ? { pathway } : {}),
      });
    await presented(heldSession, merida, 'YUC-2026-201', path({ referredOn: day(-10) }));
    await presented(heldSession, merida, 'YUC-2026-202', path({ referredOn: day(-6), arrivedOn: day(-5) }));
    await presented(heldSession, merida, 'YUC-2026-203', path({ referredOn: day(-2) }));
    await presented(heldSession, merida, 'YUC-2026-204', path({ referredOn: day(-10), diagnosedOn: day(-5), treatmentStartedOn: day(-4) }));
    await presented(heldSession, merida, 'YUC-2026-205', path({ referredOn: day(-12), diagnosedOn: day(-8) }));
    // Presented twice: the newer case's dates are the patient's.
    await presented(heldSession, merida, 'YUC-2026-206', path({ referredOn: day(-9) }), 2);
    newerCase = await presented(later, merida, 'YUC-2026-206', path({ referredOn: day(-9), arrivedOn: day(-8) }));
    await presented(heldSession, merida, 'YUC-2026-207', path({ referredOn: day(-20) }), 2);
    await presented(later, merida, 'YUC-2026-207', path({ referredOn: day(-20), diagnosedOn: day(-18), treatmentStartedOn: day(-16) }));
    await presented(heldSession, merida, 'YUC-2026-208', path({ diagnosedOn: day(-3) }));
    await presented(heldSession, merida, 'YUC-2026-209', path({}));
    await db.models.cases.updateOne({ _id: await presented(heldSession, merida, 'YUC-2025-210', undefined) }, { $unset: { pathway: 1 } });
    await presented(heldSession, sonora, 'SON-2026-301', path({ referredOn: day(-9), diagnosedOn: day(-6) }));
  });

  const meridaLate = () => [
    { caseCode: 'YUC-2026-205', centerName: centerName[merida], clocks: [{ commitment: 'treatment', state: 'overdue', days: 5, allowedDays: 3 }] },
    { caseCode: 'YUC-2026-201', centerName: centerName[merida], clocks: [{ commitment: 'diagnosis', state: 'overdue', days: 3, allowedDays: 7 }] },
    { caseCode: 'YUC-2026-206', centerName: centerName[merida], clocks: [{ commitment: 'diagnosis', state: 'overdue', days: 2, allowedDays: 7 }] },
    { caseCode: 'YUC-2026-208', centerName: centerName[merida], clocks: [{ commitment: 'treatment', state: 'waiting', days: 0, allowedDays: 3 }] },
    { caseCode: 'YUC-2026-202', centerName: centerName[merida], clocks: [{ commitment: 'diagnosis', state: 'waiting', days: 1, allowedDays: 7 }] },
  ];

  it('shows a presenter their centre’s late and nearly late patients, most late first, each patient once', async () => {
    const { status, body } = await as('presenter')('GET', '/pathway/attention');
    expect(status).toBe(200);
    expect(listed(body.patients)).toEqual(meridaLate());
    const twice = body.patients.find((patient: { caseCode: string }) => patient.caseCode === 'YUC-2026-206');
    expect(twice).toMatchObject({ caseId: newerCase, centerId: merida, pathway: path({ referredOn: day(-9), arrivedOn: day(-8) }) });
    expect(body.patients[1].clocks).toEqual([
      { commitment: 'diagnosis', startedOn: day(-10), dueOn: day(-3), allowedDays: 7, doneOn: '', elapsedDays: 10, state: 'overdue', days: 3 },
    ]);
    expect(listed((await as('sonoraPresenter')('GET', '/pathway/attention')).body.patients)).toEqual([
      { caseCode: 'SON-2026-301', centerName: centerName[sonora], clocks: [{ commitment: 'treatment', state: 'overdue', days: 3, allowedDays: 3 }] },
    ]);
  });

  it('shows a coordinator every centre’s, and nobody else', async () => {
    const late = meridaLate();
    expect(listed((await as('coordinator')('GET', '/pathway/attention')).body.patients)).toEqual([
      late[0],
      { caseCode: 'SON-2026-301', centerName: centerName[sonora], clocks: [{ commitment: 'treatment', state: 'overdue', days: 3, allowedDays: 3 }] },
      ...late.slice(1),
    ]);
    for (const who of ['expert', 'attendee'] as const) expect((await as(who)('GET', '/pathway/attention')).status, who).toBe(403);
  });
});

describe('the network’s commitments', () => {
  it('are the defaults until a coordinator changes them; only a coordinator does, within limits', async () => {
    expect(await as('presenter')('GET', '/settings/commitments')).toMatchObject({ status: 200, body: { rules: [] } });
    for (const who of ['presenter', 'expert'] as const) expect((await as(who)('PUT', '/settings/commitments', { diagnosisDays: 5, treatmentDays: 2 })).status, who).toBe(403);
    for (const [body, field] of [
      [{ diagnosisDays: 0, treatmentDays: 3 }, 'diagnosisDays'],
      [{ diagnosisDays: 7, treatmentDays: 91 }, 'treatmentDays'],
      [{ diagnosisDays: 2.5, treatmentDays: 3 }, 'diagnosisDays'],
      [{ diagnosisDays: '7', treatmentDays: 3 }, 'diagnosisDays'],
      [{ diagnosisDays: 7 }, 'treatmentDays'],
    ] as const) {
      expect(await as('coordinator')('PUT', '/settings/commitments', body), JSON.stringify(body)).toMatchObject({ status: 400, body: { error: { code: 'invalid_input', field } } });
    }
    expect((await as('presenter')('GET', '/settings/commitments')).body.rules).toEqual([]);
  });

  it('change from today on, a second change the same day replacing the first, both in the audit log', async () => {
    const first = await as('coordinator')('PUT', '/settings/commitments', { diagnosisDays: 10, treatmentDays: 4 });
    expect(first).toMatchObject({
      status: 200,
      body: { rules: [{ effectiveFrom: day(0), diagnosisDays: 10, treatmentDays: 4, changedBy: accounts.coordinator.id, changedByName: 'Dra. coordinator' }] },
    });
    expect(Date.now() - Date.parse(first.body.rules[0].changedAt)).toBeLessThan(60_000);
    await as('coordinator')('PUT', '/settings/commitments', { diagnosisDays: 1, treatmentDays: 2 });
    expect((await as('presenter')('GET', '/settings/commitments')).body.rules).toMatchObject([{ effectiveFrom: day(0), diagnosisDays: 1, treatmentDays: 2 }]);
    const history = await server.services.audit.history('commitments', day(0));
    expect(history.map((entry) => ({ action: entry.action, actorId: String(entry.actorId), changes: entry.changes }))).toEqual([
      { action: 'update', actorId: accounts.coordinator.id, changes: { diagnosisDays: 10, treatmentDays: 4 } },
      { action: 'update', actorId: accounts.coordinator.id, changes: { diagnosisDays: 1, treatmentDays: 2 } },
    ]);
  });

  it('time the clocks that start from today on; clocks already running keep their rule', async () => {
    await createCaseIn(db, heldSession, { centerId: merida, createdBy: accounts.presenter.id, caseCode: 'YUC-2026-211', pathway: { ...blankPathway, referredOn: day(0) } });
    const patients = listed((await as('presenter')('GET', '/pathway/attention')).body.patients);
    expect(patients.find((patient) => patient.caseCode === 'YUC-2026-211')?.clocks).toEqual([{ commitment: 'diagnosis', state: 'waiting', days: 1, allowedDays: 1 }]);
    // Referred two days ago: seven days still, not one (it would be late by a day).
    expect(patients.map((patient) => patient.caseCode)).not.toContain('YUC-2026-203');
    expect(patients.find((patient) => patient.caseCode === 'YUC-2026-208')?.clocks).toEqual([{ commitment: 'treatment', state: 'waiting', days: 0, allowedDays: 3 }]);
  });
});
