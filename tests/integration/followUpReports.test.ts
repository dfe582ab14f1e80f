import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { apiClient, createAccount, signIn } from '../support/accounts';
import { createCaseIn, createSessionSoon } from '../support/sessions';
import { csvRows, reportOf, mexicoDay, mexicoDayFromToday, namedCenters } from '../support/reports';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

/**
 * The follow-up report's figures recomputed here from the stored recommendations and follow-ups
 * with deliberately plain loops (Intl for Mexico City's day, no helper of the app), then compared
 * with the API, its CSV and a few figures worked out by hand.
 */
let db: Database;
let server: TestServer;
let coordinatorCookie: string;
let asCoordinator: ReturnType<typeof apiClient>;
const day = mexicoDayFromToday;
/** Midnight starting a Mexico City day, as an instant: Mexico City keeps UTC−6 all year since 2022. */
const midnightOf = (calendarDay: string) => new Date(`${calendarDay}T06:00:00Z`);

const from = day(-200);
const to = day(-2);
let center: Awaited<ReturnType<typeof namedCenters>>;
const statuses = ['carried_out', 'carried_out_with_changes', 'not_carried_out'] as const;
const courses = ['in_treatment', 'remission', 'relapse', 'deceased'] as const;
const checkpoints = [3, 6, 12] as const;

type Recorded = { followThrough?: (typeof statuses)[number]; outcomes?: [number, (typeof courses)[number]][]; reviewed?: boolean; proposed?: boolean };

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  center = await namedCenters(db);
  const coordinator = await createAccount(db, ['coordinator'], center.angeles);
  coordinatorCookie = await signIn(server.url, coordinator.email);
  asCoordinator = apiClient(server.url, coordinatorCookie);
  const session = await createSessionSoon(db, { hostCenterId: center.angeles, createdBy: coordinator.id, startsInMinutes: -300 * 24 * 60 });
  const review = await createSessionSoon(db, { hostCenterId: center.angeles, createdBy: coordinator.id, startsInMinutes: 3 * 24 * 60 });

  let codes = 0;
  /** A case of `centerId` whose recommendation was confirmed at `confirmedAt`, with what was recorded of it (nothing: no follow-up stored). */
  const confirmed = async (centerId: string, confirmedAt: Date, recorded: Recorded = {}) => {
    codes += 1;
    const id = await createCaseIn(db, session, { centerId, createdBy: coordinator.id, caseCode: `CHH-2026-${String(codes).padStart(3, '0')}` });
    await db.models.recommendations.create({
      _id: id,
      sessionId: session,
      caseId: id,
      text: 'Continuar el protocolo',
      status: recorded.proposed ? 'proposed' : 'confirmed',
      version: 2,
      proposedBy: coordinator.id,
      ...(recorded.proposed ? {} : { confirmedAt }),
    });
    if (!recorded.followThrough && !recorded.outcomes) return;
    const by = { recordedBy: coordinator.id, recordedAt: new Date() };
    await db.models.followUps.create({
      _id: id,
      followThrough: recorded.followThrough ? { status: recorded.followThrough, reason: 'Motivo registrado', decidedOn: day(-1), ...by } : null,
      outcomes: (recorded.outcomes ?? []).map(([months, course]) => ({
        months,
        course,
        assessedOn: day(-1),
        ...(course === 'deceased' ? { diedOn: day(-3), causeOfDeath: 'Choque séptico' } : {}),
        ...by,
      })),
      mortalityReview: recorded.reviewed ? { sessionId: review, agendaItemId: crypto.randomUUID(), requestedBy: coordinator.id, requestedAt: new Date() } : null,
      version: 1,
    });
  };
  const inRange = (offset: number) => new Date(midnightOf(day(offset)).getTime() + 15 * 3_600_000);

  // Ángeles: carried out, with changes, not carried out; outcomes at every checkpoint; a death reviewed, one not.
  await confirmed(center.angeles, inRange(-190), {
    followThrough: 'carried_out',
    outcomes: [
      [3, 'in_treatment'],
      [6, 'remission'],
      [12, 'remission'],
    ],
  });
  await confirmed(center.angeles, inRange(-150), {
    followThrough: 'carried_out_with_changes',
    outcomes: [
      [3, 'relapse'],
      [6, 'deceased'],
    ],
    reviewed: true,
  });
  await confirmed(center.angeles, inRange(-100), { followThrough: 'not_carried_out', outcomes: [[3, 'deceased']] });
  await confirmed(center.angeles, inRange(-20));
  // The range's first instant (Mexico City midnight) counts; the one before does not.
  await confirmed(center.angeles, midnightOf(from), { followThrough: 'carried_out' });
  await confirmed(center.angeles, new Date(midnightOf(from).getTime() - 1), { followThrough: 'carried_out', outcomes: [[3, 'deceased']] });
  // Infantil: outcomes without a follow-through; the range's last instant counts, the next midnight does not.
  await confirmed(center.infantil, inRange(-120), {
    outcomes: [
      [3, 'remission'],
      [6, 'relapse'],
    ],
  });
  await confirmed(center.infantil, new Date(midnightOf(day(-1)).getTime() - 1), { followThrough: 'carried_out_with_changes' });
  await confirmed(center.infantil, midnightOf(day(-1)), { followThrough: 'not_carried_out' });
  // Oncocrean: only a proposal in the range; Mérida: confirmed before the range.
  await confirmed(center.oncocrean, inRange(-50), { proposed: true });
  await confirmed(center.elsewhere, inRange(-250), { followThrough: 'carried_out', outcomes: [[3, 'deceased']] });
});
afterAll(async () => {
  await server?.close();
  if (db) await dropTestDatabase(db);
});

interface Figures {
  confirmed: number;
  recorded: number;
  byStatus: Record<string, number>;
  outcomes: Record<string, { recorded: number; byCourse: Record<string, number> }>;
  deaths: number;
  reviewedDeaths: number;
}

/** The report as the stored documents say it should read, worked out without the app's code. */
async function expectedReport(centerId?: string) {
  const [recommendations, cases, followUps, centers] = await Promise.all([
    db.models.recommendations.find().lean(),
    db.models.cases.find().lean(),
    db.models.followUps.find().lean(),
    db.models.centers.find().lean(),
  ]);
  const counted: { centerId: string; followUp: (typeof followUps)[number] | undefined }[] = [];
  for (const recommendation of recommendations) {
    if (recommendation.status !== 'confirmed' || !recommendation.confirmedAt) continue;
    const confirmedOn = mexicoDay(recommendation.confirmedAt);
    if (confirmedOn < from || confirmedOn > to) continue;
    const presented = cases.find((candidate) => String(candidate._id) === String(recommendation._id))!;
    if (centerId && String(presented.centerId) !== centerId) continue;
    counted.push({ centerId: String(presented.centerId), followUp: followUps.find((candidate) => String(candidate._id) === String(recommendation._id)) });
  }
  const figures = (mine: typeof counted): Figures => {
    const result: Figures = { confirmed: 0, recorded: 0, byStatus: {}, outcomes: {}, deaths: 0, reviewedDeaths: 0 };
    for (const status of statuses) result.byStatus[status] = 0;
    for (const months of checkpoints) {
      result.outcomes[months] = { recorded: 0, byCourse: {} };
      for (const course of courses) result.outcomes[months].byCourse[course] = 0;
    }
    for (const { followUp } of mine) {
      result.confirmed += 1;
      if (followUp?.followThrough) {
        result.recorded += 1;
        result.byStatus[followUp.followThrough.status]! += 1;
      }
      let died = false;
      for (const outcome of followUp?.outcomes ?? []) {
        result.outcomes[outcome.months]!.recorded += 1;
        result.outcomes[outcome.months]!.byCourse[outcome.course]! += 1;
        if (outcome.course === 'deceased') died = true;
      }
      if (died) result.deaths += 1;
      if (died && followUp?.mortalityReview) result.reviewedDeaths += 1;
    }
    return result;
  };
  return reportOf({ from, to, centerId }, counted, centers, figures);
}

const downloadCsv = (query: string) => fetch(`${server.url}/api/reports/follow-up.csv?${query}`, { headers: { cookie: coordinatorCookie } });

/** The rows a report's JSON says the CSV should have. */
function rowsOf(report: Awaited<ReturnType<typeof expectedReport>>, totalName: string): string[][] {
  const cells = (name: string, of: Figures) => {
    const carried = of.byStatus.carried_out! + of.byStatus.carried_out_with_changes!;
    return [
      name,
      of.confirmed,
      of.recorded,
      ...statuses.map((status) => of.byStatus[status]),
      of.recorded ? Math.round((100 * carried) / of.recorded) : '',
      ...checkpoints.flatMap((months) => [of.outcomes[months]!.recorded, ...courses.map((course) => of.outcomes[months]!.byCourse[course])]),
      of.deaths,
      of.reviewedDeaths,
    ].map(String);
  };
  return [...report.centers.map((row) => cells(row.centerName, row)), cells(totalName, report.network)];
}

describe('the follow-up report', () => {
  it('equals what the stored follow-ups say, for recommendations confirmed on a Mexico City day of the range', async () => {
    const { status, body } = await asCoordinator('GET', `/reports/follow-up?from=${from}&to=${to}`);
    expect(status).toBe(200);
    const expected = await expectedReport();
    expect(body.report).toEqual(expected);
    // Worked out by hand from the cases above, so the data reaches every rule.
    expect(expected.centers.map((row) => [row.centerId, row.centerName, row.confirmed])).toEqual([
      [center.angeles, 'Ángeles de Chihuahua', 5],
      [center.infantil, 'Hospital Infantil de Sonora', 2],
    ]);
    expect(expected.network).toMatchObject({
      confirmed: 7,
      recorded: 5,
      byStatus: { carried_out: 2, carried_out_with_changes: 2, not_carried_out: 1 },
      deaths: 2,
      reviewedDeaths: 1,
    });
    expect(expected.network.outcomes).toEqual({
      3: { recorded: 4, byCourse: { in_treatment: 1, remission: 1, relapse: 1, deceased: 1 } },
      6: { recorded: 3, byCourse: { in_treatment: 0, remission: 1, relapse: 1, deceased: 1 } },
      12: { recorded: 1, byCourse: { in_treatment: 0, remission: 1, relapse: 0, deceased: 0 } },
    });
  });

  it('moves with the range’s edges at Mexico City midnight', async () => {
    const confirmedIn = async (first: string, last: string) => (await asCoordinator('GET', `/reports/follow-up?from=${first}&to=${last}`)).body.report.network.confirmed;
    // The last day of the range holds the one confirmed a millisecond before midnight, not the one at midnight.
    expect(await confirmedIn(day(-2), day(-2))).toBe(1);
    expect(await confirmedIn(day(-1), day(-1))).toBe(1);
    // The first day holds the one confirmed at its midnight; the day before, the one a millisecond earlier.
    expect(await confirmedIn(from, from)).toBe(1);
    expect(await confirmedIn(day(-201), day(-201))).toBe(1);
  });

  it('narrows to the referring centre with centerId', async () => {
    const { body } = await asCoordinator('GET', `/reports/follow-up?from=${from}&to=${to}&centerId=${center.infantil}`);
    const expected = await expectedReport(center.infantil);
    expect(body.report).toEqual(expected);
    expect(expected.centers.map((row) => row.centerId)).toEqual([center.infantil]);
    const { centerId: _id, centerName: _name, ...figures } = expected.centers[0]!;
    expect(expected.network).toEqual(figures);
    const none = await asCoordinator('GET', `/reports/follow-up?from=${from}&to=${to}&centerId=${center.oncocrean}`);
    expect(none.body.report).toMatchObject({ centers: [], network: { confirmed: 0, recorded: 0, deaths: 0 } });
  });

  it('downloads the same figures as CSV, a row per centre and the network’s last', async () => {
    const response = await downloadCsv(`from=${from}&to=${to}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(decodeURIComponent(response.headers.get('content-disposition')!)).toContain(`Seguimiento de recomendaciones ${from} a ${to}.csv`);
    const [header, ...rows] = await csvRows(response);
    expect(header).toEqual([
      'Centro',
      'Recomendaciones confirmadas',
      'Con seguimiento registrado',
      'Llevada a cabo',
      'Llevada a cabo con cambios',
      'No llevada a cabo',
      '% llevadas a cabo',
      ...checkpoints.flatMap((months) => [
        `Evolución a ${months} meses registrada`,
        `En tratamiento a ${months} meses`,
        `En remisión a ${months} meses`,
        `Recaída a ${months} meses`,
        `Defunción a ${months} meses`,
      ]),
      'Defunciones',
      'Defunciones revisadas en sesión',
    ]);
    const { body } = await asCoordinator('GET', `/reports/follow-up?from=${from}&to=${to}`);
    expect(rows).toEqual(rowsOf(body.report, 'Toda la red'));
    expect(rows.at(-1)!.slice(0, 7)).toEqual(['Toda la red', '7', '5', '2', '2', '1', '80']);

    const one = await downloadCsv(`from=${from}&to=${to}&centerId=${center.infantil}`);
    expect(decodeURIComponent(one.headers.get('content-disposition')!)).toContain(`Seguimiento de recomendaciones Hospital Infantil de Sonora ${from} a ${to}.csv`);
    expect((await csvRows(one)).slice(1)).toEqual(rowsOf(await expectedReport(center.infantil), 'Total'));
  });

  it('refuses a range that is not one, naming the field, and anyone signed out', async () => {
    for (const path of ['/reports/follow-up', '/reports/follow-up.csv']) {
      expect(await asCoordinator('GET', `${path}?from=${to}&to=${from}`), path).toMatchObject({ status: 400, body: { error: { code: 'invalid_input', field: 'from' } } });
      expect(await asCoordinator('GET', `${path}?from=${from}&to=${to}&centerId=nope`), path).toMatchObject({ status: 400, body: { error: { field: 'centerId' } } });
      expect((await apiClient(server.url)('GET', `${path}?from=${from}&to=${to}`)).status, path).toBe(401);
    }
  });
});
