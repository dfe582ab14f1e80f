import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { nextValue } from '../../server/db/models/counter';
import type { Actor } from '../../server/domain/actor';
import { PresenceLedger } from '../../server/domain/presenceLedger';
import { MATTER_TOPIC_LABEL } from '../../server/domain/spanishLabels';
import { mexicanStates, type MexicanState } from '../../shared/mexico';
import { utcToZonedWallTime } from '../../shared/time';
import type { agreementStatuses } from '../../shared/agreements';
import { matterTopics, type MatterTopic } from '../../shared/workingGroup';
import { apiClient, createAccount, createCenter, signIn, type TestAccount } from '../support/accounts';
import { csvRows, DAY_MS, mexicoDay, mexicoDayFromToday } from '../support/reports';
import { createCaseIn, createSessionSoon } from '../support/sessions';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

/**
 * Working-group meetings between the network's authorities and the families of children under
 * treatment: no patient's data, matters raised by first name, answered by agreements to state
 * offices and followed up at the next meeting; their minutes and their report.
 */
let db: Database;
let server: TestServer;
const center = { host: '', chiapas: '', yucatan: '', hospital: '', laboratory: '', elsewhere: '' };
const people: Record<'coordinator' | 'authority' | 'presenter' | 'outsider', TestAccount> = {} as never;
const as: Record<keyof typeof people, ReturnType<typeof apiClient>> = {} as never;
/** An earlier meeting (held two weeks ago) and today's, both with the Chiapas office and the hospital invited. */
let earlier: string;
let meeting: string;
let caseReview: string;
const day = mexicoDayFromToday;
/** Midnight starting a Mexico City day, as an instant: Mexico City keeps UTC−6 all year since 2022. */
const midnightOf = (calendarDay: string) => new Date(`${calendarDay}T06:00:00Z`);

const matterBody = { topic: 'medicine_supply', state: 'CHIS', raisedBy: 'María', description: 'No hay vincristina en el hospital de Tuxtla desde hace tres semanas' };

async function meetingAt(startsAt: Date, status: string, invitedCenterIds: string[] = [center.chiapas, center.hospital]): Promise<string> {
  const id = await createSessionSoon(db, {
    kind: 'working_group',
    hostCenterId: center.host,
    invitedCenterIds,
    createdBy: people.coordinator.id,
    title: 'Mesa de trabajo con familias',
  });
  await db.models.sessions.updateOne({ _id: id }, { $set: { startsAt, status } });
  return id;
}

/** A guest of a session written straight to the database: the invitation itself is another part's. */
async function guestOf(sessionId: string, name: string, kind: 'family' | 'speaker' | 'other', affiliation = ''): Promise<string> {
  const guest = await db.models.guests.create({
    sessionId,
    name,
    kind,
    affiliation,
    tokenHash: createHash('sha256').update(randomBytes(32)).digest('hex'),
    invitedBy: people.coordinator.id,
    invitedByName: people.coordinator.name,
  });
  return String(guest._id);
}

/** Someone entered (and left) a meeting's room: a presence mark as the room writes it. */
async function entered(sessionId: string, userId: string, centerId: string, displayName: string, at: Date): Promise<void> {
  const mark = { userId, centerId, peerId: randomBytes(4).toString('hex'), displayName, at };
  await new PresenceLedger(db.models).append(sessionId, [
    { ...mark, kind: 'join' },
    { ...mark, kind: 'leave', at: new Date(at.getTime() + 60 * 60_000) },
  ]);
}

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  [center.host, center.chiapas, center.yucatan, center.hospital, center.laboratory, center.elsewhere] = await Promise.all([
    createCenter(db, 'CDMX'),
    createCenter(db, 'CHIS', 'office'),
    createCenter(db, 'YUC', 'office'),
    createCenter(db, 'OAX', 'hospital'),
    createCenter(db, 'PUE', 'laboratory'),
    createCenter(db, 'SON'),
  ]);
  await db.models.centers.updateOne({ _id: center.chiapas }, { $set: { name: 'Servicios de Salud de Chiapas' } });
  people.coordinator = await createAccount(db, ['coordinator'], center.host, 'Dra. Patricia Hernández');
  people.authority = await createAccount(db, ['attendee'], center.chiapas, 'Lic. Jorge Gómez Ruiz');
  people.presenter = await createAccount(db, ['presenter'], center.hospital, 'Dr. Presentador');
  people.outsider = await createAccount(db, ['attendee'], center.elsewhere, 'Dr. Externo');
  for (const who of Object.keys(people) as (keyof typeof people)[]) as[who] = apiClient(server.url, await signIn(server.url, people[who].email));
  earlier = await meetingAt(new Date(Date.now() - 14 * DAY_MS), 'ended');
  meeting = await createSessionSoon(db, {
    kind: 'working_group',
    hostCenterId: center.host,
    invitedCenterIds: [center.chiapas, center.yucatan, center.hospital],
    createdBy: people.coordinator.id,
    startsInMinutes: -30,
    title: 'Mesa de trabajo con familias 161',
  });
  caseReview = await createSessionSoon(db, { hostCenterId: center.host, invitedCenterIds: [center.hospital], createdBy: people.coordinator.id });
});
afterAll(async () => {
  await server.close();
  await dropTestDatabase(db);
});

describe('a working-group meeting', () => {
  it('takes no cases and no case or death-review agenda items, and invites offices', async () => {
    const refused = await as.presenter('POST', `/sessions/${meeting}/cases`, {
      caseCode: 'OAX-2026-001',
      ageYears: 7,
      sex: 'female',
      state: 'OAX',
      icd10Code: 'C91.0',
      diagnosis: 'Leucemia linfoblástica aguda',
    });
    expect(refused).toMatchObject({ status: 409, body: { error: { reason: 'no_cases' } } });
    expect(await db.models.cases.countDocuments({ sessionId: meeting })).toBe(0);
    // Nor does an office present cases in a case review it is invited to.
    const officePresenter = apiClient(server.url, await signIn(server.url, (await createAccount(db, ['presenter'], center.yucatan)).email));
    const review = await createSessionSoon(db, { hostCenterId: center.host, invitedCenterIds: [center.yucatan], createdBy: people.coordinator.id, startsInMinutes: 3 * 24 * 60 });
    const fromOffice = await officePresenter('POST', `/sessions/${review}/cases`, {
      caseCode: 'YUC-2026-001',
      ageYears: 7,
      sex: 'female',
      state: 'YUC',
      icd10Code: 'C91.0',
      diagnosis: 'Leucemia linfoblástica aguda',
    });
    expect(fromOffice).toMatchObject({ status: 403, body: { error: { message: 'an office presents no cases' } } });
    expect(await db.models.cases.countDocuments({ sessionId: review })).toBe(0);

    const caseItem = { kind: 'case', title: 'Caso de Oaxaca', durationMinutes: 20 };
    expect(await as.coordinator('PUT', `/sessions/${meeting}/agenda`, { version: 0, agenda: [caseItem] })).toMatchObject({ status: 400, body: { error: { field: 'agenda' } } });
    const startsAtLocal = utcToZonedWallTime(new Date(Date.now() + 14 * DAY_MS), 'America/Mexico_City').slice(0, 11) + '10:00';
    const next = { kind: 'working_group', title: 'Mesa de trabajo con familias 162', startsAtLocal, durationMinutes: 120, hostCenterId: center.host };
    const withReview = await as.coordinator('POST', '/sessions', { ...next, agenda: [{ kind: 'mortality_review', title: 'Revisión de defunción', durationMinutes: 10 }] });
    expect(withReview).toMatchObject({ status: 400, body: { error: { field: 'agenda' } } });
    const scheduled = await as.coordinator('POST', '/sessions', {
      ...next,
      invitedCenterIds: [center.chiapas, center.yucatan],
      agenda: [{ kind: 'agreement_followup', title: 'Seguimiento de asuntos', durationMinutes: 30 }],
    });
    expect(scheduled).toMatchObject({ status: 201, body: { session: { kind: 'working_group', quorumSpecialties: 0, invitedCenterIds: [center.chiapas, center.yucatan] } } });
    expect(
      await as.coordinator('PUT', `/sessions/${meeting}/agenda`, { version: 0, agenda: [{ kind: 'other', title: 'Asuntos de las familias', durationMinutes: 60 }] }),
    ).toMatchObject({
      status: 200,
    });
  });

  it('records matters by the coordinator only, by first name only, about a hospital that is not a laboratory', async () => {
    const created = await as.coordinator('POST', `/sessions/${meeting}/matters`, { ...matterBody, hospitalCenterId: center.hospital });
    expect(created).toMatchObject({
      status: 201,
      body: {
        matter: { sessionId: meeting, topic: 'medicine_supply', state: 'CHIS', raisedBy: 'María', hospitalCenterId: center.hospital, status: 'open', agreementIds: [], version: 0 },
      },
    });
    const second = await as.coordinator('POST', `/sessions/${meeting}/matters`, {
      ...matterBody,
      topic: 'staff_training',
      raisedBy: 'José Luis',
      description: 'Capacitación en cuidado de catéter',
    });
    expect(second.body.matter.number).toBe(created.body.matter.number + 1);

    expect((await as.authority('POST', `/sessions/${meeting}/matters`, matterBody)).status).toBe(403);
    expect((await as.presenter('POST', `/sessions/${meeting}/matters`, matterBody)).status).toBe(403);
    for (const [body, field] of [
      [{ ...matterBody, raisedBy: 'María López Pérez' }, 'raisedBy'],
      [{ ...matterBody, hospitalCenterId: center.laboratory }, 'hospitalCenterId'],
      [{ ...matterBody, hospitalCenterId: '0123456789abcdef01234567' }, 'hospitalCenterId'],
      [{ ...matterBody, state: 'XX' }, 'state'],
    ] as const) {
      expect(await as.coordinator('POST', `/sessions/${meeting}/matters`, body)).toMatchObject({ status: 400, body: { error: { field } } });
    }
    expect((await as.coordinator('POST', `/sessions/${caseReview}/matters`, matterBody)).status).toBe(409);
    expect(await db.models.matters.countDocuments({ sessionId: meeting })).toBe(2);

    const id = created.body.matter.id;
    const edited = await as.coordinator('PATCH', `/matters/${id}`, { version: 0, description: 'No hay vincristina en Tuxtla' });
    expect(edited.body.matter).toMatchObject({ hospitalCenterId: center.hospital, description: 'No hay vincristina en Tuxtla', version: 1 });
    expect((await as.coordinator('PATCH', `/matters/${id}`, { version: 1, hospitalCenterId: null })).body.matter).toMatchObject({ hospitalCenterId: null, version: 2 });
    expect(await as.coordinator('PATCH', `/matters/${id}`, { version: 1, raisedBy: 'Ana' })).toMatchObject({ status: 409, body: { error: { field: 'version' } } });
    expect((await as.authority('PATCH', `/matters/${id}`, { version: 2, raisedBy: 'Ana' })).status).toBe(403);
    expect(await db.models.auditEntries.countDocuments({ entity: 'matter', entityId: id })).toBe(3);

    // Whoever takes part reads them; a centre that does not, does not.
    expect((await as.authority('GET', `/sessions/${meeting}/matters`)).body.matters.map((matter: { raisedBy: string }) => matter.raisedBy)).toEqual(['María', 'José Luis']);
    expect((await as.outsider('GET', `/sessions/${meeting}/matters`)).status).toBe(403);
  });

  it('closes a matter with an agreement to a state office: resolved once it is done', async () => {
    const { body } = await as.coordinator('POST', `/sessions/${meeting}/matters`, { ...matterBody, topic: 'diagnosis_access', raisedBy: 'Guadalupe' });
    const matter = body.matter;
    const agreement = {
      text: 'Surtir vincristina al hospital de Tuxtla',
      responsibleCenterId: center.chiapas,
      responsiblePerson: 'Lic. Gómez',
      dueDate: day(14),
      matterId: matter.id,
    };
    const answered = await as.coordinator('POST', `/sessions/${meeting}/agreements`, agreement);
    expect(answered).toMatchObject({ status: 201, body: { agreement: { matterId: matter.id, responsibleCenterId: center.chiapas, status: 'pending' } } });
    const read = async () => (await as.authority('GET', `/sessions/${meeting}/matters`)).body.matters.find((candidate: { id: string }) => candidate.id === matter.id);
    expect(await read()).toMatchObject({ status: 'open', agreementIds: [answered.body.agreement.id] });

    expect(await as.coordinator('POST', `/sessions/${meeting}/agreements`, { ...agreement, responsibleCenterId: center.laboratory })).toMatchObject({
      status: 400,
      body: { error: { field: 'responsibleCenterId' } },
    });
    expect(await as.coordinator('POST', `/sessions/${caseReview}/agreements`, agreement)).toMatchObject({ status: 400, body: { error: { field: 'matterId' } } });
    expect(await as.coordinator('POST', `/sessions/${meeting}/agreements`, { ...agreement, matterId: '0123456789abcdef01234567' })).toMatchObject({
      status: 400,
      body: { error: { field: 'matterId' } },
    });

    await as.coordinator('PATCH', `/agreements/${answered.body.agreement.id}`, { version: 0, status: 'done' });
    expect(await read()).toMatchObject({ status: 'resolved' });
  });

  it('follows up an earlier meeting’s open matter at the next one, and no resolved or later one', async () => {
    const raise = async (sessionId: string, raisedBy: string) => (await as.coordinator('POST', `/sessions/${sessionId}/matters`, { ...matterBody, raisedBy })).body.matter;
    const open = await raise(earlier, 'Rosa');
    const resolved = await raise(earlier, 'Carmen');
    const agreementFor = (matterId: string) => ({ text: 'Dar seguimiento en la Secretaría', responsibleCenterId: center.chiapas, dueDate: day(7), matterId });
    const closed = await as.coordinator('POST', `/sessions/${earlier}/agreements`, agreementFor(resolved.id));
    await as.coordinator('PATCH', `/agreements/${closed.body.agreement.id}`, { version: 0, status: 'done' });

    const followUp = await as.coordinator('POST', `/sessions/${meeting}/agreements`, agreementFor(open.id));
    expect(followUp).toMatchObject({ status: 201, body: { agreement: { sessionId: meeting, matterId: open.id } } });
    expect(await as.coordinator('POST', `/sessions/${meeting}/agreements`, agreementFor(resolved.id))).toMatchObject({ status: 400, body: { error: { field: 'matterId' } } });
    const today = (await as.coordinator('GET', `/sessions/${meeting}/matters`)).body.matters[0];
    expect(await as.coordinator('POST', `/sessions/${earlier}/agreements`, agreementFor(today.id))).toMatchObject({ status: 400, body: { error: { field: 'matterId' } } });

    const listed = await as.authority('GET', '/matters');
    const numbers = listed.body.matters.map((matter: { raisedBy: string }) => matter.raisedBy);
    expect(numbers).toEqual(expect.arrayContaining(['Rosa', 'María']));
    expect(numbers).not.toContain('Carmen');
    expect((await as.authority('GET', '/matters?status=resolved')).body.matters.map((matter: { raisedBy: string }) => matter.raisedBy)).toContain('Carmen');
    expect((await as.outsider('GET', '/matters?status=all')).body.matters).toEqual([]);
  });

  it('lets its own guests read its matters, and no other session’s guest', async () => {
    const guestActor = (guestId: string, sessionId: string): Actor => ({
      id: guestId,
      name: 'Lupita',
      email: '',
      roles: ['guest'],
      centerId: center.host,
      specialty: '',
      guest: { sessionId, kind: 'family', affiliation: 'madre de paciente' },
    });
    const own = guestActor(await guestOf(meeting, 'Lupita', 'family'), meeting);
    const matters = await server.services.matters.listForSession(own, meeting);
    expect(matters.map((matter) => matter.raisedBy)).toContain('María');
    const stranger = guestActor(await guestOf(caseReview, 'Lupita', 'family'), caseReview);
    await expect(server.services.matters.listForSession(stranger, meeting)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('writes minutes with the offices, the families by first name only and the matters, and no case data', async () => {
    const at = new Date(Date.now() - 20 * 60_000);
    await entered(meeting, people.authority.id, center.chiapas, people.authority.name, at);
    await entered(meeting, people.coordinator.id, center.host, people.coordinator.name, at);
    await entered(meeting, await guestOf(meeting, 'Juana', 'family', 'madre de paciente'), center.host, 'Juana', at);
    await entered(meeting, await guestOf(meeting, 'Dr. Ian Smith', 'speaker', 'Universidad de Toronto'), center.host, 'Dr. Ian Smith', at);
    await guestOf(meeting, 'Petra', 'family');
    // A case left in the meeting by hand must not reach its minutes.
    await createCaseIn(db, meeting, { centerId: center.hospital, createdBy: people.coordinator.id, caseCode: 'OAX-2026-077', diagnosis: 'Neuroblastoma estadio 4' });

    const ended = await as.coordinator('POST', `/sessions/${meeting}/end`);
    expect(ended.status).toBe(201);
    const text: string = ended.body.minutes.text;
    expect(text).toMatch(/^MESA DE TRABAJO CON FAMILIAS — Sesión \d+: Mesa de trabajo con familias 161/);
    expect(text).toContain('AUTORIDADES\n');
    expect(text).toContain('- Servicios de Salud de Chiapas: Lic. Jorge Gómez Ruiz');
    expect(text).toContain('FAMILIAS\n- Juana');
    expect(text).not.toContain('Petra');
    expect(text).toContain('OTROS INVITADOS\n- Dr. Ian Smith (Universidad de Toronto)');
    expect(text).toContain('ASUNTOS\n');
    expect(text).toMatch(/Asunto \d+ — Abasto de medicamentos\. Estado: Chiapas\. Planteado por: María\./);
    expect(text).toContain('Acuerdo: Surtir vincristina al hospital de Tuxtla Responsable: Servicios de Salud de Chiapas (Lic. Gómez).');
    expect(text).toContain('SEGUIMIENTO DE ASUNTOS ANTERIORES');
    expect(text).toMatch(/Asunto \d+ \(planteado en la sesión \d+\) — Abasto de medicamentos\. Estado: Chiapas\. Planteado por: Rosa\./);
    expect(text).not.toContain('Carmen');
    for (const caseData of ['OAX-2026-077', 'Neuroblastoma', 'CASOS', 'CIE-10']) expect(text).not.toContain(caseData);

    // Once its minutes are approved, the meeting's matters no longer change.
    const approved = await as.coordinator('POST', `/sessions/${meeting}/minutes/approve`, { version: ended.body.minutes.version });
    expect(approved.status).toBe(200);
    expect((await as.coordinator('POST', `/sessions/${meeting}/matters`, matterBody)).status).toBe(409);
  });
});

describe('the working group’s report', () => {
  const from = day(-300);
  const to = day(-200);
  const rangeQuery = `from=${from}&to=${to}`;

  /** A matter written straight to the database, with its agreements' statuses and due dates. */
  async function matterAt(sessionId: string, state: MexicanState, topic: MatterTopic, agreements: [(typeof agreementStatuses)[number], string][] = []) {
    const session = (await db.models.sessions.findById(sessionId).lean())!;
    const matter = await db.models.matters.create({
      sessionId,
      sessionNumber: session.number,
      sessionStartsAt: session.startsAt,
      number: await nextValue(db.models.counters, 'matter'),
      topic,
      state,
      raisedBy: 'Ana',
      description: 'Asunto de prueba',
      createdBy: people.coordinator.id,
    });
    for (const [status, dueDate] of agreements) {
      await db.models.agreements.create({
        sessionId,
        sessionNumber: session.number,
        sessionStartsAt: session.startsAt,
        matterId: matter._id,
        text: 'Acuerdo de prueba',
        responsibleCenterId: center.chiapas,
        dueDate,
        status,
        createdBy: people.coordinator.id,
      });
    }
  }

  beforeAll(async () => {
    // The range's first instant (Mexico City midnight) counts; the millisecond before does not.
    const first = await meetingAt(midnightOf(from), 'ended');
    const before = await meetingAt(new Date(midnightOf(from).getTime() - 1), 'ended');
    const middle = await meetingAt(midnightOf(day(-250)), 'minutes_approved');
    const cancelled = await meetingAt(midnightOf(day(-240)), 'cancelled');
    const last = await meetingAt(new Date(midnightOf(day(-199)).getTime() - 1), 'ended');
    const after = await meetingAt(midnightOf(day(-199)), 'ended');
    await matterAt(first, 'CHIS', 'medicine_supply', [['done', day(-290)]]);
    await matterAt(first, 'CHIS', 'diagnosis_access', [['pending', day(-280)]]);
    await matterAt(first, 'OAX', 'staff_training');
    await matterAt(middle, 'YUC', 'medicine_supply', [
      ['done', day(-240)],
      ['in_progress', day(30)],
    ]);
    await matterAt(last, 'OAX', 'transport_lodging', [['done', day(-100)]]);
    await matterAt(before, 'YUC', 'care_quality');
    await matterAt(after, 'YUC', 'care_quality');
    await matterAt(cancelled, 'YUC', 'care_quality');
    // Families present once per meeting however often they entered; one invited who never came, a speaker who is no family.
    const ana = await guestOf(first, 'Ana', 'family');
    await entered(first, ana, center.host, 'Ana', midnightOf(from));
    await entered(first, ana, center.host, 'Ana', new Date(midnightOf(from).getTime() + 90 * 60_000));
    await entered(first, await guestOf(first, 'Luis', 'family'), center.host, 'Luis', midnightOf(from));
    await guestOf(first, 'Rosa', 'family');
    await entered(first, await guestOf(first, 'Dr. Smith', 'speaker'), center.host, 'Dr. Smith', midnightOf(from));
    await entered(middle, await guestOf(middle, 'Ana', 'family'), center.host, 'Ana', midnightOf(day(-250)));
    await entered(before, await guestOf(before, 'Mario', 'family'), center.host, 'Mario', midnightOf(from));
  });

  /** The report recomputed from what is stored, with plain loops and Intl for Mexico City's days. */
  async function expectedReport(first: string, last: string) {
    const today = mexicoDay(new Date());
    const meetings = (await db.models.sessions.find({ kind: 'working_group' }).lean()).filter(
      (session) => ['ended', 'minutes_approved'].includes(session.status) && mexicoDay(session.startsAt) >= first && mexicoDay(session.startsAt) <= last,
    );
    const ids = meetings.map((session) => String(session._id));
    const matters = (await db.models.matters.find().lean()).filter((matter) => ids.includes(String(matter.sessionId)));
    const agreements = (await db.models.agreements.find().lean()).filter((agreement) => matters.some((matter) => String(matter._id) === String(agreement.matterId)));
    const statusOf = (matter: (typeof matters)[number]) => {
      const own = agreements.filter((agreement) => String(agreement.matterId) === String(matter._id));
      return own.length > 0 && own.every((agreement) => agreement.status === 'done') ? 'resolved' : 'open';
    };
    const counts = (some: typeof matters) => ({
      raised: some.length,
      resolved: some.filter((matter) => statusOf(matter) === 'resolved').length,
      open: some.filter((matter) => statusOf(matter) === 'open').length,
    });
    let familyAttendances = 0;
    for (const id of ids) {
      const families = await db.models.guests.find({ sessionId: id, kind: 'family' }).lean();
      const { marks } = await new PresenceLedger(db.models).read(id);
      for (const family of families) if (marks.some((mark) => mark.kind === 'join' && String(mark.userId) === String(family._id))) familyAttendances += 1;
    }
    const states = [...new Set(matters.map((matter) => matter.state))];
    return {
      from: first,
      to: last,
      meetingsHeld: meetings.length,
      familyAttendances,
      matters: counts(matters),
      byState: states
        .map((state) => ({ state: mexicanStates[state as MexicanState], ...counts(matters.filter((matter) => matter.state === state)) }))
        .sort((a, b) => a.state.localeCompare(b.state, 'es')),
      byTopic: matterTopics.map((topic) => ({ topic, ...counts(matters.filter((matter) => matter.topic === topic)) })),
      agreements: {
        open: agreements.filter((agreement) => agreement.status !== 'done' && agreement.dueDate >= today).length,
        done: agreements.filter((agreement) => agreement.status === 'done').length,
        overdue: agreements.filter((agreement) => agreement.status !== 'done' && agreement.dueDate < today).length,
      },
    };
  }

  it('counts meetings held, families present and matters by state and topic, as stored', async () => {
    const { status, body } = await as.authority('GET', `/reports/working-group?${rangeQuery}`);
    expect(status).toBe(200);
    const expected = await expectedReport(from, to);
    expect(body.report).toEqual(expected);
    // Worked out by hand from the meetings above.
    expect(expected).toMatchObject({
      meetingsHeld: 3,
      familyAttendances: 3,
      matters: { raised: 5, resolved: 2, open: 3 },
      byState: [
        { state: 'Chiapas', raised: 2, resolved: 1, open: 1 },
        { state: 'Oaxaca', raised: 2, resolved: 1, open: 1 },
        { state: 'Yucatán', raised: 1, resolved: 0, open: 1 },
      ],
      agreements: { open: 1, done: 3, overdue: 1 },
    });
    expect(expected.byTopic.find((row) => row.topic === 'medicine_supply')).toEqual({ topic: 'medicine_supply', raised: 2, resolved: 1, open: 1 });
    expect(expected.byTopic.find((row) => row.topic === 'social_support')).toEqual({ topic: 'social_support', raised: 0, resolved: 0, open: 0 });
  });

  it('moves with the range’s edges at Mexico City midnight', async () => {
    const heldIn = async (first: string, last: string) => (await as.coordinator('GET', `/reports/working-group?from=${first}&to=${last}`)).body.report.meetingsHeld;
    expect(await heldIn(from, from)).toBe(1);
    expect(await heldIn(day(-301), day(-301))).toBe(1);
    expect(await heldIn(to, to)).toBe(1);
    expect(await heldIn(day(-199), day(-199))).toBe(1);
    expect((await as.coordinator('GET', `/reports/working-group?from=${day(-301)}&to=${day(-199)}`)).body.report).toEqual(await expectedReport(day(-301), day(-199)));
  });

  it('downloads the same figures as CSV: a row per state and per topic, then the totals', async () => {
    const response = await fetch(`${server.url}/api/reports/working-group.csv?${rangeQuery}`, { headers: { cookie: await signIn(server.url, people.coordinator.email) } });
    expect(response.status).toBe(200);
    expect(decodeURIComponent(response.headers.get('content-disposition')!)).toContain(`Mesa de trabajo con familias ${from} a ${to}.csv`);
    const [header, ...rows] = await csvRows(response);
    expect(header).toEqual([
      'Grupo',
      'Asuntos planteados',
      'Asuntos resueltos',
      'Asuntos abiertos',
      'Reuniones celebradas',
      'Asistencias de familias',
      'Acuerdos abiertos',
      'Acuerdos cumplidos',
      'Acuerdos vencidos',
    ]);
    const report = await expectedReport(from, to);
    const counts = (figures: { raised: number; resolved: number; open: number }) => [figures.raised, figures.resolved, figures.open].map(String);
    expect(rows).toEqual([
      ...report.byState.map((row) => [`Estado: ${row.state}`, ...counts(row), '', '', '', '', '']),
      ...report.byTopic.map((row) => [`Tema: ${MATTER_TOPIC_LABEL[row.topic]}`, ...counts(row), '', '', '', '', '']),
      [
        'Toda la red',
        ...counts(report.matters),
        ...[report.meetingsHeld, report.familyAttendances, report.agreements.open, report.agreements.done, report.agreements.overdue].map(String),
      ],
    ]);
  });
});
