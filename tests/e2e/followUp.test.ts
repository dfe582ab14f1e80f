import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { FOLLOW_THROUGH_DUE_DAYS } from '../../shared/followUp';
import { addDays, daysBetween } from '../../shared/pathway';
import { calendarDayOf } from '../../shared/time';
import { createAccount, TEST_PASSWORD, type TestAccount } from '../support/accounts';
import { closeParticipants, launchBrowser, openParticipant, signInThroughPage } from '../support/browser';
import { createCaseIn, createSessionSoon } from '../support/sessions';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

const DAY_MS = 86_400_000;
/** The board confirmed the recommendation 85 days ago: its follow-through is overdue, its 3-month course asked for. */
const CONFIRMED_DAYS_AGO = 85;
const CODE = 'YUC-2026-031';
let db: Database;
let server: TestServer;
let browser: Browser;
let caseId: string;
let reviewSessionId: string;
const people: Record<'coordinator' | 'presenter', TestAccount> = {} as never;
const today = calendarDayOf(new Date());
const confirmedOn = calendarDayOf(new Date(Date.now() - CONFIRMED_DAYS_AGO * DAY_MS));
const shortDate = (day: string) => new Intl.DateTimeFormat('es-MX', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
const followThroughLate = daysBetween(addDays(confirmedOn, FOLLOW_THROUGH_DUE_DAYS), today);
/** Outside the repository: screenshots are looked at, not kept. */
const shots = mkdtempSync(path.join(tmpdir(), 'oncoboard-follow-up-'));

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  browser = await launchBrowser();
  const [host, merida] = await db.models.centers.create([
    { code: 'HIMFG', name: 'Hospital Infantil de México', state: 'CDMX', kind: 'hospital' },
    { code: 'OC-YUC', name: 'OncoCREAN Yucatán', state: 'YUC', kind: 'oncocrean' },
  ]);
  people.coordinator = await createAccount(db, ['coordinator'], String(host!._id), 'Dra. Hernández');
  people.presenter = await createAccount(db, ['presenter'], String(merida!._id), 'Dr. Canul');
  const invited = { hostCenterId: String(host!._id), invitedCenterIds: [String(merida!._id)], createdBy: people.coordinator.id };
  const heldId = await createSessionSoon(db, { ...invited, startsInMinutes: -CONFIRMED_DAYS_AGO * 24 * 60 - 60 });
  await db.models.sessions.updateOne({ _id: heldId }, { $set: { status: 'ended', endedAt: new Date(Date.now() - CONFIRMED_DAYS_AGO * DAY_MS + 30 * 60_000) } });
  caseId = await createCaseIn(db, heldId, { centerId: String(merida!._id), createdBy: people.presenter.id, caseCode: CODE });
  await db.models.recommendations.create({
    _id: caseId,
    sessionId: heldId,
    caseId,
    text: 'Iniciar protocolo de rescate con blinatumomab.',
    status: 'confirmed',
    proposedBy: people.coordinator.id,
    confirmedBy: people.coordinator.id,
    confirmedAt: new Date(Date.now() - CONFIRMED_DAYS_AGO * DAY_MS),
  });
  // The next case session, five days ahead: where a death goes for review.
  reviewSessionId = await createSessionSoon(db, { ...invited, startsInMinutes: 5 * 24 * 60, title: 'Revisión de casos de diciembre' });
});
afterEach(() => closeParticipants(browser));
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (db) await dropTestDatabase(db);
  console.info(`follow-up screenshots in ${shots}`);
});

const DESK = { width: 1366, height: 768 };
const PHONE = { width: 360, height: 740 };

/** Shown on a small phone with nothing to scroll sideways (measured as tests/e2e/responsive.test.ts does). */
async function expectFitsPhone(page: Page, name: string): Promise<void> {
  await page.setViewportSize(PHONE);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const widths = await page.evaluate(() => ({ page: document.scrollingElement!.scrollWidth, window: innerWidth }));
  expect(widths.page, name).toBeLessThanOrEqual(widths.window);
  await page.screenshot({ path: path.join(shots, `${name}-360.png`), fullPage: true });
  await page.setViewportSize(DESK);
}

const panel = (page: Page) => page.getByTestId('follow-up-panel');
const checkpoint = (page: Page, months: number) =>
  panel(page)
    .getByTestId('checkpoint')
    .filter({ hasText: `A los ${months} meses` });
const dueRow = (page: Page) => page.getByTestId('follow-up-due').filter({ hasText: CODE });

describe('what came of a recommendation, in Chromium', () => {
  it('is asked of the referring centre until recorded, a death goes to a later session for review, and the report counts it', async () => {
    const coordinator = await openParticipant(browser, server.url);
    await coordinator.setViewportSize(DESK);
    await signInThroughPage(coordinator, people.coordinator.email, TEST_PASSWORD);
    await dueRow(coordinator)
      .filter({ hasText: 'OncoCREAN Yucatán' })
      .filter({ hasText: `Realización de la recomendación: vencida hace ${followThroughLate} días` })
      .waitFor();
    await dueRow(coordinator).filter({ hasText: 'Evolución a 3 meses' }).waitFor();
    expect(await dueRow(coordinator).locator('.ask.tone-overdue').count()).toBe(1);
    await expectFitsPhone(coordinator, 'home');

    const presenter = await openParticipant(browser, `${server.url}/casos/${caseId}`);
    await presenter.setViewportSize(DESK);
    await signInThroughPage(presenter, people.presenter.email, TEST_PASSWORD);
    await panel(presenter).getByRole('heading', { name: 'Seguimiento de la recomendación' }).waitFor();
    await panel(presenter).getByText(`Confirmada el`).waitFor();
    const followThrough = panel(presenter).getByTestId('follow-through-state');
    await expect.poll(() => followThrough.textContent()).toContain(`Vencido hace ${followThroughLate} días`);

    // Not carried out without saying why: refused beside the reason, nothing kept.
    await panel(presenter).getByLabel('No realizada').check();
    await panel(presenter).getByRole('button', { name: 'Guardar la realización' }).click();
    await panel(presenter).getByRole('alert').filter({ hasText: 'Escriba el motivo (al menos 3 caracteres).' }).waitFor();
    expect(await panel(presenter).getByLabel('No realizada').isChecked()).toBe(true);
    await presenter.reload();
    await followThrough.waitFor();
    await expect.poll(() => followThrough.textContent()).toContain(`Vencido hace ${followThroughLate} días`);

    await panel(presenter).getByLabel('No realizada').check();
    await panel(presenter).getByLabel('Motivo', { exact: true }).fill('La familia decidió tratamiento paliativo en su estado.');
    await panel(presenter).getByLabel('Fecha', { exact: true }).fill(addDays(today, -10));
    await panel(presenter).getByRole('button', { name: 'Guardar la realización' }).click();
    await expect.poll(() => followThrough.textContent()).toContain(`No realizada el ${shortDate(addDays(today, -10))}`);
    await panel(presenter).getByTestId('follow-through-reason').getByText('La familia decidió tratamiento paliativo en su estado.').waitFor();

    // A death at three months, with its day and cause: the later checkpoints are no longer asked for.
    const outcome = panel(presenter).getByTestId('outcome-form');
    expect(await outcome.getByLabel('Momento').inputValue()).toBe('3');
    await outcome.getByLabel('Evolución', { exact: true }).selectOption({ label: 'Falleció' });
    await outcome.getByLabel('Fecha de la valoración').fill(addDays(today, -2));
    await outcome.getByLabel('Fecha de la defunción').fill(addDays(today, -3));
    await outcome.getByLabel('Causa de la defunción').fill('Choque séptico');
    await outcome.getByRole('button', { name: 'Guardar la evolución' }).click();
    await expect.poll(() => checkpoint(presenter, 3).textContent()).toContain(`Falleció el ${shortDate(addDays(today, -3))}: Choque séptico`);
    expect(await checkpoint(presenter, 6).textContent()).toContain('no aplica');
    expect(await checkpoint(presenter, 12).textContent()).toContain('no aplica');
    await presenter.screenshot({ path: path.join(shots, 'case-1366.png'), fullPage: true });
    await expectFitsPhone(presenter, 'case');

    // Taken to the next case session: the panel links to it, and its agenda names the case.
    await panel(presenter).getByRole('button', { name: 'Llevar a revisión de mortalidad' }).click();
    await panel(presenter).getByLabel('Sesión', { exact: true }).selectOption({ value: reviewSessionId });
    await panel(presenter).getByRole('button', { name: 'Agregar al orden del día' }).click();
    const onAgenda = panel(presenter)
      .getByTestId('mortality-review')
      .getByRole('link', { name: /En el orden del día de la sesión \d+ \(Revisión de casos de diciembre\)/ });
    await onAgenda.click();
    const reviewItem = presenter.getByTestId('agenda-item').filter({ hasText: 'Revisión de defunción' }).filter({ hasText: CODE });
    await reviewItem.waitFor();
    await reviewItem.getByRole('link').click();
    await presenter.waitForURL(`**/casos/${caseId}`);

    // Nothing more asked of the case: it leaves the coordinator's list.
    await coordinator.reload();
    await coordinator.getByText('No hay seguimiento de recomendaciones pendiente').waitFor();
    expect(await dueRow(coordinator).count()).toBe(0);

    // The report: not carried out, one death, reviewed; its CSV holds the centre's row.
    await coordinator.getByRole('link', { name: 'Informes' }).click();
    const report = coordinator.getByTestId('follow-up-report');
    await report.getByRole('heading', { name: 'Seguimiento de recomendaciones' }).waitFor();
    const rows = await report
      .getByTestId('follow-up-table')
      .locator('tbody tr')
      .evaluateAll((found) => found.map((row) => [...row.children].map((cell) => cell.textContent.trim())));
    expect(rows).toEqual([
      ['OncoCREAN Yucatán', '1', '1', '0 (0 %)', '0 (0 %)', '1 (100 %)', '1', '1'],
      ['Toda la red', '1', '1', '0 (0 %)', '0 (0 %)', '1 (100 %)', '1', '1'],
    ]);
    expect(
      await report
        .getByTestId('chart-carried-out')
        .locator('rect.bar')
        .evaluateAll((bars) => bars.map((bar) => bar.getAttribute('data-value'))),
    ).toEqual(['0']);
    expect(await report.getByTestId('follow-up-deaths').textContent()).toBe('Defunciones registradas: 1; llevadas a revisión de mortalidad: 1.');
    const [csv] = await Promise.all([coordinator.waitForEvent('download'), report.getByRole('link', { name: 'Exportar seguimiento (CSV)' }).click()]);
    const [from, to] = [await coordinator.getByLabel('Desde').inputValue(), await coordinator.getByLabel('Hasta').inputValue()];
    expect(csv.suggestedFilename()).toBe(`Seguimiento de recomendaciones ${from} a ${to}.csv`);
    // Confirmed, recorded; carried out, with changes, not carried out, % carried out; at 3 months one death; none later; deaths, reviewed.
    const counts = [1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 1, ...Array<number>(10).fill(0), 1, 1].join(',');
    expect((await readFile(await csv.path(), 'utf8')).split('\r\n')).toEqual(expect.arrayContaining([`OncoCREAN Yucatán,${counts}`, `Toda la red,${counts}`]));
    await coordinator.screenshot({ path: path.join(shots, 'reports-1366.png'), fullPage: true });
    await expectFitsPhone(coordinator, 'reports');
  });
});
