import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { addDays } from '../../shared/pathway';
import { calendarDayOf } from '../../shared/time';
import { createAccount, TEST_PASSWORD, type TestAccount } from '../support/accounts';
import { closeParticipants, launchBrowser, openParticipant, signInThroughPage } from '../support/browser';
import { createCaseIn, createSessionSoon } from '../support/sessions';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

let db: Database;
let server: TestServer;
let browser: Browser;
let caseId: string;
const people: Record<'coordinator' | 'presenter', TestAccount> = {} as never;
const today = calendarDayOf(new Date());
const daysAgo = (days: number) => addDays(today, -days);
const inWords = (day: string) => new Intl.DateTimeFormat('es-MX', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
/** Outside the repository: screenshots are looked at, not kept. */
const shots = mkdtempSync(path.join(tmpdir(), 'oncoboard-pathway-'));

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
  // The board met two weeks ago: the case is closed to edits, its pathway is not.
  const sessionId = await createSessionSoon(db, {
    hostCenterId: String(host!._id),
    invitedCenterIds: [String(merida!._id)],
    createdBy: people.coordinator.id,
    startsInMinutes: -14 * 24 * 60,
  });
  await db.models.sessions.updateOne({ _id: sessionId }, { $set: { status: 'ended', endedAt: new Date(Date.now() - 14 * 86_400_000 + 90 * 60_000) } });
  caseId = await createCaseIn(db, sessionId, { centerId: String(merida!._id), createdBy: people.presenter.id, caseCode: 'YUC-2026-017' });
});
afterEach(() => closeParticipants(browser));
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (db) await dropTestDatabase(db);
  console.info(`pathway screenshots in ${shots}`);
});

const clock = (page: Page, commitment: 'Diagnóstico' | 'Tratamiento') => page.getByTestId('pathway-clock').filter({ hasText: commitment });
const dateField = (page: Page, label: string) => page.getByTestId('pathway-form').getByLabel(label, { exact: true });
const overdueByTwo = `Diagnóstico: vencido hace 2 días (vencía el ${inWords(daysAgo(2))})`;
const DESK = { width: 1366, height: 768 };
const PHONE = { width: 360, height: 740 };

/** Shown on a small phone with nothing to scroll sideways (measured as tests/e2e/responsive.test.ts does). */
async function expectFitsPhone(page: Page, name: string): Promise<void> {
  await page.setViewportSize(PHONE);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const widths = await page.evaluate(() => ({ page: document.scrollingElement!.scrollWidth, window: innerWidth }));
  expect(widths.page, name).toBeLessThanOrEqual(widths.window);
  await page.screenshot({ path: path.join(shots, `${name}-360.png`), fullPage: true });
}

describe('the patient’s clock in Chromium', () => {
  it('counts a patient late against the commitment of the day of referral, as the presenter records the dates and the coordinator changes the commitments', async () => {
    const presenter = await openParticipant(browser, `${server.url}/casos/${caseId}`);
    await presenter.setViewportSize(DESK);
    await signInThroughPage(presenter, people.presenter.email, TEST_PASSWORD);
    await presenter.getByRole('heading', { name: 'Ruta del paciente' }).waitFor();
    await presenter.getByText('Aún no hay fechas registradas.').waitFor();

    await dateField(presenter, 'Sospecha y referencia').fill(daysAgo(9));
    await dateField(presenter, 'Llegada al centro estatal de referencia').fill(daysAgo(8));
    await presenter.getByRole('button', { name: 'Guardar fechas' }).click();
    await presenter.getByRole('status').filter({ hasText: 'Guardado' }).waitFor();
    await expect.poll(() => clock(presenter, 'Diagnóstico').textContent()).toContain(overdueByTwo);
    expect(await presenter.getByTestId('pathway-mark-due-diagnosis').textContent()).toContain('Límite para el diagnóstico');

    // A diagnosis before the referral: refused next to its field, nothing kept.
    await dateField(presenter, 'Diagnóstico').fill(daysAgo(10));
    await presenter.getByRole('button', { name: 'Guardar fechas' }).click();
    const diagnosisField = presenter.getByTestId('pathway-form').locator('.field', { has: presenter.getByLabel('Diagnóstico', { exact: true }) });
    await diagnosisField.getByRole('alert').filter({ hasText: 'no futura ni anterior a la referencia' }).waitFor();
    await presenter.getByTestId('pathway-panel').screenshot({ path: path.join(shots, 'case-refused-1366.png') });
    await presenter.reload();
    await expect.poll(() => clock(presenter, 'Diagnóstico').textContent()).toContain(overdueByTwo);
    expect(await dateField(presenter, 'Sospecha y referencia').inputValue()).toBe(daysAgo(9));
    expect(await dateField(presenter, 'Diagnóstico').inputValue()).toBe('');

    // Across the page on a desk; on a small phone the marks stack down it.
    await presenter.screenshot({ path: path.join(shots, 'case-1366.png'), fullPage: true });
    expect(await presenter.getByTestId('pathway-timeline').getAttribute('class')).toContain('across');
    await expectFitsPhone(presenter, 'case');
    expect(await presenter.getByTestId('pathway-timeline').getAttribute('class')).toContain('down');

    const coordinator = await openParticipant(browser, server.url);
    await coordinator.setViewportSize(DESK);
    await signInThroughPage(coordinator, people.coordinator.email, TEST_PASSWORD);
    const late = coordinator.getByTestId('late-patient').filter({ hasText: 'YUC-2026-017' });
    await late.filter({ hasText: 'OncoCREAN Yucatán' }).filter({ hasText: 'Diagnóstico vencido hace 2 días' }).waitFor();
    await coordinator.screenshot({ path: path.join(shots, 'home-1366.png'), fullPage: true });

    await coordinator.getByRole('link', { name: 'Compromisos' }).click();
    await coordinator.getByText('Diagnóstico en 7 días desde la sospecha; tratamiento en 3 días más').waitFor();
    await coordinator.getByLabel('Días a diagnóstico').fill('10');
    await coordinator.getByRole('button', { name: 'Aplicar desde hoy' }).click();
    await coordinator.getByText('Diagnóstico en 10 días desde la sospecha; tratamiento en 3 días más').waitFor();
    const change = coordinator.getByTestId('commitments-history').locator('tbody tr').first();
    expect((await change.locator('td').allTextContents()).slice(0, 4)).toEqual([inWords(today), '10', '3', 'Dra. Hernández']);
    await coordinator.screenshot({ path: path.join(shots, 'commitments-1366.png'), fullPage: true });
    await expectFitsPhone(coordinator, 'commitments');
    await coordinator.setViewportSize(DESK);

    // Referred before the change: the patient keeps the commitment of seven days.
    await coordinator.getByRole('link', { name: 'Inicio' }).click();
    await late.filter({ hasText: 'Diagnóstico vencido hace 2 días' }).waitFor();
    await late.getByRole('link', { name: 'YUC-2026-017' }).click();
    await expect.poll(() => clock(coordinator, 'Diagnóstico').textContent()).toContain(overdueByTwo);
  });
});
