import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { createAccount, createCenter, TEST_PASSWORD, type TestAccount } from '../support/accounts';
import { launchBrowser, openParticipant, signInThroughPage } from '../support/browser';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

let db: Database;
let server: TestServer;
let browser: Browser;
let lopezAccount: TestAccount;
let ortizAccount: TestAccount;

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  browser = await launchBrowser();
  const center = await createCenter(db);
  lopezAccount = await createAccount(db, ['presenter'], center, 'Dra. López');
  ortizAccount = await createAccount(db, ['expert'], center, 'Dr. Ortiz');
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (db) await dropTestDatabase(db);
});

/** Signs in, opens the video room page and joins `roomName`. */
async function enterRoom(page: Page, account: TestAccount, roomName: string, displayName: string): Promise<void> {
  await signInThroughPage(page, account.email, TEST_PASSWORD);
  await page.getByRole('link', { name: 'Sala de video' }).click();
  await page.getByLabel('Nombre de la sala').fill(roomName);
  await page.getByLabel('Tu nombre').fill(displayName);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.getByRole('heading', { name: `Sala ${roomName}` }).waitFor();
}

/** Frames the remote video of `name` decodes within a second, once it plays (0 if it never does). */
async function framesPlayedFrom(page: Page, name: string): Promise<number> {
  const selector = `video[data-testid="remote-video"][data-name="${name}"]`;
  await page.waitForFunction(
    (sel) => {
      const video = document.querySelector<HTMLVideoElement>(sel);
      return !!video && video.videoWidth > 0 && !video.paused && video.currentTime > 0;
    },
    selector,
    { timeout: 30_000 },
  );
  return page.$eval(selector, (video: HTMLVideoElement) =>
    new Promise<number>((resolve) => {
      let frames = 0;
      const count = () => {
        frames += 1;
        video.requestVideoFrameCallback(count);
      };
      video.requestVideoFrameCallback(count);
      setTimeout(() => resolve(frames), 1000);
    }),
  );
}

describe('a video room in Chromium', () => {
  it('shows each participant the other one’s live camera, under their name', async () => {
    const lopez = await openParticipant(browser, server.url);
    const ortiz = await openParticipant(browser, server.url);
    await enterRoom(lopez, lopezAccount, 'sesion-e2e', 'Dra. López');
    await enterRoom(ortiz, ortizAccount, 'sesion-e2e', 'Dr. Ortiz');

    expect(await framesPlayedFrom(lopez, 'Dr. Ortiz')).toBeGreaterThan(5);
    expect(await framesPlayedFrom(ortiz, 'Dra. López')).toBeGreaterThan(5);
    await expect(lopez.getByText('Participantes: 2').isVisible()).resolves.toBe(true);

    await ortiz.getByRole('button', { name: 'Salir de la sala' }).click();
    await lopez.locator('video[data-testid="remote-video"]').waitFor({ state: 'detached' });
    await lopez.getByText('Aún no hay otros participantes').waitFor();
    await lopez.context().close();
    await ortiz.context().close();
  });

  it('explains in Spanish what is wrong with the form, and in English when asked', async () => {
    const page = await openParticipant(browser, server.url);
    await signInThroughPage(page, lopezAccount.email, TEST_PASSWORD);
    await page.getByRole('link', { name: 'Sala de video' }).click();
    await page.getByLabel('Nombre de la sala').fill('sala con espacios');
    await page.getByLabel('Tu nombre').fill('Dra. López');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByText('Use de 3 a 64 letras, números, «-» o «_»').waitFor();
    expect(await page.getByRole('heading', { name: /^Sala / }).count()).toBe(0);

    await page.getByLabel('Idioma').selectOption('en');
    await page.getByText('Use 3 to 64 letters, digits').waitFor();
    await page.context().close();
  });
});
