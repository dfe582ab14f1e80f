import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { apiClient, createAccount, createCenter, signIn } from '../support/accounts';
import { csvRows, mexicoDay } from '../support/reportChecks';
import { createCaseIn, createSessionSoon } from '../support/sessions';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

/**
 * The pathway report's figures recomputed here from the stored cases and rules with deliberately
 * plain code (no helper of the app: Intl for Mexico's day, Date.parse for day counts), then compared
 * with the API, its CSV and a few figures worked out by hand.
 */
let db: Database;
let server: TestServer;
let coordinatorCookie: string;
let asCoordinator: ReturnType<typeof apiClient>;
const DAY_MS = 86_400_000;
const today = mexicoDay(new Date());
/** The calendar day `offset` days from Mexico City's today. */
const day = (offset: number) => new Date(Date.parse(today) + offset * DAY_MS).toISOString().slice(0, 10);
const daysFrom = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / DAY_MS;

/** The range every test reads; the rule changes ten days ago, in the middle of it. */
const from = day(-30);
const to = day(-2);
const center = { angeles: '', infantil: '', oncocrean: '', elsewhere: '' };

type Dates = Partial<Record<'referredOn' | 'arrivedOn' | 'diagnosedOn' | 'treatmentStartedOn', number>>;

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  [center.angeles, center.infantil, center.oncocrean, center.elsewhere] = await Promise.all([createCenter(db), createCenter(db), createCenter(db), createCenter(db)]);
  // Names whose Spanish order differs from their code points' ("Á" after "Z" there).
  const names = { angeles: 'Ángeles de Chihuahua', infantil: 'Hospital Infantil de Sonora', oncocrean: 'Oncocrean Zacatecas', elsewhere: 'Centro Mérida' };
  for (const [key, name] of Object.entries(names)) await db.models.centers.updateOne({ _id: center[key as keyof typeof center] }, { $set: { name } });
  const coordinator = await createAccount(db, ['coordinator'], center.angeles);
  coordinatorCookie = await signIn(server.url, coordinator.email);
  asCoordinator = apiClient(server.url, coordinatorCookie);
  const session = await createSessionSoon(db, { hostCenterId: center.angeles, createdBy: coordinator.id, startsInMinutes: -60 });
  const earlierSession = await createSessionSoon(db, { hostCenterId: center.angeles, createdBy: coordinator.id, startsInMinutes: -3 * 24 * 60 });

  // From ten days ago: ten days to diagnosis, two to treatment. Clocks started before keep 7 and 3.
  await db.models.commitmentRules.create({ effectiveFrom: day(-10), diagnosisDays: 10, treatmentDays: 2, changedBy: coordinator.id, changedAt: new Date() });

  const patient = (centerId: string, caseCode: string, dates: Dates | 'none', presentedDaysAgo = 0) =>
    createCaseIn(db, presentedDaysAgo ? earlierSession : session, {
      centerId,
      createdBy: coordinator.id,
      caseCode,
      createdAt: new Date(Date.now() - presentedDaysAgo * DAY_MS),
      pathway: dates === 'none' ? {} : Object.fromEntries(Object.entries(dates).map(([milestone, daysAgo]) => [milestone, day(-daysAgo)])),
    });
  // Ángeles: diagnosis and treatment met; both missed; overdue for diagnosis; presented twice; referred a day before the range.
  await patient(center.angeles, 'CHH-01', { referredOn: 20, diagnosedOn: 15, treatmentStartedOn: 13 });
  await patient(center.angeles, 'CHH-02', { referredOn: 25, arrivedOn: 24, diagnosedOn: 12, treatmentStartedOn: 8 });
  await patient(center.angeles, 'CHH-03', { referredOn: 12 });
  await patient(center.angeles, 'CHH-04', { referredOn: 22 }, 3);
  await patient(center.angeles, 'CHH-04', { referredOn: 20, diagnosedOn: 14 });
  await patient(center.angeles, 'CHH-05', { referredOn: 31, diagnosedOn: 26, treatmentStartedOn: 25 });
  // Infantil: eight days to diagnosis under the new rule (met) and under the old one (missed); the new two days to treatment missed by one; waiting; referred after the range.
  await patient(center.infantil, 'SON-01', { referredOn: 9, diagnosedOn: 1 });
  await patient(center.infantil, 'SON-02', { referredOn: 20, diagnosedOn: 12 });
  await patient(center.infantil, 'SON-03', { referredOn: 11, diagnosedOn: 8, treatmentStartedOn: 5 });
  await patient(center.infantil, 'SON-04', { referredOn: 3 });
  await patient(center.infantil, 'SON-05', { referredOn: 1 });
  // Oncocrean: diagnosed, treatment due today; and cases with no date at all, one saved before the pathway was kept.
  await patient(center.oncocrean, 'ZAC-01', { referredOn: 6, diagnosedOn: 2 });
  await patient(center.oncocrean, 'ZAC-02', 'none');
  await db.models.cases.updateOne({ _id: await patient(center.oncocrean, 'ZAC-03', 'none') }, { $unset: { pathway: 1 } });
  // Mérida: all of it before the range, so it is not listed.
  await patient(center.elsewhere, 'YUC-01', { referredOn: 40, diagnosedOn: 35, treatmentStartedOn: 34 });
});
afterAll(async () => {
  await server?.close();
  if (db) await dropTestDatabase(db);
});

interface Figures {
  reached: number;
  medianDays: number | null;
  p90Days: number | null;
  withinCommitment: number;
  waiting: number;
  overdue: number;
}

/** The report as the stored documents say it should read, worked out without the app's code. */
async function expectedReport(centerId?: string) {
  const [cases, rules, centers] = await Promise.all([db.models.cases.find().lean(), db.models.commitmentRules.find().lean(), db.models.centers.find().lean()]);
  // Each patient (centre and case code) by their newest case with any date.
  const newest = new Map<string, (typeof cases)[number]>();
  for (const presented of cases) {
    const dates = presented.pathway;
    if (!dates || !(dates.referredOn || dates.arrivedOn || dates.diagnosedOn || dates.treatmentStartedOn)) continue;
    if (centerId && String(presented.centerId) !== centerId) continue;
    const key = `${presented.centerId}/${presented.caseCode}`;
    const known = newest.get(key) as { createdAt: Date } | undefined;
    if (!known || (presented as unknown as { createdAt: Date }).createdAt > known.createdAt) newest.set(key, presented);
  }
  const allowed = (startedOn: string, field: 'diagnosisDays' | 'treatmentDays') => {
    let days = field === 'diagnosisDays' ? 7 : 3;
    let since = '';
    for (const rule of rules) {
      if (rule.effectiveFrom <= startedOn && rule.effectiveFrom > since) {
        since = rule.effectiveFrom;
        days = rule[field];
      }
    }
    return days;
  };
  type Clock = { centerId: string; commitment: 'diagnosis' | 'treatment'; reachedIn: number | null; allowedDays: number; runningFor: number };
  const clocks: Clock[] = [];
  for (const presented of newest.values()) {
    const dates = presented.pathway;
    for (const [commitment, start, end, field] of [
      ['diagnosis', dates.referredOn, dates.diagnosedOn, 'diagnosisDays'],
      ['treatment', dates.diagnosedOn, dates.treatmentStartedOn, 'treatmentDays'],
    ] as const) {
      if (!start || start < from || start > to) continue;
      clocks.push({
        centerId: String(presented.centerId),
        commitment,
        reachedIn: end ? daysFrom(start, end) : null,
        allowedDays: allowed(start, field),
        runningFor: daysFrom(start, today),
      });
    }
  }
  const figures = (mine: Clock[]): Figures => {
    const days = mine.flatMap((clock) => (clock.reachedIn === null ? [] : [clock.reachedIn])).sort((a, b) => a - b);
    const half = Math.floor(days.length / 2);
    const running = mine.filter((clock) => clock.reachedIn === null);
    return {
      reached: days.length,
      medianDays: days.length === 0 ? null : days.length % 2 ? days[half]! : (days[half - 1]! + days[half]!) / 2,
      p90Days: days.length === 0 ? null : days[Math.ceil(days.length * 0.9) - 1]!,
      withinCommitment: mine.filter((clock) => clock.reachedIn !== null && clock.reachedIn <= clock.allowedDays).length,
      waiting: running.length,
      overdue: running.filter((clock) => clock.runningFor > clock.allowedDays).length,
    };
  };
  const both = (mine: Clock[]) => ({
    diagnosis: figures(mine.filter((clock) => clock.commitment === 'diagnosis')),
    treatment: figures(mine.filter((clock) => clock.commitment === 'treatment')),
  });
  return {
    from,
    to,
    centerId: centerId ?? null,
    network: both(clocks),
    centers: [...new Set(clocks.map((clock) => clock.centerId))]
      .map((id) => ({ centerId: id, centerName: centers.find((candidate) => String(candidate._id) === id)!.name, ...both(clocks.filter((clock) => clock.centerId === id)) }))
      .sort((a, b) => a.centerName.localeCompare(b.centerName, 'es')),
  };
}

const downloadCsv = (query: string) => fetch(`${server.url}/api/reports/pathway.csv?${query}`, { headers: { cookie: coordinatorCookie } });

/** The rows a report's JSON says the CSV should have. */
function rowsOf(report: Awaited<ReturnType<typeof expectedReport>>, totalName: string): string[][] {
  const label = { diagnosis: 'Diagnóstico', treatment: 'Tratamiento' } as const;
  const cells = (name: string, figures: Record<'diagnosis' | 'treatment', Figures>) =>
    (['diagnosis', 'treatment'] as const).map((commitment) => {
      const of = figures[commitment];
      const percent = of.reached ? Math.round((100 * of.withinCommitment) / of.reached) : null;
      return [name, label[commitment], of.reached, of.medianDays, of.p90Days, of.withinCommitment, percent, of.waiting, of.overdue].map((cell) =>
        cell === null ? '' : String(cell),
      );
    });
  return [...report.centers.flatMap((row) => cells(row.centerName, row)), ...cells(totalName, report.network)];
}

describe('the pathway report', () => {
  it('equals what the stored paths say, for the whole network, each patient once and each clock with the rule of its start', async () => {
    const { status, body } = await asCoordinator('GET', `/reports/pathway?from=${from}&to=${to}`);
    expect(status).toBe(200);
    const expected = await expectedReport();
    expect(body.report).toEqual(expected);
    // Worked out by hand from the patients above, so the data is known to reach every rule.
    expect(expected.network).toEqual({
      diagnosis: { reached: 7, medianDays: 6, p90Days: 13, withinCommitment: 5, waiting: 2, overdue: 1 },
      treatment: { reached: 4, medianDays: 2.5, p90Days: 4, withinCommitment: 2, waiting: 3, overdue: 2 },
    });
    expect(expected.centers.map((row) => [row.centerId, row.centerName])).toEqual([
      [center.angeles, 'Ángeles de Chihuahua'],
      [center.infantil, 'Hospital Infantil de Sonora'],
      [center.oncocrean, 'Oncocrean Zacatecas'],
    ]);
    // CHH-04 by its newer case: diagnosed within 6 days, treatment overdue; the older one (referred 22 days ago, never diagnosed) does not count.
    expect(expected.centers[0]!.diagnosis).toEqual({ reached: 3, medianDays: 6, p90Days: 13, withinCommitment: 2, waiting: 1, overdue: 1 });
    // SON-01 met ten days under the new rule; SON-02 missed seven under the old one, both in eight days.
    expect(expected.centers[1]!.diagnosis).toEqual({ reached: 3, medianDays: 8, p90Days: 8, withinCommitment: 2, waiting: 1, overdue: 0 });
    expect(expected.centers[1]!.treatment).toEqual({ reached: 1, medianDays: 3, p90Days: 3, withinCommitment: 0, waiting: 1, overdue: 1 });
  });

  it('narrows to one centre with centerId', async () => {
    const { status, body } = await asCoordinator('GET', `/reports/pathway?from=${from}&to=${to}&centerId=${center.infantil}`);
    expect(status).toBe(200);
    const expected = await expectedReport(center.infantil);
    expect(body.report).toEqual(expected);
    expect(expected.centers.map((row) => row.centerId)).toEqual([center.infantil]);
    expect(expected.network).toEqual({ diagnosis: expected.centers[0]!.diagnosis, treatment: expected.centers[0]!.treatment });
    const elsewhere = await asCoordinator('GET', `/reports/pathway?from=${from}&to=${to}&centerId=${center.elsewhere}`);
    expect(elsewhere.body.report).toMatchObject({ centers: [], network: { diagnosis: { reached: 0, medianDays: null, p90Days: null, waiting: 0 } } });
  });

  it('downloads the same figures as CSV, a row per centre and commitment and the network’s last', async () => {
    const response = await downloadCsv(`from=${from}&to=${to}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(decodeURIComponent(response.headers.get('content-disposition')!)).toContain(`Compromisos con las familias ${from} a ${to}.csv`);
    const [header, ...rows] = await csvRows(response);
    expect(header).toEqual([
      'Centro',
      'Compromiso',
      'Alcanzados',
      'Mediana de días',
      'Percentil 90 de días',
      'Dentro del compromiso',
      '% dentro del compromiso',
      'En espera',
      'Vencidos',
    ]);
    const { body } = await asCoordinator('GET', `/reports/pathway?from=${from}&to=${to}`);
    expect(rows).toEqual(rowsOf(body.report, 'Toda la red'));
    expect(rows.at(-1)).toEqual(['Toda la red', 'Tratamiento', '4', '2.5', '4', '2', '50', '3', '2']);

    const one = await downloadCsv(`from=${from}&to=${to}&centerId=${center.infantil}`);
    expect(decodeURIComponent(one.headers.get('content-disposition')!)).toContain(`Compromisos con las familias Hospital Infantil de Sonora ${from} a ${to}.csv`);
    expect((await csvRows(one)).slice(1)).toEqual(rowsOf(await expectedReport(center.infantil), 'Total'));
  });

  it('refuses a range that is not one, naming the field, and anyone signed out', async () => {
    for (const path of ['/reports/pathway', '/reports/pathway.csv']) {
      expect(await asCoordinator('GET', `${path}?from=${to}&to=${from}`), path).toMatchObject({ status: 400, body: { error: { code: 'invalid_input', field: 'from' } } });
      expect(await asCoordinator('GET', `${path}?from=${from}&to=2026-02-30`), path).toMatchObject({ status: 400, body: { error: { field: 'to' } } });
      expect(await asCoordinator('GET', `${path}?from=${from}&to=${to}&centerId=nope`), path).toMatchObject({ status: 400, body: { error: { field: 'centerId' } } });
      expect((await apiClient(server.url)('GET', `${path}?from=${from}&to=${to}`)).status, path).toBe(401);
    }
  });
});
