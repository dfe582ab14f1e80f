import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { createAccount, createCenter, TEST_PASSWORD, type TestAccount } from '../support/accounts';
import { closeParticipants, framesOf, framesPlayedFrom, launchBrowser, openParticipant, signInThroughPage, tileOf } from '../support/browser';
import { createSessionSoon } from '../support/sessions';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

let db: Database;
let server: TestServer;
let browser: Browser;
let lopezAccount: TestAccount;
let ortizAccount: TestAccount;
let sessionId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  browser = await launchBrowser();
  const [host, merida] = await db.models.centers.create([
    { code: 'HIMFG', name: 'Hospital Infantil de México', state: 'CDMX', kind: 'hospital' },
    { code: 'OC-YUC', name: 'OncoCREAN Yucatán', state: 'YUC', kind: 'oncocrean' },
  ]);
  lopezAccount = await createAccount(db, ['presenter'], String(merida!._id), 'Dra. López');
  ortizAccount = await createAccount(db, ['expert'], String(host!._id), 'Dr. Ortiz');
  const coordinator = await createAccount(db, ['coordinator'], String(host!._id), 'Dra. Hernández');
  sessionId = await createSessionSoon(db, { hostCenterId: String(host!._id), invitedCenterIds: [String(merida!._id)], createdBy: coordinator.id, title: 'Leucemias' });
});
afterEach(() => closeParticipants(browser));
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (db) await dropTestDatabase(db);
});

/** Signs in, opens the session page, goes through the lobby and enters the room. */
async function enterRoom(page: Page, account: TestAccount, lobby: { microphoneOn?: boolean; inLobby?: (page: Page) => Promise<void> } = {}): Promise<void> {
  await signInThroughPage(page, account.email, TEST_PASSWORD);
  await page.goto(`${server.url}/sesiones/${sessionId}`);
  await page.getByRole('link', { name: 'Entrar a la sala' }).click();
  await lobby.inLobby?.(page);
  if (lobby.microphoneOn === false) await page.getByLabel('Entrar con el micrófono encendido').uncheck();
  await page.getByRole('button', { name: 'Entrar a la sala' }).click();
  await page.getByRole('heading', { name: /Sesión 1 · Leucemias/ }).waitFor();
}

/** Dra. López and Dr. Ortiz in the room, each seeing the other's camera, their pages marked so that a reload would show. */
async function bothInTheRoom(): Promise<[Page, Page]> {
  const lopez = await openParticipant(browser, server.url);
  const ortiz = await openParticipant(browser, server.url);
  await enterRoom(lopez, lopezAccount);
  await enterRoom(ortiz, ortizAccount);
  await seeingEachOther(lopez, ortiz);
  for (const page of [lopez, ortiz]) await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  return [lopez, ortiz];
}

async function seeingEachOther(lopez: Page, ortiz: Page, timeout = 20_000): Promise<void> {
  await expect.poll(() => framesPlayedFrom(lopez, 'Dr. Ortiz'), { timeout, interval: 250 }).toBeGreaterThan(3);
  await expect.poll(() => framesPlayedFrom(ortiz, 'Dra. López'), { timeout, interval: 250 }).toBeGreaterThan(3);
}

const reloaded = (page: Page) => page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded !== true);

describe('a session room in Chromium', () => {
  it('shows each participant the other one’s live camera with name, centre and role, and who is muted', async () => {
    const lopez = await openParticipant(browser, server.url);
    const ortiz = await openParticipant(browser, server.url);
    await enterRoom(lopez, lopezAccount);
    await enterRoom(ortiz, ortizAccount, { microphoneOn: false });

    await expect.poll(() => framesPlayedFrom(lopez, 'Dr. Ortiz'), { timeout: 20_000 }).toBeGreaterThan(3);
    await expect.poll(() => framesPlayedFrom(ortiz, 'Dra. López'), { timeout: 20_000 }).toBeGreaterThan(3);
    await lopez.getByText('Participantes: 2').waitFor();
    await tileOf(ortiz, 'Dra. López').getByText('OncoCREAN Yucatán · Presentador').waitFor();

    await tileOf(lopez, 'Dr. Ortiz').getByTestId('microphone-off').waitFor();
    expect(await tileOf(ortiz, 'Dra. López').getByTestId('microphone-off').count()).toBe(0);
    await lopez.getByTestId('toggle-microphone').click();
    await tileOf(ortiz, 'Dra. López').getByTestId('microphone-off').waitFor();
    await ortiz.getByTestId('toggle-microphone').click();
    await tileOf(lopez, 'Dr. Ortiz').getByTestId('microphone-off').waitFor({ state: 'detached' });

    // A small tile gets the 320-pixel layer; widened, the 1280 one; hidden, no frames at all.
    const remote = 'video[data-testid="remote-video"][data-name="Dr. Ortiz"]';
    const width = () => lopez.$eval(remote, (video: HTMLVideoElement) => video.videoWidth);
    const styleTile = (property: 'width' | 'display', value: string) =>
      lopez.locator('figure', { has: lopez.locator(remote) }).evaluate((tile: HTMLElement, [name, setting]) => tile.style.setProperty(name!, setting!), [property, value]);
    await styleTile('width', '300px');
    await expect.poll(width, { timeout: 20_000 }).toBeLessThanOrEqual(320);
    await styleTile('width', '1100px');
    // The sender's estimate grows from the smallest layer, which is all a new viewer asks for first.
    await expect.poll(width, { timeout: 30_000 }).toBe(1280);
    await styleTile('display', 'none');
    await lopez.waitForTimeout(1500);
    expect(await framesOf(lopez, remote)).toBe(0);

    await ortiz.getByRole('button', { name: 'Salir de la sala' }).click();
    await lopez.locator('video[data-testid="remote-video"]').waitFor({ state: 'detached' });
    await lopez.getByText('Aún no hay otros participantes').waitFor();
    await lopez.context().close();
    await ortiz.context().close();
  });

  it('leaves the room when one signs out from it: signed in again without a reload, the lobby comes first', async () => {
    const ortiz = await openParticipant(browser, server.url);
    await enterRoom(ortiz, ortizAccount);
    await ortiz.getByRole('button', { name: 'Cerrar sesión' }).click();
    await ortiz.waitForURL('**/entrar');
    // Without a reload, as a colleague taking over the computer would: home, the session, its room.
    await signInThroughPage(ortiz, ortizAccount.email, TEST_PASSWORD);
    await ortiz
      .getByRole('link', { name: /Leucemias/ })
      .first()
      .click();
    await ortiz.getByRole('link', { name: 'Entrar a la sala' }).click();
    await ortiz.getByRole('button', { name: 'Entrar a la sala' }).waitFor();
    expect(await ortiz.getByRole('button', { name: 'Salir de la sala' }).count()).toBe(0);
  });

  it('comes back by itself after a few seconds offline, video and all, without a reload', async () => {
    const [lopez, ortiz] = await bothInTheRoom();

    await lopez.context().setOffline(true);
    await lopez.getByTestId('reconnecting').waitFor({ timeout: 30_000 });
    // The other side is told, on the tile, and the participant stays in the room meanwhile.
    await ortiz.getByTestId('tile-status').getByText('Conexión interrumpida').waitFor();
    await ortiz.getByText('Participantes: 2').waitFor();
    await lopez.waitForTimeout(3000);
    await lopez.context().setOffline(false);
    await lopez.getByTestId('reconnecting').waitFor({ state: 'detached', timeout: 30_000 });
    await ortiz.getByTestId('tile-status').waitFor({ state: 'detached' });

    await seeingEachOther(lopez, ortiz);
    expect(await reloaded(lopez)).toBe(false);
    await lopez.getByText('Participantes: 2').waitFor();
    await ortiz.getByText('Participantes: 2').waitFor();
    // The page took its peer back: one stay in the attendance, not two.
    const marks = (await server.services.presence.history(sessionId)).filter((mark) => mark.displayName === 'Dra. López');
    expect(marks.filter((mark) => mark.kind === 'join')).toHaveLength(marks.filter((mark) => mark.kind === 'leave').length + 1);
  });

  it('tests the connection from the lobby through the media server and back, then enters as usual', async () => {
    const lopez = await openParticipant(browser, server.url);
    const ortiz = await openParticipant(browser, server.url);
    const marksBefore = (await server.services.presence.history(sessionId)).length;
    await enterRoom(lopez, lopezAccount, {
      inLobby: async (page) => {
        await page.getByTestId('probe-connection').click();
        await page.getByTestId('probe-result').waitFor({ timeout: 20_000 });
        expect(await page.getByTestId('probe-audio').getAttribute('data-verdict')).toBe('good');
        expect(await page.getByTestId('probe-video').getAttribute('data-verdict')).toBe('good');
        await page.getByTestId('probe-result').getByText('conexión directa (UDP)').waitFor();
        // The test is not attendance: nothing of it reaches the session's ledger.
        expect((await server.services.presence.history(sessionId)).length).toBe(marksBefore);
      },
    });
    await enterRoom(ortiz, ortizAccount);
    await seeingEachOther(lopez, ortiz);
  });

  it('marks each link’s quality, and lets someone on a weak link go audio only and back', async () => {
    const [lopez, ortiz] = await bothInTheRoom();
    const qualityOf = (page: Page, name: string) => tileOf(page, name).getByTestId('link-quality').getAttribute('data-quality');
    await expect.poll(() => qualityOf(ortiz, 'Dra. López'), { timeout: 15_000 }).toBe('good');
    await expect.poll(() => qualityOf(lopez, 'Dr. Ortiz'), { timeout: 15_000 }).toBe('good');

    await lopez.getByTestId('audio-only').click();
    // The others see her camera off, not a frozen picture; she receives no camera at all.
    await expect.poll(() => tileOf(ortiz, 'Dra. López').getAttribute('class'), { timeout: 10_000 }).toContain('camera-off');
    await lopez.waitForTimeout(1500);
    expect(await framesOf(lopez, 'video[data-testid="remote-video"][data-name="Dr. Ortiz"]')).toBe(0);
    // A stream paused on purpose is no interrupted link.
    await lopez.waitForTimeout(2500);
    expect(await tileOf(lopez, 'Dr. Ortiz').getByTestId('tile-status').count()).toBe(0);
    expect(await tileOf(ortiz, 'Dra. López').getByTestId('tile-status').count()).toBe(0);

    await lopez.getByTestId('audio-only').click();
    await seeingEachOther(lopez, ortiz);
  });

  it('comes back by itself within seconds when the video server’s worker is killed, without a reload', async () => {
    const [lopez, ortiz] = await bothInTheRoom();

    const [worker] = server.media.workers.describe();
    const killedAt = Date.now();
    process.kill(worker!.pid, 'SIGKILL');
    // Each sample counts frames over two seconds: both see each other again at most 10 s after the kill.
    await seeingEachOther(lopez, ortiz, 12_000);
    expect(Date.now() - killedAt - 2 * 2000).toBeLessThan(10_000);
    expect(server.media.workers.describe().map((described) => described.pid)).not.toContain(worker!.pid);
    for (const page of [lopez, ortiz]) expect(await reloaded(page)).toBe(false);
    await lopez.getByText('Participantes: 2').waitFor();
  });

  it('comes back by itself after the server restarts, without a reload', async () => {
    const [lopez, ortiz] = await bothInTheRoom();

    const stopped = server;
    await server.close();
    await lopez.getByTestId('reconnecting').waitFor();
    server = await startTestServer(db, { restartOf: stopped });
    await lopez.getByTestId('reconnecting').waitFor({ state: 'detached', timeout: 30_000 });
    await seeingEachOther(lopez, ortiz);
    for (const page of [lopez, ortiz]) expect(await reloaded(page)).toBe(false);
  });

  it('keeps out people whose centre is not invited, with a message in Spanish', async () => {
    const outsider = await createAccount(db, ['expert'], await createCenter(db, 'SON'), 'Dr. Fuera');
    const page = await openParticipant(browser, server.url);
    await signInThroughPage(page, outsider.email, TEST_PASSWORD);
    await page.goto(`${server.url}/sesiones/${sessionId}/sala`);
    await page.getByText('No tiene permiso para hacer esto.').waitFor();
    await page.context().close();
  });
});
