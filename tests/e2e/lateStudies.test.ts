import { readFile } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { DEFAULT_TIME_ZONE } from '../../shared/mexico';
import { calendarDayOf, utcToZonedWallTime } from '../../shared/time';
import { createAccount, TEST_PASSWORD, type TestAccount } from '../support/accounts';
import { closeParticipants, enterSessionRoom, launchBrowser, openParticipant, signInThroughPage } from '../support/browser';
import { createCaseIn, createSessionSoon } from '../support/sessions';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

let db: Database;
let server: TestServer;
let browser: Browser;
let sessionId: string;
/** The case with late studies, and one whose studies are sent during the test. */
let lateCaseId: string;
let freshCaseId: string;
const people: Record<'coordinator' | 'presenter', TestAccount> = {} as never;
const LABORATORY = 'Centro de Investigación Biomédica de Oriente';
/** Outside the repository: screenshots are looked at, not kept. */
const shots = mkdtempSync(path.join(tmpdir(), 'oncoboard-late-studies-'));
const HOUR_MS = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR_MS);
/** What a date-time field shows for `hours` ago, on Mexico City's clock. */
const hoursAgo = (hours: number) => utcToZonedWallTime(ago(hours), DEFAULT_TIME_ZONE);
const DESK = { width: 1366, height: 768 };
const PHONE = { width: 360, height: 740 };

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  browser = await launchBrowser();
  const [host, merida, laboratory] = await db.models.centers.create([
    { code: 'HIMFG', name: 'Hospital Infantil de México', state: 'CDMX', kind: 'hospital' },
    { code: 'OC-YUC', name: 'OncoCREAN Yucatán', state: 'YUC', kind: 'oncocrean' },
    { code: 'CIB-PUE', name: LABORATORY, state: 'PUE', kind: 'laboratory' },
  ]);
  people.coordinator = await createAccount(db, ['coordinator'], String(host!._id), 'Dra. Hernández');
  people.presenter = await createAccount(db, ['presenter'], String(merida!._id), 'Dra. Canul');
  sessionId = await createSessionSoon(db, {
    hostCenterId: String(host!._id),
    invitedCenterIds: [String(merida!._id)],
    createdBy: people.coordinator.id,
    startsInMinutes: 3 * 24 * 60,
  });
  const presented = { centerId: String(merida!._id), createdBy: people.presenter.id };
  lateCaseId = await createCaseIn(db, sessionId, { ...presented, caseCode: 'YUC-2026-031' });
  freshCaseId = await createCaseIn(db, sessionId, { ...presented, caseCode: 'YUC-2026-032' });
  await db.models.sessions.updateOne(
    { _id: sessionId },
    {
      agenda: [
        { id: 'item-late', kind: 'case', title: 'Caso YUC-2026-031', durationMinutes: 20, caseId: lateCaseId },
        { id: 'item-fresh', kind: 'case', title: 'Caso YUC-2026-032', durationMinutes: 20, caseId: freshCaseId },
      ],
    },
  );
  // An immunohistochemistry received 28½ hours ago (due 4½ hours ago), and an immunophenotype sent three days ago the laboratory has not received.
  const study = { caseId: lateCaseId, caseCode: 'YUC-2026-031', sessionId, sendingCenterId: merida!._id, laboratoryId: laboratory!._id, sentBy: people.presenter.id };
  await db.models.studies.create([
    { ...study, type: 'immunohistochemistry', turnaround: { amount: 24, unit: 'hours' }, sentAt: ago(30), receivedAt: ago(28.5), receivedBy: people.presenter.id },
    { ...study, type: 'immunophenotype', turnaround: { amount: 5, unit: 'days' }, sentAt: ago(72) },
  ]);
});
afterEach(() => closeParticipants(browser));
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (db) await dropTestDatabase(db);
  console.info(`late study screenshots in ${shots}`);
});

/** Shown on a small phone with nothing to scroll sideways (measured as tests/e2e/responsive.test.ts does). */
async function expectFitsPhone(page: Page, name: string): Promise<void> {
  await page.setViewportSize(PHONE);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const widths = await page.evaluate(() => ({ page: document.scrollingElement!.scrollWidth, window: innerWidth }));
  expect(widths.page, name).toBeLessThanOrEqual(widths.window);
  await page.screenshot({ path: path.join(shots, `${name}-360.png`), fullPage: true });
  await page.setViewportSize(DESK);
}

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

/** The case page's study cards, oldest sent first as the server lists them. */
const cardsOf = (page: Page) => page.getByTestId('studies-panel').getByTestId('study');

/** Records a study's receipt `hours` ago and its result now, through the card's forms. */
async function receiveAndResult(card: ReturnType<Page['getByTestId']>, hours: number): Promise<void> {
  await card.getByRole('button', { name: 'Registrar recepción' }).click();
  await card.getByLabel('Recibido el').fill(hoursAgo(hours));
  await card.getByRole('button', { name: 'Registrar recepción' }).click();
  await card.getByRole('button', { name: 'Registrar resultado' }).click();
  await card.getByRole('button', { name: 'Registrar resultado' }).click();
}

describe('late laboratory studies where people look, in Chromium', () => {
  it('lists the late studies in words on the coordinator’s home page and marks the case on the session’s agenda', async () => {
    const page = await openParticipant(browser, server.url);
    await page.setViewportSize(DESK);
    await signInThroughPage(page, people.coordinator.email, TEST_PASSWORD);
    const late = page.getByTestId('study-attention');
    await late.getByRole('heading', { name: 'Estudios fuera de plazo o sin recibir' }).waitFor();
    const overdue = late.getByTestId('late-study').filter({ hasText: 'Inmunohistoquímica' });
    await expect.poll(() => overdue.textContent()).toBe(`YUC-2026-031Inmunohistoquímica${LABORATORY}vencido hace 5 h`);
    expect(await overdue.locator('.ask').getAttribute('class')).toContain('tone-overdue');
    expect(await late.getByTestId('late-study').filter({ hasText: 'Inmunofenotipo' }).textContent()).toContain('enviado hace 3 días, sin recepción en el laboratorio');
    await expectFitsPhone(page, 'home');
    await overdue.getByRole('link', { name: 'YUC-2026-031' }).click();
    await page.waitForURL(`**/casos/${lateCaseId}`);

    await page.goto(`${server.url}/sesiones/${sessionId}`);
    const item = page.getByTestId('agenda-item').filter({ has: page.getByTestId('pending-results') });
    await expect.poll(() => item.getByTestId('pending-results').textContent()).toBe('Resultados pendientes: IHQ (vencido), inmunofenotipo (sin recepción)');
    expect(await page.getByTestId('agenda-item').count()).toBe(2);
    expect(await page.getByTestId('case-link').filter({ hasText: 'YUC-2026-031' }).getByTestId('pending-results').textContent()).toContain('IHQ (vencido)');
    expect(await page.getByTestId('case-link').filter({ hasText: 'YUC-2026-032' }).getByTestId('pending-results').count()).toBe(0);
    await expectFitsPhone(page, 'session');

    // In the live room, the case under discussion shows its late studies beside its opinions.
    const room = await enterSessionRoom(browser, `${server.url}/sesiones/${sessionId}/sala`, people.coordinator);
    await room.getByRole('tab', { name: 'Opiniones' }).click();
    await room.getByLabel('Caso en discusión').selectOption({ label: 'YUC-2026-031 · LLA en recaída' });
    await expect
      .poll(async () => (await room.getByTestId('case-late-studies').locator('li').allTextContents()).map((line) => line.trim()))
      .toEqual(['Inmunohistoquímica: vencido hace 5 h', 'Inmunofenotipo: enviado hace 3 días, sin recepción en el laboratorio']);
    // And the room's agenda marks the case as the session page does.
    await room.getByRole('tab', { name: 'Orden del día' }).click();
    const roomItem = room.getByTestId('room-agenda-item').filter({ has: room.getByTestId('pending-results') });
    await expect.poll(() => roomItem.getByTestId('pending-results').textContent()).toBe('Resultados pendientes: IHQ (vencido), inmunofenotipo (sin recepción)');
  });

  it('keeps the turnaround a study was sent with when the coordinator changes it, and reports the laboratory against it', async () => {
    // Sent before the change: 24 hours.
    const presenter = await openParticipant(browser, `${server.url}/casos/${freshCaseId}`);
    await presenter.setViewportSize(DESK);
    await signInThroughPage(presenter, people.presenter.email, TEST_PASSWORD);
    const panel = presenter.getByTestId('studies-panel');
    async function send(sentAt: string): Promise<void> {
      await panel.getByLabel('Laboratorio').selectOption({ label: LABORATORY });
      await panel.getByLabel('Enviado el').fill(sentAt);
      await panel.getByRole('button', { name: 'Registrar envío' }).click();
    }
    await send(hoursAgo(5));
    await expect.poll(() => cardsOf(presenter).first().getByTestId('study-clock').textContent()).toContain('el compromiso de 24 h cuenta desde');

    // The coordinator changes the immunohistochemistry to 48 hours; a wrong amount is refused beside its field first.
    const coordinator = await openParticipant(browser, `${server.url}/compromisos`);
    await coordinator.setViewportSize(DESK);
    await signInThroughPage(coordinator, people.coordinator.email, TEST_PASSWORD);
    const settings = coordinator.getByTestId('turnaround-settings');
    await settings.getByRole('heading', { name: 'Tiempos de respuesta de laboratorio' }).waitFor();
    expect(await settings.getByTestId('turnarounds-in-force').textContent()).toContain('Inmunohistoquímica24 h');
    await settings.getByLabel('Inmunohistoquímica', { exact: true }).fill('0');
    await settings.getByRole('button', { name: 'Aplicar los tiempos desde hoy' }).click();
    await settings.getByRole('alert').filter({ hasText: 'Inmunohistoquímica: un número entero de 1 a 720 horas o de 1 a 90 días.' }).waitFor();
    await settings.getByLabel('Inmunohistoquímica', { exact: true }).fill('48');
    await settings.getByRole('button', { name: 'Aplicar los tiempos desde hoy' }).click();
    await settings.getByRole('status').filter({ hasText: 'Guardado' }).waitFor();
    expect(await settings.getByTestId('turnarounds-in-force').textContent()).toContain('Inmunohistoquímica48 h');
    const latest = settings.getByTestId('turnarounds-history').locator('tbody tr').first();
    expect(await latest.textContent()).toContain('48 h');
    expect(await latest.textContent()).toContain('Dra. Hernández');
    await expectFitsPhone(coordinator, 'commitments');

    // Sent after the change, on today's Mexico City day (whose rule it takes: 4 hours ago may still
    // be yesterday in the small hours): 48 hours; the earlier one keeps its 24.
    await presenter.reload();
    const todayBegan = `${calendarDayOf(new Date())}T00:00`;
    await send([hoursAgo(4), todayBegan].sort().at(-1)!);
    await expect.poll(() => cardsOf(presenter).first().getByTestId('study-clock').textContent()).toContain('el compromiso de 48 h cuenta desde');
    await presenter.reload();
    const [before, after] = [cardsOf(presenter).nth(0), cardsOf(presenter).nth(1)];
    await receiveAndResult(after, 0);
    await expect.poll(() => after.getByTestId('study-clock').textContent()).toMatch(/^Inmunohistoquímica: entregado en .+, dentro del compromiso de 48 h$/);

    // A receipt recorded wrong is corrected until the result is in.
    const firstReceipt = hoursAgo(1);
    await before.getByRole('button', { name: 'Registrar recepción' }).click();
    await before.getByLabel('Recibido el').fill(firstReceipt);
    await before.getByRole('button', { name: 'Registrar recepción' }).click();
    await expect.poll(() => before.getByTestId('study-clock').textContent()).toMatch(/^Inmunohistoquímica: quedan 22 h \(vence /);
    await before.getByRole('button', { name: 'Corregir la recepción' }).click();
    expect(await before.getByLabel('Recibido el').inputValue()).toBe(firstReceipt);
    await before.getByLabel('Recibido el').fill(hoursAgo(3));
    await before.getByRole('button', { name: 'Corregir la recepción' }).click();
    await expect.poll(() => before.getByTestId('study-clock').textContent()).toMatch(/^Inmunohistoquímica: quedan 20 h \(vence /);
    await before.getByRole('button', { name: 'Registrar resultado' }).click();
    await before.getByRole('button', { name: 'Registrar resultado' }).click();
    await expect.poll(() => before.getByTestId('study-clock').textContent()).toBe('Inmunohistoquímica: entregado en 3 h, dentro del compromiso de 24 h');
    expect(await before.getByRole('button', { name: 'Corregir la recepción' }).count()).toBe(0);

    // A case whose samples are at a laboratory is not withdrawn, and the page says why.
    presenter.once('dialog', (dialog) => void dialog.accept());
    await presenter.getByRole('button', { name: 'Eliminar caso' }).click();
    await presenter.getByRole('alert').filter({ hasText: 'Este caso tiene estudios de laboratorio enviados; no se puede retirar.' }).waitFor();
    expect(await db.models.cases.countDocuments({ _id: freshCaseId })).toBe(1);

    // The report: three immunohistochemistries received (two within their commitments, one overdue), and the inmunophenotype not received is not counted.
    await coordinator.goto(`${server.url}/reportes`);
    const report = coordinator.getByTestId('laboratory-report');
    await report.getByRole('heading', { name: 'Laboratorios de referencia' }).waitFor();
    const rows = report
      .getByTestId('laboratory-table-immunohistochemistry')
      .locator('tbody tr')
      .evaluateAll((cells) => cells.map((row) => [...row.children].map((cell) => cell.textContent.trim())));
    const ihc = await db.models.studies.find({ type: 'immunohistochemistry', receivedAt: { $ne: null } }).lean();
    const within = ihc.filter((study) => study.resultedAt && study.resultedAt.getTime() - study.receivedAt!.getTime() <= study.turnaround.amount * HOUR_MS);
    expect([ihc.length, within.length]).toEqual([3, 2]);
    const [laboratoryRow, networkRow] = await rows;
    expect(laboratoryRow!.slice(0, 3)).toEqual([LABORATORY, '3', '2']);
    expect(laboratoryRow!.slice(5)).toEqual(['2 (100 %)', '1', '1']);
    expect(networkRow![0]).toBe('Toda la red');
    expect(await chartValues(coordinator, 'chart-laboratory-within-immunohistochemistry')).toEqual({ 'Dentro del compromiso': [100] });
    expect(await report.getByTestId('laboratory-type-immunophenotype').count()).toBe(0);
    const [csv] = await Promise.all([coordinator.waitForEvent('download'), report.getByRole('link', { name: 'Exportar laboratorios (CSV)' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    expect(await readFile(await csv.path(), 'utf8')).toContain(LABORATORY);
    await expectFitsPhone(coordinator, 'reports');
  });
});
