import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { apiClient, createAccount, signIn, TEST_PASSWORD, type TestAccount } from '../support/accounts';
import { closeParticipants, launchBrowser, openParticipant, signInThroughPage } from '../support/browser';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

let db: Database;
let server: TestServer;
let browser: Browser;
const people: Record<'presenter' | 'laboratory', TestAccount> = {} as never;
/** Outside the repository: screenshots are looked at, not kept. */
const shots = mkdtempSync(path.join(tmpdir(), 'oncoboard-notices-'));

beforeAll(async () => {
  db = await openTestDatabase();
  // No SMTP_URL: the server keeps the choices but sends nothing.
  server = await startTestServer(db);
  browser = await launchBrowser();
  const [merida, laboratory] = await db.models.centers.create([
    { code: 'OC-YUC', name: 'OncoCREAN Yucatán', state: 'YUC', kind: 'oncocrean' },
    { code: 'CIB-PUE', name: 'Centro de Investigación Biomédica de Oriente', state: 'PUE', kind: 'laboratory' },
  ]);
  people.presenter = await createAccount(db, ['presenter'], String(merida!._id), 'Dr. Canul');
  people.laboratory = await createAccount(db, ['laboratory'], String(laboratory!._id), 'Q.F.B. Rosas');
});
afterEach(() => closeParticipants(browser));
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (db) await dropTestDatabase(db);
  console.info(`notice settings screenshots in ${shots}`);
});

const DESK = { width: 1366, height: 768 };
const PHONE = { width: 360, height: 740 };
const KINDS = [
  'Invitaciones a sesiones',
  'Cambios y cancelaciones',
  'Invitaciones a personas externas',
  'Acuerdos por vencer',
  'Acuerdos vencidos',
  'Pacientes y estudios fuera de compromiso',
];
const box = (page: Page, name: string) => page.getByRole('checkbox', { name, exact: true });
/** The ticked boxes, by their labels. */
const ticked = async (page: Page) => {
  const result: string[] = [];
  for (const name of KINDS) if (await box(page, name).isChecked()) result.push(name);
  return result;
};
const allBut = (name: string) => KINDS.filter((kind) => kind !== name);

/** Shown on a small phone with nothing to scroll sideways (measured as tests/e2e/responsive.test.ts does). */
async function expectFitsPhone(page: Page, name: string): Promise<void> {
  await page.setViewportSize(PHONE);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const widths = await page.evaluate(() => ({ page: document.scrollingElement!.scrollWidth, window: innerWidth }));
  expect(widths.page, name).toBeLessThanOrEqual(widths.window);
  await page.screenshot({ path: path.join(shots, `${name}-360.png`), fullPage: true });
}

describe('choosing which emails reach me, in Chromium', () => {
  it('keeps "Acuerdos vencidos" off across a reload and in the API, says the server sends no email yet, and loses nothing on a refused save', async () => {
    const page = await openParticipant(browser, server.url);
    await page.setViewportSize(DESK);
    await signInThroughPage(page, people.presenter.email, TEST_PASSWORD);
    await page.locator('#main-nav').getByRole('link', { name: 'Avisos por correo' }).click();
    await page.getByRole('heading', { name: 'Avisos por correo' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/mis-avisos');
    await page.getByText('Este servidor aún no envía correos; sus preferencias se guardan para cuando lo haga.').waitFor();
    expect(await ticked(page)).toEqual(KINDS);
    expect(await page.getByText('Cuando un acuerdo a cargo de su centro pasó su fecha límite sin cumplirse.').isVisible()).toBe(true);

    await box(page, 'Acuerdos vencidos').uncheck();
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.getByRole('status').filter({ hasText: 'Preferencias guardadas.' }).waitFor();
    await page.screenshot({ path: path.join(shots, 'saved-1366.png'), fullPage: true });

    await page.reload();
    await box(page, 'Acuerdos vencidos').waitFor();
    expect(await ticked(page)).toEqual(allBut('Acuerdos vencidos'));
    const api = apiClient(server.url, await signIn(server.url, people.presenter.email));
    const answer = await api('GET', '/me/notice-settings');
    expect(answer.status).toBe(200);
    expect(answer.body.settings).toEqual({ emailOptOut: ['agreement_overdue'], emailSent: false });

    // A refusal (here made up on the way) is said in Spanish; the boxes stay as the person left them.
    await page.route('**/api/me/notice-settings', (route) =>
      route.request().method() === 'PUT'
        ? route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ error: { code: 'invalid_input', message: 'emailOptOut', field: 'emailOptOut' } }) })
        : route.continue(),
    );
    await box(page, 'Invitaciones a sesiones').uncheck();
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.getByRole('alert').filter({ hasText: 'Revise los avisos elegidos' }).waitFor();
    expect(await page.getByRole('status').count()).toBe(0);
    expect(await ticked(page)).toEqual(allBut('Acuerdos vencidos').filter((kind) => kind !== 'Invitaciones a sesiones'));
    expect((await api('GET', '/me/notice-settings')).body.settings.emailOptOut).toEqual(['agreement_overdue']);
    await page.unroute('**/api/me/notice-settings');

    await expectFitsPhone(page, 'notices');
    await page.getByRole('button', { name: 'Guardar' }).waitFor();
  });

  it('is not offered to a laboratory account, whose only page is its own', async () => {
    const laboratory = await openParticipant(browser, server.url);
    await laboratory.setViewportSize(DESK);
    await signInThroughPage(laboratory, people.laboratory.email, TEST_PASSWORD);
    await laboratory.getByRole('heading', { name: 'Estudios recibidos' }).waitFor();
    expect(await laboratory.locator('#main-nav a').allTextContents()).not.toContain('Avisos por correo');
    await laboratory.goto(`${server.url}/mis-avisos`);
    await laboratory.getByRole('heading', { name: 'Estudios recibidos' }).waitFor();
    expect(new URL(laboratory.url()).pathname).toBe('/laboratorio');
  });
});
