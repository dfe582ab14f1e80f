import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { DEMO_PASSWORD, seedDemoData } from '../../server/db/seed/demoData';
import { commitments } from '../../shared/pathway';
import type { LaboratoryReportDto } from '../../shared/laboratoryReports';
import { withinCommitmentPercent, type PathwayReportDto } from '../../shared/pathwayReports';
import type { ReportDto } from '../../shared/reports';
import { heldStatuses } from '../../shared/sessions';
import { apiClient, signIn } from '../support/accounts';
import { mexicoDay } from '../support/reports';
import { closeParticipants, launchBrowser, openParticipant, signInThroughPage } from '../support/browser';
import { pdfPages } from '../support/pdfText';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

const COORDINATOR = 'coordinacion@oncoboard.mx';
let db: Database;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  db = await openTestDatabase();
  await seedDemoData(db.models);
  server = await startTestServer(db);
  browser = await launchBrowser();
});
afterEach(() => closeParticipants(browser));
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (db) await dropTestDatabase(db);
});

/** The values a chart draws, per series, in category order. */
async function chartValues(page: Page, testid: string): Promise<Record<string, number[]>> {
  return page
    .getByTestId(testid)
    .locator('rect.bar')
    .evaluateAll((bars) => {
      const values: Record<string, number[]> = {};
      for (const bar of bars) (values[bar.getAttribute('data-series')!] ??= []).push(Number(bar.getAttribute('data-value')));
      return values;
    });
}

describe('reports and certificates in Chromium', () => {
  it('draws the report charts from the seeded data', async () => {
    const page = await openParticipant(browser, `${server.url}/reportes`);
    await signInThroughPage(page, COORDINATOR, DEMO_PASSWORD);
    await page.getByRole('heading', { name: 'Informes de la red' }).waitFor();
    await page.getByTestId('chart-sessions').waitFor();
    const from = await page.getByLabel('Desde').inputValue();
    const to = await page.getByLabel('Hasta').inputValue();
    const asCoordinator = apiClient(server.url, await signIn(server.url, COORDINATOR, DEMO_PASSWORD));
    const { report } = (await asCoordinator('GET', `/reports?from=${from}&to=${to}`)).body as { report: ReportDto };

    // The demo also holds sessions of more than a year ago, before the page's default range.
    const held = (await db.models.sessions.find({ status: { $in: [...heldStatuses] } }).lean()).filter((session) => {
      const day = mexicoDay(session.startsAt);
      return day >= from && day <= to;
    });
    const heldCases = await db.models.cases.countDocuments({ sessionId: { $in: held.map((session) => session._id) } });
    const sessions = await chartValues(page, 'chart-sessions');
    expect(sessions['Revisión de casos']).toEqual(report.months.map((month) => month.case_review));
    expect(sessions['Capacitación']).toEqual(report.months.map((month) => month.training));
    expect(sessions['Conferencia magistral']).toEqual(report.months.map((month) => month.keynote));
    expect(sessions['Mesa de trabajo con familias']).toEqual(report.months.map((month) => month.working_group));
    expect(
      Object.values(sessions)
        .flat()
        .reduce((sum, value) => sum + value, 0),
    ).toBe(held.length);
    expect((await chartValues(page, 'chart-cases')).Casos!.reduce((sum, value) => sum + value, 0)).toBe(heldCases);
    expect(await chartValues(page, 'chart-attendance')).toEqual({
      Asistieron: report.attendanceByCenter.map((row) => row.attendances),
      Acreditados: report.attendanceByCenter.map((row) => row.credited),
    });
    expect(Object.values(await chartValues(page, 'chart-agreements'))[0]).toEqual([report.agreements.open, report.agreements.done, report.agreements.overdue]);
    expect((await chartValues(page, 'chart-turnaround')).Casos).toEqual(report.turnaround.buckets.map((entry) => entry.count));
    await page.getByTestId('chart-quorum').getByText(`${report.quorum.withQuorum} de ${report.quorum.confirmed} casos`).waitFor();
    expect(await page.getByTestId('total-sessions').locator('dd').textContent()).toBe(String(held.length));

    // The commitments to families: charts and tables draw the pathway report, whose CSV holds the same rows.
    const pathway = ((await asCoordinator('GET', `/reports/pathway?from=${from}&to=${to}`)).body as { report: PathwayReportDto }).report;
    const days = (value: number | null) => (value === null ? '—' : String(value));
    const tableRows = (commitment: string) =>
      page
        .getByTestId(`commitment-table-${commitment}`)
        .locator('tbody tr')
        .evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent.trim())));
    for (const commitment of commitments) {
      const charted = pathway.centers.filter((center) => center[commitment].reached > 0);
      expect(charted.length, commitment).toBeGreaterThan(0);
      expect(await chartValues(page, `chart-within-${commitment}`)).toEqual({ 'Dentro del compromiso': charted.map((center) => withinCommitmentPercent(center[commitment])) });
      expect(await chartValues(page, `chart-days-${commitment}`)).toEqual({
        Mediana: charted.map((center) => center[commitment].medianDays),
        'Percentil 90': charted.map((center) => center[commitment].p90Days),
      });
      expect(await tableRows(commitment)).toEqual(
        [...pathway.centers.map((center) => ({ name: center.centerName, of: center[commitment] })), { name: 'Toda la red', of: pathway.network[commitment] }].map(
          ({ name, of }) => [
            name,
            String(of.reached),
            days(of.medianDays),
            days(of.p90Days),
            of.reached ? `${of.withinCommitment} (${withinCommitmentPercent(of)} %)` : '—',
            String(of.waiting),
            String(of.overdue),
          ],
        ),
      );
    }
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Exportar compromisos (CSV)' }).click()]);
    expect(csv.suggestedFilename()).toBe(`Compromisos con las familias ${from} a ${to}.csv`);
    const lines = (await readFile(await csv.path(), 'utf8')).split('\r\n');
    expect(lines).toHaveLength(1 + 2 * (pathway.centers.length + 1) + 1);
    const network = pathway.network.diagnosis;
    expect(lines).toContain(
      [
        'Toda la red',
        'Diagnóstico',
        network.reached,
        network.medianDays,
        network.p90Days,
        network.withinCommitment,
        withinCommitmentPercent(network),
        network.waiting,
        network.overdue,
      ].join(','),
    );

    // The reference laboratories: per study type, charts and table draw the laboratory report, in hours for the immunohistochemistry and days (one decimal) for the rest.
    const laboratories = ((await asCoordinator('GET', `/reports/laboratories?from=${from}&to=${to}`)).body as { report: LaboratoryReportDto }).report;
    const receivedInRange = (await db.models.studies.find({ receivedAt: { $ne: null } }).lean()).filter((study) => {
      const day = mexicoDay(study.receivedAt!);
      return from <= day && day <= to;
    });
    const inHours = (value: number | null) => Math.round(value ?? 0);
    const inDays = (value: number | null) => Math.round(((value ?? 0) / 24) * 10) / 10;
    for (const [type, inUnit] of [
      ['immunohistochemistry', inHours],
      ['immunophenotype', inDays],
    ] as const) {
      const received = receivedInRange.filter((study) => study.type === type);
      expect(received.length, type).toBeGreaterThan(0);
      const table = page.getByTestId(`laboratory-table-${type}`);
      expect(await table.locator('tbody tr.total td').first().textContent()).toBe(String(received.length));
      const charted = laboratories.laboratories.filter((laboratory) => laboratory.byType[type].reached > 0);
      expect(await chartValues(page, `chart-laboratory-within-${type}`)).toEqual({
        'Dentro del compromiso': charted.map((laboratory) => withinCommitmentPercent(laboratory.byType[type])),
      });
      expect(await chartValues(page, `chart-laboratory-time-${type}`)).toEqual({
        Mediana: charted.map((laboratory) => inUnit(laboratory.byType[type].medianHours)),
        'Percentil 90': charted.map((laboratory) => inUnit(laboratory.byType[type].p90Hours)),
      });
    }
    const [laboratoryCsv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Exportar laboratorios (CSV)' }).click()]);
    expect(laboratoryCsv.suggestedFilename()).toMatch(/\.csv$/);
    const laboratoryLines = (await readFile(await laboratoryCsv.path(), 'utf8')).split('\r\n');
    for (const laboratory of laboratories.laboratories)
      expect(
        laboratoryLines.some((line) => line.includes(laboratory.laboratoryName)),
        laboratory.laboratoryName,
      ).toBe(true);

    // On a 360 px phone the tables scroll inside their box; the page does not.
    await page.setViewportSize({ width: 360, height: 740 });
    const table = page.getByTestId('commitment-table-diagnosis');
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await table.evaluate((box) => box.scrollWidth > box.clientWidth)).toBe(true);
    await page.setViewportSize({ width: 1280, height: 800 });

    // One centre: the attendance chart keeps only its bar.
    await page.getByLabel('Centro', { exact: true }).selectOption({ label: 'Hospital Infantil de México Federico Gómez' });
    await page.getByRole('button', { name: 'Actualizar' }).click();
    await expect.poll(async () => (await chartValues(page, 'chart-attendance')).Asistieron?.length).toBe(1);

    // A refused export says why on the page instead of saving an error as a file.
    await page.getByLabel('Desde').fill('2026-12-31');
    await page.getByLabel('Hasta').fill('2026-01-01');
    await page.getByRole('link', { name: 'Exportar asistencia (CSV)' }).click();
    await page.getByRole('alert').filter({ hasText: 'Revise las fechas' }).waitFor();
  });

  it('downloads a certificate whose code the public page verifies, and refuses a wrong code', async () => {
    const page = await openParticipant(browser, `${server.url}/constancias`);
    await signInThroughPage(page, 'asistente.slp@oncoboard.mx', DEMO_PASSWORD);
    const certificate = page.getByTestId('my-certificate').filter({ hasText: 'Hora dorada en neutropenia febril' });
    const [download] = await Promise.all([page.waitForEvent('download'), certificate.getByRole('link', { name: 'Descargar constancia' }).click()]);
    const [text] = await pdfPages(await readFile(await download.path()));
    const code = /Código de verificación: ([A-Z0-9-]{14})/.exec(text!)?.[1];
    expect(code).toBeDefined();
    expect(text).toContain('Dr. Ricardo Torres Zapata');

    const visitor = await openParticipant(browser, `${server.url}/verificar`);
    await visitor.getByLabel('Código de verificación').fill(code!.toLowerCase());
    await visitor.getByRole('button', { name: 'Verificar' }).click();
    const result = visitor.getByTestId('verify-result');
    await result.getByText('Constancia válida').waitFor();
    await result.getByText('Expedida a Dr. Ricardo Torres Zapata').waitFor();
    await result.getByText('«Capacitación: Hora dorada en neutropenia febril»', { exact: false }).waitFor();
    expect(await result.textContent()).not.toContain('Hospital Central');
    expect(visitor.url()).toBe(`${server.url}/verificar/${code}`);

    await visitor.getByLabel('Código de verificación').fill('ABCD-EFGH-JKMN');
    await visitor.getByRole('button', { name: 'Verificar' }).click();
    await visitor.getByTestId('verify-problem').filter({ hasText: 'No existe una constancia con ese código' }).waitFor();
    expect(await visitor.getByTestId('verify-result').count()).toBe(0);
  });

  it('lets the coordinator credit an attendance by hand, or add someone who never entered the room, with the reason shown', async () => {
    const training = await db.models.sessions.findOne({ kind: 'training', status: 'ended' }).sort({ startsAt: 1 }).lean();
    // It ran three minutes over: presence past the scheduled duration is explained, not a puzzle.
    const minutes = training!.durationMinutes;
    await db.models.sessions.updateOne({ _id: training!._id }, { $set: { endedAt: new Date(training!.startsAt.getTime() + (minutes + 3) * 60_000) } });
    const page = await openParticipant(browser, `${server.url}/sesiones/${training!._id}/asistencia`);
    await signInThroughPage(page, COORDINATOR, DEMO_PASSWORD);
    expect(await page.getByTestId('ran-over').textContent()).toContain(
      `La sesión se extendió 3 min sobre los ${minutes} programados: una presencia completa suma ${minutes + 3} minutos.`,
    );
    const uncredited = page
      .getByTestId('attendance-entry')
      .filter({ has: page.locator('.badge', { hasText: /^No$/ }) })
      .first();
    const name = (await uncredited.locator('td').first().textContent())!.trim();
    await uncredited.getByRole('button', { name: 'Corregir' }).click();
    await page.getByRole('button', { name: 'Guardar corrección' }).click();
    await page.getByText('Escriba el motivo (al menos 3 caracteres).').waitFor();
    await page.getByLabel('Motivo (queda en la bitácora)').fill('Presente en la sala de su hospital con otra cuenta');
    await page.getByRole('button', { name: 'Guardar corrección' }).click();
    await page.getByRole('status').filter({ hasText: 'Corrección guardada.' }).waitFor();
    const corrected = page.getByTestId('attendance-entry').filter({ hasText: name });
    await corrected.getByText('Corregido por Dra. Patricia Hernández Salgado: Presente en la sala de su hospital con otra cuenta').waitFor();
    expect(await corrected.locator('.badge').textContent()).toBe('Sí');
    await corrected.getByRole('link', { name: 'Constancia (PDF)' }).waitFor();

    // Someone who followed from a colleague's screen is added by hand, credited for the whole session.
    await page.getByRole('button', { name: 'Agregar a quien no entró a la sala' }).click();
    const person = await page.getByLabel('Persona').locator('option', { hasText: 'Dra. Elena Ramírez Villalobos' }).getAttribute('value');
    await page.getByLabel('Persona').selectOption(person);
    await page.getByLabel('Motivo (queda en la bitácora)').fill('Siguió la sesión desde la pantalla de un colega');
    await page.getByRole('button', { name: 'Guardar corrección' }).click();
    const added = page.getByTestId('attendance-entry').filter({ hasText: 'Dra. Elena Ramírez Villalobos' });
    await added.getByText('Siguió la sesión desde la pantalla de un colega', { exact: false }).waitFor();
    expect(await added.locator('td').nth(4).textContent()).toContain(String(training!.durationMinutes));
  });
});
