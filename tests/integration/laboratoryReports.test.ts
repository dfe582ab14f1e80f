import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import type { TurnaroundFigures } from '../../shared/laboratoryReports';
import { apiClient, createAccount, createCenter, signIn } from '../support/accounts';
import { csvRows, mexicoDay } from '../support/reportChecks';
import { createCaseIn, createSessionSoon } from '../support/sessions';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

/**
 * The laboratories' turnaround report recomputed here from the stored studies with deliberately
 * plain code (no helper of the app: Intl for Mexico's day, fixed UTC−6 offsets — Mexico City has
 * kept no daylight saving since 2022 — for its wall times), then compared with the API, its CSV and
 * a few figures worked out by hand.
 */
let db: Database;
let server: TestServer;
let coordinatorCookie: string;
let asCoordinator: ReturnType<typeof apiClient>;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const today = mexicoDay(new Date());
/** The calendar day `offset` days from Mexico City's today. */
const day = (offset: number) => new Date(Date.parse(today) + offset * DAY_MS).toISOString().slice(0, 10);
/** A wall time in Mexico City, `offset` days from today. */
const mexicoTime = (offset: number, time: string) => new Date(`${day(offset)}T${time}:00-06:00`);

const from = day(-30);
const to = day(-2);
const types = ['immunohistochemistry', 'immunophenotype', 'molecular', 'cytogenetics', 'other'] as const;
type Type = (typeof types)[number];
const center = { merida: '', oaxaca: '', oriente: '', angeles: '' };
const HOURS_24 = { amount: 24, unit: 'hours' } as const;

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  [center.merida, center.oaxaca, center.oriente, center.angeles] = await Promise.all([
    createCenter(db, 'YUC'),
    createCenter(db, 'OAX'),
    createCenter(db, 'PUE', 'laboratory'),
    createCenter(db, 'JAL', 'laboratory'),
  ]);
  // Names whose Spanish order differs from their code points' ("Á" after "Z" there).
  await db.models.centers.updateOne({ _id: center.oriente }, { $set: { name: 'Centro de Investigación Biomédica de Oriente' } });
  await db.models.centers.updateOne({ _id: center.angeles }, { $set: { name: 'Ángeles Patología' } });
  await db.models.centers.updateOne({ _id: center.oaxaca }, { $set: { name: 'Hospital de la Niñez Oaxaqueña' } });
  const coordinator = await createAccount(db, ['coordinator'], center.merida);
  coordinatorCookie = await signIn(server.url, coordinator.email);
  asCoordinator = apiClient(server.url, coordinatorCookie);
  const session = await createSessionSoon(db, { hostCenterId: center.merida, invitedCenterIds: [center.oaxaca], createdBy: coordinator.id, startsInMinutes: -60 * 24 * 40 });

  let codes = 0;
  const study = async (
    laboratory: 'oriente' | 'angeles',
    sender: 'merida' | 'oaxaca',
    type: Type,
    turnaround: { amount: number; unit: 'hours' | 'days' },
    receivedAt: Date | null,
    resultedAt: Date | null = null,
  ) => {
    codes += 1;
    const caseCode = `T-2026-${String(codes).padStart(3, '0')}`;
    const caseId = await createCaseIn(db, session, { centerId: center[sender], createdBy: coordinator.id, caseCode });
    await db.models.studies.create({
      caseId,
      caseCode,
      sessionId: session,
      sendingCenterId: center[sender],
      laboratoryId: center[laboratory],
      type,
      turnaround,
      sentAt: new Date((receivedAt ?? mexicoTime(-3, '10:00')).getTime() - 2 * HOUR_MS),
      sentBy: coordinator.id,
      receivedAt,
      resultedAt,
    });
  };
  const hoursAfter = (at: Date, hours: number) => new Date(at.getTime() + hours * HOUR_MS);
  // Immunohistochemistry: met in 20 h 20 min; missed in 30 h; met in 30 h under a 48-hour turnaround it was sent with.
  await study('oriente', 'merida', 'immunohistochemistry', HOURS_24, mexicoTime(-20, '10:00'), hoursAfter(mexicoTime(-20, '10:00'), 20 + 1 / 3));
  await study('oriente', 'oaxaca', 'immunohistochemistry', HOURS_24, mexicoTime(-20, '12:00'), hoursAfter(mexicoTime(-20, '12:00'), 30));
  await study('oriente', 'merida', 'immunohistochemistry', { amount: 48, unit: 'hours' }, mexicoTime(-10, '09:00'), hoursAfter(mexicoTime(-10, '09:00'), 30));
  // Immunophenotype received at 23:30 (already the next day in UTC), resulted on its fifth day after: met, 116.5 h.
  await study('oriente', 'merida', 'immunophenotype', { amount: 5, unit: 'days' }, mexicoTime(-15, '23:30'), mexicoTime(-10, '20:00'));
  // Immunophenotype waiting, due by the end of today; molecular ten days overdue.
  await study('oriente', 'oaxaca', 'immunophenotype', { amount: 5, unit: 'days' }, mexicoTime(-5, '08:00'));
  await study('oriente', 'merida', 'molecular', { amount: 10, unit: 'days' }, mexicoTime(-25, '10:00'));
  // At the other laboratory: cytogenetics in nine days; immunohistochemistry received at 23:30 on the range's last day.
  await study('angeles', 'oaxaca', 'cytogenetics', { amount: 14, unit: 'days' }, mexicoTime(-12, '10:00'), mexicoTime(-3, '10:00'));
  await study('angeles', 'merida', 'immunohistochemistry', HOURS_24, mexicoTime(-2, '23:30'), hoursAfter(mexicoTime(-2, '23:30'), 10));
  // Out of the range: ten minutes after it in Mexico City; half an hour before it (inside it by the UTC day); never received.
  await study('angeles', 'merida', 'immunohistochemistry', HOURS_24, mexicoTime(-1, '00:10'), hoursAfter(mexicoTime(-1, '00:10'), 2));
  await study('oriente', 'merida', 'immunohistochemistry', HOURS_24, mexicoTime(-31, '23:30'), hoursAfter(mexicoTime(-31, '23:30'), 50));
  await study('oriente', 'oaxaca', 'other', { amount: 10, unit: 'days' }, null);
});
afterAll(async () => {
  await server?.close();
  if (db) await dropTestDatabase(db);
});

/** The report as the stored studies say it should read, worked out without the app's code. */
async function expectedReport(centerId?: string) {
  const [studies, centers] = await Promise.all([db.models.studies.find().lean(), db.models.centers.find().lean()]);
  const now = Date.now();
  type Timed = { laboratoryId: string; type: Type; receivedAt: number; resultedAt: number | null; dueAt: number };
  const timed: Timed[] = [];
  for (const study of studies) {
    if (!study.receivedAt) continue;
    const receivedDay = mexicoDay(study.receivedAt);
    if (receivedDay < from || receivedDay > to) continue;
    if (centerId && String(study.sendingCenterId) !== centerId) continue;
    const { amount, unit } = study.turnaround;
    const receivedAt = study.receivedAt.getTime();
    // Hours on the clock; days up to Mexico City's midnight ending the receipt's day + amount.
    const dayAfterDue = new Date(Date.parse(receivedDay) + (amount + 1) * DAY_MS).toISOString().slice(0, 10);
    const dueAt = unit === 'hours' ? receivedAt + amount * HOUR_MS : Date.parse(`${dayAfterDue}T00:00:00-06:00`);
    timed.push({ laboratoryId: String(study.laboratoryId), type: study.type, receivedAt, resultedAt: study.resultedAt?.getTime() ?? null, dueAt });
  }
  const tenths = (value: number) => Math.round(value * 10) / 10;
  const figures = (mine: Timed[]): TurnaroundFigures => {
    const hours: number[] = [];
    let withinCommitment = 0;
    let overdue = 0;
    for (const study of mine) {
      if (study.resultedAt === null) {
        if (now > study.dueAt) overdue += 1;
        continue;
      }
      hours.push((study.resultedAt - study.receivedAt) / HOUR_MS);
      if (study.resultedAt <= study.dueAt) withinCommitment += 1;
    }
    hours.sort((a, b) => a - b);
    const half = Math.floor(hours.length / 2);
    return {
      received: mine.length,
      reached: hours.length,
      medianHours: hours.length === 0 ? null : tenths(hours.length % 2 ? hours[half]! : (hours[half - 1]! + hours[half]!) / 2),
      p90Hours: hours.length === 0 ? null : tenths(hours[Math.ceil(hours.length * 0.9) - 1]!),
      withinCommitment,
      waiting: mine.length - hours.length,
      overdue,
    };
  };
  const byType = (mine: Timed[]) => Object.fromEntries(types.map((type) => [type, figures(mine.filter((study) => study.type === type))]));
  return {
    from,
    to,
    centerId: centerId ?? null,
    network: byType(timed),
    laboratories: [...new Set(timed.map((study) => study.laboratoryId))]
      .map((id) => ({
        laboratoryId: id,
        laboratoryName: centers.find((candidate) => String(candidate._id) === id)!.name,
        byType: byType(timed.filter((study) => study.laboratoryId === id)),
      }))
      .sort((a, b) => a.laboratoryName.localeCompare(b.laboratoryName, 'es')),
  };
}

const none: TurnaroundFigures = { received: 0, reached: 0, medianHours: null, p90Hours: null, withinCommitment: 0, waiting: 0, overdue: 0 };

const downloadCsv = (query: string) => fetch(`${server.url}/api/reports/laboratories.csv?${query}`, { headers: { cookie: coordinatorCookie } });

/** The rows a report's JSON says the CSV should have. */
function rowsOf(report: Awaited<ReturnType<typeof expectedReport>>, totalName: string): string[][] {
  const label: Record<Type, string> = {
    immunohistochemistry: 'Inmunohistoquímica',
    immunophenotype: 'Inmunofenotipo',
    molecular: 'Biología molecular',
    cytogenetics: 'Citogenética',
    other: 'Otro',
  };
  const cells = (name: string, figures: Record<string, TurnaroundFigures>) =>
    types.map((type) => {
      const of = figures[type]!;
      const percent = of.reached ? Math.round((100 * of.withinCommitment) / of.reached) : null;
      return [name, label[type], of.received, of.reached, of.medianHours, of.p90Hours, of.withinCommitment, percent, of.waiting, of.overdue].map((cell) =>
        cell === null ? '' : String(cell),
      );
    });
  return [...report.laboratories.flatMap((row) => cells(row.laboratoryName, row.byType)), ...cells(totalName, report.network)];
}

describe('the laboratories’ turnaround report', () => {
  it('equals what the stored studies say, by laboratory and study type, counting receipts by their Mexico City day', async () => {
    const { status, body } = await asCoordinator('GET', `/reports/laboratories?from=${from}&to=${to}`);
    expect(status).toBe(200);
    const expected = await expectedReport();
    expect(body.report).toEqual(expected);
    // Worked out by hand from the studies above, so the data is known to reach every rule.
    expect(expected.network).toEqual({
      immunohistochemistry: { received: 4, reached: 4, medianHours: 25.2, p90Hours: 30, withinCommitment: 3, waiting: 0, overdue: 0 },
      immunophenotype: { received: 2, reached: 1, medianHours: 116.5, p90Hours: 116.5, withinCommitment: 1, waiting: 1, overdue: 0 },
      molecular: { received: 1, reached: 0, medianHours: null, p90Hours: null, withinCommitment: 0, waiting: 1, overdue: 1 },
      cytogenetics: { received: 1, reached: 1, medianHours: 216, p90Hours: 216, withinCommitment: 1, waiting: 0, overdue: 0 },
      other: none,
    });
    expect(expected.laboratories.map((row) => [row.laboratoryId, row.laboratoryName])).toEqual([
      [center.angeles, 'Ángeles Patología'],
      [center.oriente, 'Centro de Investigación Biomédica de Oriente'],
    ]);
    expect(expected.laboratories[0]!.byType.immunohistochemistry).toEqual({ received: 1, reached: 1, medianHours: 10, p90Hours: 10, withinCommitment: 1, waiting: 0, overdue: 0 });
    expect(expected.laboratories[1]!.byType.immunohistochemistry).toEqual({ received: 3, reached: 3, medianHours: 30, p90Hours: 30, withinCommitment: 2, waiting: 0, overdue: 0 });
  });

  it('narrows to the studies one centre sent with centerId', async () => {
    const { status, body } = await asCoordinator('GET', `/reports/laboratories?from=${from}&to=${to}&centerId=${center.oaxaca}`);
    expect(status).toBe(200);
    const expected = await expectedReport(center.oaxaca);
    expect(body.report).toEqual(expected);
    expect(expected.network).toMatchObject({
      immunohistochemistry: { received: 1, reached: 1, withinCommitment: 0 },
      immunophenotype: { received: 1, reached: 0, waiting: 1 },
      molecular: none,
      cytogenetics: { received: 1 },
    });
    const laboratory = await asCoordinator('GET', `/reports/laboratories?from=${from}&to=${to}&centerId=${center.oriente}`);
    expect(laboratory.body.report).toMatchObject({ laboratories: [], network: { immunohistochemistry: none, other: none } });
  });

  it('downloads the same figures as CSV, a row per laboratory and study type and the network’s last', async () => {
    const response = await downloadCsv(`from=${from}&to=${to}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(decodeURIComponent(response.headers.get('content-disposition')!)).toContain(`Tiempos de respuesta de laboratorio ${from} a ${to}.csv`);
    const [header, ...rows] = await csvRows(response);
    expect(header).toEqual([
      'Laboratorio',
      'Estudio',
      'Recibidos',
      'Con resultado',
      'Mediana de horas',
      'Percentil 90 de horas',
      'Dentro del compromiso',
      '% dentro del compromiso',
      'En espera',
      'Vencidos',
    ]);
    const { body } = await asCoordinator('GET', `/reports/laboratories?from=${from}&to=${to}`);
    expect(rows).toEqual(rowsOf(body.report, 'Toda la red'));
    expect(rows.slice(-5)[0]).toEqual(['Toda la red', 'Inmunohistoquímica', '4', '4', '25.2', '30', '3', '75', '0', '0']);

    const one = await downloadCsv(`from=${from}&to=${to}&centerId=${center.oaxaca}`);
    expect(decodeURIComponent(one.headers.get('content-disposition')!)).toContain(`Tiempos de respuesta de laboratorio Hospital de la Niñez Oaxaqueña ${from} a ${to}.csv`);
    expect((await csvRows(one)).slice(1)).toEqual(rowsOf(await expectedReport(center.oaxaca), 'Total'));
  });

  it('refuses a range that is not one, naming the field, anyone signed out, and a laboratory account', async () => {
    const laboratory = await createAccount(db, ['laboratory'], center.oriente);
    const asLaboratory = apiClient(server.url, await signIn(server.url, laboratory.email));
    for (const path of ['/reports/laboratories', '/reports/laboratories.csv']) {
      expect(await asCoordinator('GET', `${path}?from=${to}&to=${from}`), path).toMatchObject({ status: 400, body: { error: { code: 'invalid_input', field: 'from' } } });
      expect(await asCoordinator('GET', `${path}?from=${from}&to=2026-02-30`), path).toMatchObject({ status: 400, body: { error: { field: 'to' } } });
      expect(await asCoordinator('GET', `${path}?from=${from}&to=${to}&centerId=nope`), path).toMatchObject({ status: 400, body: { error: { field: 'centerId' } } });
      expect((await apiClient(server.url)('GET', `${path}?from=${from}&to=${to}`)).status, path).toBe(401);
      expect((await asLaboratory('GET', `${path}?from=${from}&to=${to}`)).status, path).toBe(403);
    }
  });
});
