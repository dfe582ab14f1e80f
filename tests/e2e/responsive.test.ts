import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { createAccount, signIn, TEST_PASSWORD, type TestAccount } from '../support/accounts';
import { closeParticipants, enterSessionRoom, launchBrowser, openParticipant, signInThroughPage } from '../support/browser';
import { samplePdf } from '../support/files';
import { createSessionSoon } from '../support/sessions';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

let db: Database;
let server: TestServer;
let browser: Browser;
let sessionId: string;
const people: Record<'administrator' | 'coordinator' | 'presenter' | 'expert', TestAccount> = {} as never;

/** A small and a common phone, a tablet upright, a desk laptop and a room display. */
const SIZES = [
  { width: 360, height: 640 },
  { width: 390, height: 844 },
  { width: 768, height: 1024 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;
type Size = (typeof SIZES)[number];

/** Outside the repository: screenshots are looked at, not kept. */
const shots = mkdtempSync(path.join(tmpdir(), 'oncoboard-responsive-'));

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  browser = await launchBrowser();
  const [host] = await db.models.centers.create([{ code: 'HIMFG', name: 'Hospital Infantil de México Federico Gómez', state: 'CDMX', kind: 'hospital' }]);
  const center = String(host!._id);
  // The longest header there is: every menu entry, a long name, two roles.
  people.administrator = await createAccount(db, ['admin', 'coordinator'], center, 'Dra. María Fernanda Hernández Castillo');
  people.coordinator = await createAccount(db, ['coordinator'], center, 'Dra. Hernández');
  people.presenter = await createAccount(db, ['presenter'], center, 'Dr. Canul');
  people.expert = await createAccount(db, ['expert'], center, 'Dra. Ramírez');
  sessionId = await createSessionSoon(db, { hostCenterId: center, createdBy: people.coordinator.id, title: 'Tumores sólidos de la infancia', startsInMinutes: 26 * 60 });
  // Cases are submitted before the cut-off; the room then opens shortly before the start.
  const cookie = await signIn(server.url, people.presenter.email);
  const created = await fetch(`${server.url}/api/sessions/${sessionId}/cases`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ caseCode: 'CDMX-2026-031', ageYears: 3, sex: 'male', state: 'CDMX', icd10Code: 'C74.9', diagnosis: 'Neuroblastoma suprarrenal' }),
  });
  const caseId = (await created.json()).case.id;
  await fetch(`${server.url}/api/cases/${caseId}/attachments`, {
    method: 'POST',
    headers: { cookie, 'x-file-name': 'gammagrama-mibg-y-tomografia-de-abdomen.pdf' },
    body: new Uint8Array(samplePdf('Gammagrama MIBG', 0, 3)),
  });
  await db.models.sessions.updateOne({ _id: sessionId }, { $set: { startsAt: new Date(Date.now() + 10 * 60_000) } });
});
afterAll(async () => {
  if (browser) await closeParticipants(browser);
  await browser?.close();
  await server?.close();
  if (db) await dropTestDatabase(db);
  console.info(`responsive screenshots in ${shots}`);
});

const label = ({ width, height }: Size) => `${width}×${height}`;

async function resize(pages: Page[], size: Size): Promise<void> {
  await Promise.all(pages.map((page) => page.setViewportSize(size)));
  // Two frames: layout, then what ResizeObservers changed.
  for (const page of pages) await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

async function screenshot(page: Page, name: string, size: Size): Promise<void> {
  await page.screenshot({ path: path.join(shots, `${size.width}x${size.height}-${name}.png`) });
}

/** The page is never wider than the window: nothing makes the person scroll sideways (else: what sticks out). */
async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const found = await page.evaluate(() => {
    const sticking = [...document.querySelectorAll('body *')]
      .filter((element) => element.getBoundingClientRect().right > innerWidth + 0.5 && !element.closest('.viewer-stage, .tiles'))
      .filter((element, _index, all) => !all.some((other) => other !== element && element.contains(other)))
      .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')} (${Math.round(element.getBoundingClientRect().right)} px)`);
    return { page: document.scrollingElement!.scrollWidth, window: innerWidth, sticking: sticking.slice(0, 5) };
  });
  expect
    .soft(found.page, `${where}: the page is ${found.page} px wide in a ${found.window} px window; sticking out: ${found.sticking.join(', ')}`)
    .toBeLessThanOrEqual(found.window);
}

/** On screen as it is (no scrolling), and a click at its centre reaches it: nothing covers it. */
async function expectClickable(control: Locator, where: string): Promise<void> {
  const reached = await control.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    if (box.width === 0 || box.height === 0 || x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return 'off screen';
    const hit = document.elementFromPoint(x, y);
    return hit && element.contains(hit) ? 'reached' : `covered by ${hit?.outerHTML.slice(0, 80)}`;
  });
  expect.soft(reached, where).toBe('reached');
  if (reached === 'reached') await control.click({ trial: true, timeout: 5_000 });
}

/** Some video tile is on screen and uncovered. */
async function expectTileInSight(page: Page, where: string): Promise<void> {
  const inSight = await page.locator('figure.tile').evaluateAll((tiles) =>
    tiles.some((tile) => {
      const box = tile.getBoundingClientRect();
      const x = box.left + box.width / 2;
      const y = box.top + box.height / 2;
      return box.width >= 80 && x >= 0 && y >= 0 && x < innerWidth && y < innerHeight && tile.contains(document.elementFromPoint(x, y));
    }),
  );
  expect.soft(inSight, `${where}: a video tile in sight`).toBe(true);
}

/** At the top of the page (pages longer than the window scroll; the room does not). */
async function expectHeaderUsable(page: Page, where: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await expectClickable(page.getByRole('button', { name: 'Cerrar sesión' }), `${where}: Cerrar sesión`);
}

const ROOM_CONTROLS = ['toggle-microphone', 'toggle-camera', 'audio-only', 'raise-hand', 'leave-room'];
const PANEL_TABS = ['Orden del día', 'Participantes', 'Opiniones', 'Acuerdos', 'Chat'];

async function expectRoomUsable(page: Page, where: string): Promise<void> {
  await expectNoSidewaysScroll(page, where);
  await expectHeaderUsable(page, where);
  for (const control of ROOM_CONTROLS) await expectClickable(page.getByTestId(control), `${where}: ${control}`);
  for (const tab of PANEL_TABS) await expectClickable(page.getByRole('tab', { name: tab }), `${where}: tab ${tab}`);
  await expectTileInSight(page, where);
}

describe('every screen from a phone to a room display', () => {
  it('shows the home, session and case pages and the lobby without sideways scrolling, the header and its menu in reach', async () => {
    const page = await openParticipant(browser, server.url);
    await signInThroughPage(page, people.administrator.email, TEST_PASSWORD);
    for (const size of SIZES) {
      await resize([page], size);
      await page.goto(server.url);
      await page.getByRole('heading', { name: 'Mis próximas sesiones' }).waitFor();
      await page.getByText('Tumores sólidos de la infancia').first().waitFor();
      await expectNoSidewaysScroll(page, `home at ${label(size)}`);
      await expectHeaderUsable(page, `home at ${label(size)}`);
      const menu = page.getByRole('button', { name: 'Menú' });
      if (await menu.isVisible()) {
        await menu.click();
        await screenshot(page, 'home-menu', size);
      }
      await expectClickable(page.getByRole('link', { name: 'Sesiones', exact: true }), `home at ${label(size)}: Sesiones in the menu`);
      await screenshot(page, 'home', size);

      await page.goto(`${server.url}/sesiones/${sessionId}`);
      await page.getByTestId('session-status').waitFor();
      await expectNoSidewaysScroll(page, `session page at ${label(size)}`);
      await expectHeaderUsable(page, `session page at ${label(size)}`);
      await screenshot(page, 'session', size);

      // The case page with its PDF open: the viewer scrolls inside itself.
      await page.getByRole('link', { name: /CDMX-2026-031/ }).click();
      await page.getByRole('button', { name: 'gammagrama-mibg-y-tomografia-de-abdomen.pdf' }).click();
      await page.getByTestId('pdf-canvas').and(page.locator('[data-rendered-page="1"]')).waitFor({ timeout: 30_000 });
      await expectNoSidewaysScroll(page, `case page at ${label(size)}`);
      await expectHeaderUsable(page, `case page at ${label(size)}`);
      await page.getByTestId('pdf-next').scrollIntoViewIfNeeded();
      await expectClickable(page.getByTestId('pdf-next'), `case page at ${label(size)}: next page`);
      await screenshot(page, 'case', size);

      await page.goto(`${server.url}/sesiones/${sessionId}/sala`);
      await page.getByRole('button', { name: 'Entrar a la sala' }).waitFor();
      await expectNoSidewaysScroll(page, `lobby at ${label(size)}`);
      await expectHeaderUsable(page, `lobby at ${label(size)}`);
      await screenshot(page, 'lobby', size);
    }
  });

  it('shows every other page on the smallest phone without sideways scrolling', async () => {
    const page = await openParticipant(browser, server.url);
    await signInThroughPage(page, people.administrator.email, TEST_PASSWORD);
    await resize([page], SIZES[0]);
    for (const address of ['/sesiones', '/sesiones/nueva', '/reportes', '/constancias', '/admin/centros', '/admin/cuentas', `/sesiones/${sessionId}/asistencia`, '/verificar']) {
      await page.goto(server.url + address);
      await page.locator('main h2').first().waitFor();
      await page.waitForLoadState('networkidle');
      await expectNoSidewaysScroll(page, `${address} at ${label(SIZES[0])}`);
      await screenshot(page, address.replaceAll('/', '_'), SIZES[0]);
    }
  });

  // Three people in a room through five window sizes twice: longer than the usual test.
  it('keeps the room, then a PDF zoomed to 150 % by its presenter, and the speakers on screen together', { timeout: 240_000 }, async () => {
    const roomUrl = `${server.url}/sesiones/${sessionId}/sala`;
    const coordinator = await enterSessionRoom(browser, roomUrl, people.coordinator);
    const presenter = await enterSessionRoom(browser, roomUrl, people.presenter);
    const expert = await enterSessionRoom(browser, roomUrl, people.expert);
    const everyone = [coordinator, presenter, expert];
    await expert.getByText('Participantes: 3').waitFor();

    for (const size of SIZES) {
      await resize(everyone, size);
      for (const [name, page] of [
        ['coordinator', coordinator],
        ['expert', expert],
      ] as const) {
        await expectRoomUsable(page, `room of the ${name} at ${label(size)}`);
        await screenshot(page, `room-${name}`, size);
      }
      await expectClickable(coordinator.getByTestId('end-session'), `room of the coordinator at ${label(size)}: end session`);
    }

    // The panels: on a phone a sheet over the view, closed again from its button.
    await resize(everyone, SIZES[1]);
    await expert.getByRole('tab', { name: 'Chat' }).click();
    await expectClickable(expert.getByRole('textbox', { name: 'Escriba un mensaje…' }), 'chat sheet on a phone: message box');
    await screenshot(expert, 'room-expert-chat-sheet', SIZES[1]);
    await expert.getByRole('button', { name: 'Cerrar el panel' }).click();
    await expert.getByRole('textbox', { name: 'Escriba un mensaje…' }).waitFor({ state: 'hidden' });

    await resize(everyone, SIZES[3]);
    await presenter.getByRole('tab', { name: 'Archivos' }).click();
    await presenter.getByRole('button', { name: 'Mostrar a todos' }).click();
    await presenter.getByTestId('pdf-canvas').and(presenter.locator('[data-rendered-page="1"]')).waitFor({ timeout: 30_000 });
    // At 100 % the page fits each viewer's width, on the room's screen and on a phone alike.
    await resize([expert], SIZES[0]);
    await expert.getByTestId('pdf-canvas').and(expert.locator('[data-rendered-page="1"]')).waitFor({ timeout: 15_000 });
    await expect
      .poll(() => expert.locator('.viewer-stage').evaluate((stage: HTMLElement) => [stage.scrollWidth <= stage.clientWidth, stage.querySelector('canvas')!.clientWidth > 200]))
      .toEqual([true, true]);
    await presenter.getByTestId('pdf-zoom-in').click();
    for (const page of [expert, coordinator]) await page.getByTestId('pdf-zoom').filter({ hasText: '150' }).waitFor({ timeout: 15_000 });

    for (const size of SIZES) {
      await resize(everyone, size);
      for (const [name, page] of [
        ['presenter', presenter],
        ['expert', expert],
        ['coordinator', coordinator],
      ] as const) {
        const where = `room with a PDF at 150 %, ${name} at ${label(size)}`;
        await page.getByTestId('pdf-canvas').and(page.locator('[data-rendered-page="1"]')).waitFor({ timeout: 15_000 });
        await expectRoomUsable(page, where);
        await expectClickable(page.getByTestId('pdf-next'), `${where}: next page`);
        // The zoomed page scrolls inside the stage, which stays within the window.
        const stage = await page.locator('.viewer-stage').evaluate((element) => ({
          scrolls: element.scrollWidth > element.clientWidth,
          right: element.getBoundingClientRect().right,
          bottom: element.getBoundingClientRect().bottom,
        }));
        expect.soft(stage.right, `${where}: the stage ends inside the window`).toBeLessThanOrEqual(size.width);
        expect.soft(stage.bottom, `${where}: the stage ends inside the window`).toBeLessThanOrEqual(size.height);
        await screenshot(page, `room-pdf-${name}`, size);
      }
    }

    // Still in step: the presenter's next page reaches the others.
    await presenter.getByTestId('pdf-next').click();
    await expert.getByTestId('pdf-canvas').and(expert.locator('[data-rendered-page="2"]')).waitFor({ timeout: 15_000 });
  });
});
