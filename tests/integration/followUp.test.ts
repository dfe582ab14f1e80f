import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { FollowUpService } from '../../server/domain/followUpService';
import type { Actor } from '../../server/domain/actor';
import { addDays } from '../../shared/pathway';
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
type Who = 'coordinator' | 'presenter' | 'sonoraPresenter' | 'expert';
const accounts = {} as Record<Who, TestAccount>;
const cookies = {} as Record<Who, string>;
const as = (who: Who) => apiClient(server.url, cookies[who]);
const DAY_MS = 86_400_000;
/** The session that discussed the cases: held forty days ago, Mérida invited. */
let heldSession: string;

/** Mexico City's calendar day `offset` days from today, as the server reads "today". */
const day = (offset: number) => addDays(calendarDayOf(new Date()), offset);

let codes = 0;
/** A Mérida case of the held session (or another), with the board's recommendation confirmed `daysAgo` (none: not confirmed). */
async function meridaCase(confirmedDaysAgo: number | 'proposed' | 'none' = 40, sessionId = heldSession): Promise<{ id: string; code: string }> {
  codes += 1;
  const code = `YUC-2026-${String(codes).padStart(3, '0')}`;
  const id = await createCaseIn(db, sessionId, { centerId: merida, createdBy: accounts.presenter.id, caseCode: code });
  if (confirmedDaysAgo !== 'none') {
    const confirmed = typeof confirmedDaysAgo === 'number';
    await db.models.recommendations.create({
      _id: id,
      sessionId,
      caseId: id,
      text: 'Rescate con blinatumomab y envío a trasplante',
      status: confirmed ? 'confirmed' : 'proposed',
      version: confirmed ? 2 : 1,
      proposedBy: accounts.coordinator.id,
      ...(confirmed ? { confirmedBy: accounts.coordinator.id, confirmedAt: new Date(Date.now() - confirmedDaysAgo * DAY_MS) } : {}),
    });
  }
  return { id, code };
}

const followUpOf = async (caseId: string) => (await as('presenter')('GET', `/cases/${caseId}/follow-up`)).body.followUp;
const death = (months: 3 | 6 | 12, diedDaysAgo: number) => ({ months, course: 'deceased', assessedOn: day(-1), diedOn: day(-diedDaysAgo), causeOfDeath: 'Choque séptico' });

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  [host, merida, sonora] = await Promise.all([createCenter(db, 'CDMX'), createCenter(db, 'YUC'), createCenter(db, 'SON')]);
  const plan: [Who, ('coordinator' | 'presenter' | 'expert')[], string][] = [
    ['coordinator', ['coordinator'], host],
    ['presenter', ['presenter'], merida],
    ['sonoraPresenter', ['presenter'], sonora],
    ['expert', ['expert'], merida],
  ];
  for (const [who, roles, center] of plan) {
    accounts[who] = await createAccount(db, roles, center, `Dra. ${who}`);
    cookies[who] = await signIn(server.url, accounts[who].email);
  }
  heldSession = await createSessionSoon(db, { hostCenterId: host, invitedCenterIds: [merida], createdBy: accounts.coordinator.id, startsInMinutes: -40 * 24 * 60 });
  await db.models.sessions.updateOne({ _id: heldSession }, { $set: { status: 'ended', endedAt: new Date(Date.now() - 40 * DAY_MS + 2 * 3_600_000) } });
});
afterAll(async () => {
  await server?.close();
  if (db) await dropTestDatabase(db);
});

describe('what came of a confirmed recommendation', () => {
  it('reads as its recommendation, with the follow-through and every checkpoint asked for, to whoever sees the session', async () => {
    const { id, code } = await meridaCase(40);
    const confirmedOn = day(-40);
    const followUp = await followUpOf(id);
    expect(followUp).toMatchObject({
      caseId: id,
      caseCode: code,
      sessionId: heldSession,
      centerId: merida,
      recommendation: { text: 'Rescate con blinatumomab y envío a trasplante', confirmedOn },
      followThrough: null,
      followThroughState: 'overdue',
      mortalityReview: null,
    });
    expect(followUp.checkpoints.map(({ months, state, outcome }: { months: number; state: string; outcome: unknown }) => [months, state, outcome])).toEqual([
      [3, 'upcoming', null],
      [6, 'upcoming', null],
      [12, 'upcoming', null],
    ]);
    expect((await as('coordinator')('GET', `/cases/${id}/follow-up`)).body.followUp.caseId).toBe(id);
    // Sonora is not invited to the session that discussed the case.
    expect((await as('sonoraPresenter')('GET', `/cases/${id}/follow-up`)).status).toBe(403);
  });

  it('lets only presenters of the case’s centre and coordinators record it', async () => {
    const { id } = await meridaCase(40);
    await db.models.sessions.updateOne({ _id: heldSession }, { $addToSet: { invitedCenterIds: sonora } });
    const carriedOut = { status: 'carried_out', decidedOn: day(-30) };
    for (const who of ['sonoraPresenter', 'expert'] as const) {
      expect((await as(who)('PUT', `/cases/${id}/follow-up/follow-through`, carriedOut)).status, who).toBe(403);
      expect((await as(who)('PUT', `/cases/${id}/follow-up/outcomes`, { months: 3, course: 'remission', assessedOn: day(-1) })).status, who).toBe(403);
    }
    expect((await followUpOf(id)).followThrough).toBeNull();
    expect(await as('coordinator')('PUT', `/cases/${id}/follow-up/follow-through`, carriedOut)).toMatchObject({
      status: 200,
      body: { followUp: { followThrough: { ...carriedOut, reason: '', recordedBy: accounts.coordinator.id, recordedByName: 'Dra. coordinator' }, followThroughState: 'recorded' } },
    });
    expect((await as('presenter')('PUT', `/cases/${id}/follow-up/follow-through`, carriedOut)).status).toBe(200);
    expect((await as('coordinator')('PUT', `/cases/0123456789abcdef01234567/follow-up/follow-through`, carriedOut)).status).toBe(404);
  });

  it('is null before the board confirms a recommendation, and nothing can be recorded then', async () => {
    for (const state of ['none', 'proposed'] as const) {
      const { id } = await meridaCase(state);
      expect(await as('presenter')('GET', `/cases/${id}/follow-up`)).toMatchObject({ status: 200, body: { followUp: null } });
      expect((await as('presenter')('PUT', `/cases/${id}/follow-up/follow-through`, { status: 'carried_out', decidedOn: day(0) })).status, state).toBe(409);
      expect((await as('presenter')('PUT', `/cases/${id}/follow-up/outcomes`, { months: 3, course: 'remission', assessedOn: day(0) })).status, state).toBe(409);
      expect(await db.models.followUps.exists({ _id: id })).toBeNull();
    }
  });

  it('refuses a day in the future or before the confirmation, naming the field and saving nothing', async () => {
    const { id } = await meridaCase(40);
    for (const [path, body, field] of [
      ['follow-through', { status: 'carried_out', decidedOn: day(1) }, 'decidedOn'],
      ['follow-through', { status: 'carried_out', decidedOn: day(-41) }, 'decidedOn'],
      ['follow-through', { status: 'not_carried_out', decidedOn: day(-5) }, 'reason'],
      ['outcomes', { months: 3, course: 'remission', assessedOn: day(1) }, 'assessedOn'],
      ['outcomes', { months: 3, course: 'remission', assessedOn: day(-41) }, 'assessedOn'],
      ['outcomes', { ...death(3, 41), assessedOn: day(-1) }, 'diedOn'],
      ['outcomes', { ...death(3, 1), assessedOn: day(-2) }, 'diedOn'],
      ['outcomes', { months: 3, course: 'deceased', assessedOn: day(-1), diedOn: day(-2) }, 'causeOfDeath'],
    ] as const) {
      expect(await as('presenter')('PUT', `/cases/${id}/follow-up/${path}`, body), JSON.stringify(body)).toMatchObject({
        status: 400,
        body: { error: { code: 'invalid_input', field } },
      });
    }
    const followUp = await followUpOf(id);
    expect(followUp.followThrough).toBeNull();
    expect(followUp.checkpoints.map((checkpoint: { outcome: unknown }) => checkpoint.outcome)).toEqual([null, null, null]);
    expect(await db.models.followUps.exists({ _id: id })).toBeNull();
    expect(await server.services.audit.history('follow_up', id)).toEqual([]);
    // The day of the confirmation itself is fine.
    expect((await as('presenter')('PUT', `/cases/${id}/follow-up/follow-through`, { status: 'carried_out', decidedOn: day(-40) })).status).toBe(200);
  });

  it('replaces a record by its correction, both in the audit log with who made them', async () => {
    const { id } = await meridaCase(100);
    const first = { status: 'carried_out', decidedOn: day(-90) };
    const correction = { status: 'not_carried_out', reason: 'La familia no aceptó el traslado', decidedOn: day(-85) };
    await as('presenter')('PUT', `/cases/${id}/follow-up/follow-through`, first);
    const corrected = (await as('coordinator')('PUT', `/cases/${id}/follow-up/follow-through`, correction)).body.followUp;
    expect(corrected.followThrough).toMatchObject({ ...correction, recordedBy: accounts.coordinator.id });
    expect((await followUpOf(id)).followThrough).toMatchObject(correction);

    const outcome = { months: 3, course: 'in_treatment', assessedOn: day(-8), diedOn: '', causeOfDeath: '', notes: '' };
    const outcomeCorrection = { ...outcome, course: 'relapse', notes: 'Recaída medular' };
    await as('presenter')('PUT', `/cases/${id}/follow-up/outcomes`, outcome);
    const checkpoints = (await as('presenter')('PUT', `/cases/${id}/follow-up/outcomes`, outcomeCorrection)).body.followUp.checkpoints;
    expect(checkpoints[0]).toMatchObject({ months: 3, dueOn: expect.any(String), state: 'recorded', outcome: { ...outcomeCorrection, recordedByName: 'Dra. presenter' } });
    expect(checkpoints.slice(1).map((checkpoint: { outcome: unknown }) => checkpoint.outcome)).toEqual([null, null]);

    const history = await server.services.audit.history('follow_up', id);
    expect(history.map((entry) => ({ action: entry.action, actorId: String(entry.actorId), changes: entry.changes }))).toEqual([
      { action: 'record', actorId: accounts.presenter.id, changes: { followThrough: { ...first, reason: '' } } },
      { action: 'correct', actorId: accounts.coordinator.id, changes: { followThrough: correction } },
      { action: 'record', actorId: accounts.presenter.id, changes: { outcome } },
      { action: 'correct', actorId: accounts.presenter.id, changes: { outcome: outcomeCorrection } },
    ]);
  });

  it('asks nothing after a death: a later checkpoint is refused, the death’s own may be corrected', async () => {
    const { id } = await meridaCase(200);
    await as('presenter')('PUT', `/cases/${id}/follow-up/outcomes`, { months: 6, course: 'relapse', assessedOn: day(-15) });
    // Alive at six months: a death at three is refused.
    expect((await as('presenter')('PUT', `/cases/${id}/follow-up/outcomes`, death(3, 100))).status).toBe(409);
    expect((await as('presenter')('PUT', `/cases/${id}/follow-up/outcomes`, death(6, 10))).status).toBe(200);
    expect(await as('presenter')('PUT', `/cases/${id}/follow-up/outcomes`, { months: 12, course: 'remission', assessedOn: day(-1) })).toMatchObject({
      status: 409,
      body: { error: { code: 'conflict' } },
    });
    const corrected = await as('presenter')('PUT', `/cases/${id}/follow-up/outcomes`, { ...death(6, 12), causeOfDeath: 'Hemorragia intracraneal' });
    expect(corrected.status).toBe(200);
    expect(corrected.body.followUp.checkpoints.map((checkpoint: { state: string }) => checkpoint.state)).toEqual(['overdue', 'recorded', 'not_needed']);
    expect(corrected.body.followUp.checkpoints[1].outcome).toMatchObject({ course: 'deceased', diedOn: day(-12), causeOfDeath: 'Hemorragia intracraneal' });
    // A checkpoint before the death is still asked for, and may be recorded.
    expect((await as('presenter')('PUT', `/cases/${id}/follow-up/outcomes`, { months: 3, course: 'in_treatment', assessedOn: day(-100) })).status).toBe(200);
  });

  it('refuses an edit when another was saved since it read the follow-up, instead of overwriting it', async () => {
    const { id } = await meridaCase(60);
    const presenter: Actor = { ...accounts.presenter, roles: ['presenter'], specialty: '' };
    let meddle = async (): Promise<unknown> => undefined;
    // The follow-ups as the service sees them: another editor saves right after each reading.
    const followUps = new Proxy(db.models.followUps, {
      get(target, property) {
        if (property === 'findById') {
          return (...args: Parameters<typeof target.findById>) => ({
            lean: async () => {
              const read = await target.findById(...args).lean();
              await meddle();
              return read;
            },
          });
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const service = new FollowUpService({ ...db.models, followUps }, server.services.sessions, server.services.audit);
    const theirs = { status: 'carried_out', reason: '', decidedOn: day(-50), recordedBy: accounts.coordinator.id, recordedAt: new Date() };
    meddle = async () =>
      (await db.models.followUps.exists({ _id: id }))
        ? db.models.followUps.updateOne({ _id: id }, { $set: { followThrough: theirs }, $inc: { version: 1 } })
        : db.models.followUps.create({ _id: id, followThrough: theirs, outcomes: [], version: 1 });
    const mine = { status: 'not_carried_out', reason: 'Sin cama en la unidad de trasplante', decidedOn: day(-49) } as const;
    await expect(service.recordFollowThrough(presenter, id, mine)).rejects.toMatchObject({ code: 'conflict' });
    expect((await followUpOf(id)).followThrough).toMatchObject({ status: 'carried_out', decidedOn: day(-50) });
    // A correction of a stored record, too.
    await expect(service.recordOutcome(presenter, id, { months: 3, course: 'remission', assessedOn: day(-1), diedOn: '', causeOfDeath: '', notes: '' })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect((await followUpOf(id)).checkpoints[0].outcome).toBeNull();
    expect(await server.services.audit.history('follow_up', id)).toEqual([]);
    meddle = async () => undefined;
    expect((await service.recordFollowThrough(presenter, id, mine)).followThrough).toMatchObject(mine);
  });
});

describe('follow-ups asked for now', () => {
  const now = new Date('2026-06-15T18:00:00Z');
  const expected = { presenter: [] as string[], coordinator: [] as string[] };
  beforeAll(async () => {
    await Promise.all([db.models.recommendations.deleteMany({}), db.models.followUps.deleteMany({})]);
    /** A case whose recommendation was confirmed at noon in Mexico City on `confirmedOn`, with what was recorded of it. */
    const confirmed = async (code: string, centerId: string, confirmedOn: string, recorded: { followThrough?: boolean; outcomes?: [number, string][] } = {}) => {
      const id = await createCaseIn(db, heldSession, { centerId, createdBy: accounts.coordinator.id, caseCode: code });
      await db.models.recommendations.create({
        _id: id,
        sessionId: heldSession,
        caseId: id,
        text: 'Continuar el protocolo',
        status: 'confirmed',
        version: 2,
        proposedBy: accounts.coordinator.id,
        confirmedAt: new Date(`${confirmedOn}T18:00:00Z`),
      });
      const by = { recordedBy: accounts.presenter.id, recordedAt: now };
      await db.models.followUps.create({
        _id: id,
        followThrough: recorded.followThrough ? { status: 'carried_out', decidedOn: confirmedOn, ...by } : null,
        outcomes: (recorded.outcomes ?? []).map(([months, course]) => ({
          months,
          course,
          assessedOn: '2026-06-01',
          ...(course === 'deceased' ? { diedOn: '2026-05-30', causeOfDeath: 'Choque séptico' } : {}),
          ...by,
        })),
        version: 1,
      });
      return code;
    };
    const m1 = await confirmed('YUC-2026-301', merida, '2026-06-10'); // follow-through due until 10 July
    const m2 = await confirmed('YUC-2026-302', merida, '2026-04-01'); // follow-through overdue since 2 May
    const m3 = await confirmed('YUC-2026-303', merida, '2026-03-01', { followThrough: true }); // 3 months due on 1 June
    const m4 = await confirmed('YUC-2026-304', merida, '2025-10-01', { followThrough: true }); // 3 and 6 months overdue
    await confirmed('YUC-2026-305', merida, '2026-03-01', { followThrough: true, outcomes: [[3, 'remission']] }); // nothing asked for
    await confirmed('YUC-2026-306', merida, '2025-06-01', { followThrough: true, outcomes: [[3, 'deceased']] }); // nothing after the death
    await confirmed('YUC-2026-307', merida, '2026-03-05', { followThrough: true }); // 3 months on 5 June: upcoming until 22 May, due now
    await confirmed('YUC-2026-308', merida, '2026-04-05', { followThrough: true }); // 3 months on 5 July: reminded from 21 June
    const s1 = await confirmed('SON-2026-301', sonora, '2026-05-20'); // follow-through due until 19 June
    expected.presenter = [m4, m2, m3, 'YUC-2026-307', m1];
    expected.coordinator = [m4, m2, m3, 'YUC-2026-307', s1, m1];
  });

  const dueFor = async (who: 'presenter' | 'sonoraPresenter' | 'coordinator') => {
    const actor: Actor = { ...accounts[who], roles: [who === 'coordinator' ? 'coordinator' : 'presenter'], specialty: '' };
    const service = new FollowUpService(db.models, server.services.sessions, server.services.audit, () => now);
    return (await service.due(actor)).map((followUp) => followUp.caseCode);
  };

  it('lists a presenter their centre’s, overdue first, then by the day each was due', async () => {
    expect(await dueFor('presenter')).toEqual(expected.presenter);
    expect(await dueFor('sonoraPresenter')).toEqual(['SON-2026-301']);
  });

  it('lists a coordinator the whole network’s', async () => {
    expect(await dueFor('coordinator')).toEqual(expected.coordinator);
  });

  it('is for presenters and coordinators only, through the API', async () => {
    expect((await as('expert')('GET', '/follow-up/due')).status).toBe(403);
    const listed = await as('presenter')('GET', '/follow-up/due');
    expect(listed.status).toBe(200);
    // Read today, not on the day above: more is asked for by now, but only of Mérida.
    expect(new Set(listed.body.cases.map((followUp: { centerId: string }) => followUp.centerId))).toEqual(new Set([merida]));
    expect(listed.body.cases.map((followUp: { caseCode: string }) => followUp.caseCode)).toEqual(expect.arrayContaining(expected.presenter));
  });
});

describe('a death put on a later session’s agenda for review', () => {
  let upcoming: string;
  beforeAll(async () => {
    upcoming = await scheduleThroughApi(server.url, cookies.coordinator, { title: 'Leucemias', hostCenterId: host, invitedCenterIds: [merida] });
  });

  const review = (caseId: string, sessionId: string, who: Who = 'presenter') => as(who)('POST', `/cases/${caseId}/follow-up/mortality-review`, { sessionId });

  it('adds the death after the agenda’s items, bumping the session’s version, once', async () => {
    const { id, code } = await meridaCase(120);
    await as('presenter')('PUT', `/cases/${id}/follow-up/outcomes`, death(3, 20));
    const before = (await as('presenter')('GET', `/sessions/${upcoming}`)).body.session;

    const reviewed = await review(id, upcoming);
    expect(reviewed.status).toBe(200);
    const after = (await as('presenter')('GET', `/sessions/${upcoming}`)).body.session;
    expect(after.version).toBe(before.version + 1);
    const item = after.agenda.at(-1);
    expect(item).toMatchObject({ kind: 'mortality_review', title: `Revisión de defunción: ${code}`, durationMinutes: 10, caseId: id });
    expect(after.agenda.slice(0, -1)).toEqual(before.agenda);
    const minutesBefore = before.agenda.reduce((sum: number, agendaItem: { durationMinutes: number }) => sum + agendaItem.durationMinutes, 0);
    expect(Date.parse(item.startsAt)).toBe(Date.parse(after.startsAt) + minutesBefore * 60_000);
    expect(reviewed.body.followUp.mortalityReview).toEqual({
      sessionId: upcoming,
      sessionNumber: after.number,
      sessionTitle: 'Leucemias',
      startsAt: after.startsAt,
      agendaItemId: item.id,
    });
    expect((await server.services.audit.history('follow_up', id)).map((entry) => entry.action)).toEqual(['record', 'review_death']);
    expect((await server.services.audit.history('session', upcoming)).at(-1)).toMatchObject({ action: 'update_agenda', actorId: expect.anything() });

    // Once: neither again, nor the death corrected away while it waits for its review.
    expect(await review(id, upcoming)).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });
    expect((await as('presenter')('PUT', `/cases/${id}/follow-up/outcomes`, { months: 3, course: 'relapse', assessedOn: day(-1) })).status).toBe(409);
    expect((await as('presenter')('GET', `/sessions/${upcoming}`)).body.session.agenda).toHaveLength(after.agenda.length);

    // A coordinator's later edit of the agenda keeps the item, and the case it is about.
    const kept = after.agenda.map(({ id: itemId, kind, title, durationMinutes, caseId }: Record<string, unknown>) => ({
      id: itemId,
      kind,
      title,
      durationMinutes,
      ...(caseId ? { caseId } : {}),
    }));
    const edited = await as('coordinator')('PUT', `/sessions/${upcoming}/agenda`, { version: after.version, agenda: kept });
    expect(edited.status).toBe(200);
    expect(edited.body.session.agenda.at(-1)).toMatchObject({ kind: 'mortality_review', caseId: id });
  });

  it('refuses a patient without a recorded death, and sessions that are not a later case review the presenter sees', async () => {
    const alive = await meridaCase(120);
    await as('presenter')('PUT', `/cases/${alive.id}/follow-up/outcomes`, { months: 3, course: 'relapse', assessedOn: day(-1) });
    expect(await review(alive.id, upcoming)).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });
    expect(await review((await meridaCase('none')).id, upcoming)).toMatchObject({ status: 409 });

    const { id } = await meridaCase(120);
    await as('presenter')('PUT', `/cases/${id}/follow-up/outcomes`, death(3, 20));
    const started = await createSessionSoon(db, { hostCenterId: host, invitedCenterIds: [merida], createdBy: accounts.coordinator.id, startsInMinutes: -5 });
    const training = await createSessionSoon(db, {
      hostCenterId: host,
      invitedCenterIds: [merida],
      createdBy: accounts.coordinator.id,
      startsInMinutes: 3 * 24 * 60,
      kind: 'training',
    });
    const cancelled = await createSessionSoon(db, { hostCenterId: host, invitedCenterIds: [merida], createdBy: accounts.coordinator.id, startsInMinutes: 3 * 24 * 60 });
    await db.models.sessions.updateOne({ _id: cancelled }, { $set: { status: 'cancelled', cancelReason: 'Sin quórum' } });
    for (const [sessionId, what] of [
      [started, 'started'],
      [heldSession, 'its own'],
      [training, 'a training'],
      [cancelled, 'cancelled'],
    ] as const) {
      expect(await review(id, sessionId), what).toMatchObject({ status: 400, body: { error: { code: 'invalid_input', field: 'sessionId' } } });
    }
    // Were a case's board to confirm before its session's start, that session still could not review its death.
    const early = await meridaCase(2, upcoming);
    await as('presenter')('PUT', `/cases/${early.id}/follow-up/outcomes`, death(3, 1));
    expect(await review(early.id, upcoming)).toMatchObject({ status: 400, body: { error: { field: 'sessionId', message: expect.stringContaining('later session') } } });

    const elsewhere = await createSessionSoon(db, { hostCenterId: sonora, invitedCenterIds: [host], createdBy: accounts.coordinator.id, startsInMinutes: 3 * 24 * 60 });
    expect((await review(id, elsewhere)).status).toBe(403);
    expect((await review(id, upcoming, 'expert')).status).toBe(403);
    expect((await review(id, upcoming, 'sonoraPresenter')).status).toBe(403);
    // A full session's agenda has no room: nothing is claimed, so another session may take it.
    const full = await createSessionSoon(db, {
      hostCenterId: host,
      invitedCenterIds: [merida],
      createdBy: accounts.coordinator.id,
      startsInMinutes: 3 * 24 * 60,
      durationMinutes: 15,
    });
    await db.models.sessions.updateOne({ _id: full }, { $set: { agenda: [{ id: crypto.randomUUID(), kind: 'other', title: 'Bienvenida', durationMinutes: 15 }] } });
    expect(await review(id, full)).toMatchObject({ status: 400, body: { error: { field: 'agenda' } } });
    expect((await followUpOf(id)).mortalityReview).toBeNull();
    for (const sessionId of [started, training, cancelled, full]) {
      expect(
        (await db.models.sessions.findById(sessionId).lean())!.agenda.some((item) => item.kind === 'mortality_review'),
        sessionId,
      ).toBe(false);
    }
    expect((await review(id, upcoming, 'coordinator')).status).toBe(200);
  });
});
