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
let merida: string;
let host: string;
let presenter: TestAccount;
let coordinatorApi: ReturnType<typeof apiClient>;
/** Outside the repository: screenshots are looked at, not kept. */
const shots = mkdtempSync(path.join(tmpdir(), 'oncoboard-inbox-'));

async function schedule(title: string, startsAtLocal: string): Promise<{ id: string; number: number }> {
  const created = await coordinatorApi('POST', '/sessions', {
    kind: 'case_review',
    title,
    startsAtLocal,
    timeZone: 'America/Mexico_City',
    durationMinutes: 90,
    hostCenterId: host,
    invitedCenterIds: [merida],
  });
  expect(created.status).toBe(201);
  return created.body.session;
}

beforeAll(async () => {
  db = await openTestDatabase();
  // No SMTP_URL: the notices are listed in the app all the same.
  server = await startTestServer(db);
  browser = await launchBrowser();
  const [cdmx, yucatan] = await db.models.centers.create([
    { code: 'OC-CDMX', name: 'OncoCREAN Ciudad de México', state: 'CDMX', kind: 'oncocrean' },
    { code: 'OC-YUC', name: 'OncoCREAN Yucatán', state: 'YUC', kind: 'oncocrean' },
  ]);
  host = String(cdmx!._id);
  merida = String(yucatan!._id);
  presenter = await createAccount(db, ['presenter'], merida, 'Dr. Canul');
  const coordinator = await createAccount(db, ['coordinator'], host, 'Dra. Coordinadora');
  coordinatorApi = apiClient(server.url, await signIn(server.url, coordinator.email));
});
afterEach(() => closeParticipants(browser));
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (db) await dropTestDatabase(db);
  console.info(`in-app notices screenshots in ${shots}`);
});

const PHONE = { width: 360, height: 740 };
const badge = (page: Page) => page.getByTestId('notice-badge');
const unreadCount = (page: Page) => page.getByTestId('unread-count');

describe('notices on the home page, in Chromium', () => {
  it('lists a session invitation, adds one pushed live, follows a notice’s link and counts down the unread ones', async () => {
    const first = await schedule('Tumores sólidos', '2031-12-09T10:00');
    await server.notices.sessions.idle();
    const page = await openParticipant(browser, server.url);
    await page.setViewportSize({ width: 1366, height: 768 });
    await signInThroughPage(page, presenter.email, TEST_PASSWORD);
    const inbox = page.getByTestId('notice-inbox');
    await inbox.getByRole('heading', { name: 'Avisos' }).waitFor();
    const firstNotice = inbox.getByRole('link', { name: new RegExp(`Su centro está invitado a la sesión ${first.number} «Tumores sólidos», el martes, 9 de diciembre de 2031`) });
    await firstNotice.waitFor();
    expect(await unreadCount(page).textContent()).toBe('1');
    expect(await badge(page).getAttribute('aria-label')).toBe('Avisos sin leer: 1');

    // Told while the page is open: listed at the top, and counted.
    const second = await schedule('Neuro-oncología', '2031-12-10T10:00');
    await inbox.getByTestId('notice').first().filter({ hasText: '«Neuro-oncología»' }).waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="unread-count"]')?.textContent === '2');
    await page.screenshot({ path: path.join(shots, 'home-1366.png') });
    await page.setViewportSize(PHONE);
    const widths = await page.evaluate(() => ({ page: document.scrollingElement!.scrollWidth, window: innerWidth }));
    expect(widths.page).toBeLessThanOrEqual(widths.window);
    await page.screenshot({ path: path.join(shots, 'home-360.png'), fullPage: true });

    await firstNotice.click();
    await page.waitForURL(`**/sesiones/${first.id}`);
    await page.waitForFunction(() => document.querySelector('[data-testid="unread-count"]')?.textContent === '1');

    await badge(page).click();
    await page.waitForURL((url) => url.pathname === '/' && url.hash === '#avisos');
    const notices = inbox.getByTestId('notice');
    await notices.nth(1).waitFor();
    expect(await notices.evaluateAll((items) => items.map((item) => item.getAttribute('data-unread')))).toEqual(['true', 'false']);
    await inbox.getByRole('button', { name: 'Marcar todos como leídos' }).click();
    await unreadCount(page).waitFor({ state: 'detached' });
    expect(await badge(page).getAttribute('aria-label')).toBe('Avisos sin leer: 0');
    expect(await notices.evaluateAll((items) => items.map((item) => item.getAttribute('data-unread')))).toEqual(['false', 'false']);

    await page.reload();
    await inbox.getByRole('link', { name: new RegExp(`sesión ${second.number} «Neuro-oncología»`) }).waitFor();
    expect(await unreadCount(page).count()).toBe(0);
  });
});
