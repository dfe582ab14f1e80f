import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { DEFAULT_TIME_ZONE } from '../../shared/mexico';
import { utcToZonedWallTime } from '../../shared/time';
import { createAccount, TEST_PASSWORD, type TestAccount } from '../support/accounts';
import { closeParticipants, launchBrowser, openParticipant, signInThroughPage } from '../support/browser';
import { samplePdf } from '../support/files';
import { createCaseIn, createSessionSoon } from '../support/sessions';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

let db: Database;
let server: TestServer;
let browser: Browser;
let caseId: string;
const people: Record<'coordinator' | 'presenter' | 'laboratory', TestAccount> = {} as never;
/** Outside the repository: screenshots are looked at, not kept. */
const shots = mkdtempSync(path.join(tmpdir(), 'oncoboard-lab-studies-'));
/** What a date-time field shows for `hours` ago, on Mexico City's clock. */
const hoursAgo = (hours: number) => utcToZonedWallTime(new Date(Date.now() - hours * 3_600_000), DEFAULT_TIME_ZONE);
const DESK = { width: 1366, height: 768 };
const PHONE = { width: 360, height: 740 };

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  browser = await launchBrowser();
  const [host, merida, laboratory] = await db.models.centers.create([
    { code: 'HIMFG', name: 'Hospital Infantil de México', state: 'CDMX', kind: 'hospital' },
    { code: 'OC-YUC', name: 'OncoCREAN Yucatán', state: 'YUC', kind: 'oncocrean' },
    { code: 'CIB-PUE', name: 'Centro de Investigación Biomédica de Oriente', state: 'PUE', kind: 'laboratory' },
  ]);
  people.coordinator = await createAccount(db, ['coordinator'], String(host!._id), 'Dra. Hernández');
  people.presenter = await createAccount(db, ['presenter'], String(merida!._id), 'Dra. Canul');
  people.laboratory = await createAccount(db, ['laboratory'], String(laboratory!._id), 'Q.F.B. Rosas');
  const sessionId = await createSessionSoon(db, {
    hostCenterId: String(host!._id),
    invitedCenterIds: [String(merida!._id)],
    createdBy: people.coordinator.id,
    startsInMinutes: 3 * 24 * 60,
  });
  caseId = await createCaseIn(db, sessionId, { centerId: String(merida!._id), createdBy: people.presenter.id, caseCode: 'YUC-2026-021' });
});
afterEach(() => closeParticipants(browser));
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (db) await dropTestDatabase(db);
  console.info(`laboratory study screenshots in ${shots}`);
});

const studyOf = (page: Page) => page.getByTestId('study').filter({ hasText: 'Inmunohistoquímica' });
const clockOf = (page: Page) => studyOf(page).getByTestId('study-clock');

/** Shown on a small phone with nothing to scroll sideways (measured as tests/e2e/responsive.test.ts does). */
async function expectFitsPhone(page: Page, name: string): Promise<void> {
  await page.setViewportSize(PHONE);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const widths = await page.evaluate(() => ({ page: document.scrollingElement!.scrollWidth, window: innerWidth }));
  expect(widths.page, name).toBeLessThanOrEqual(widths.window);
  await page.screenshot({ path: path.join(shots, `${name}-360.png`), fullPage: true });
  await page.setViewportSize(DESK);
}

describe('a study sent to a reference laboratory, in Chromium', () => {
  it('counts the immunohistochemistry’s 24 hours from the laboratory’s receipt, as the presenter sends it and the laboratory records its receipt, result and report', async () => {
    const presenter = await openParticipant(browser, `${server.url}/casos/${caseId}`);
    await presenter.setViewportSize(DESK);
    await signInThroughPage(presenter, people.presenter.email, TEST_PASSWORD);
    const panel = presenter.getByTestId('studies-panel');
    await panel.getByText('Aún no se ha enviado ningún estudio.').waitFor();
    await panel.getByLabel('Laboratorio').selectOption({ label: 'Centro de Investigación Biomédica de Oriente' });
    expect(await panel.getByLabel('Estudio', { exact: true }).inputValue()).toBe('immunohistochemistry');
    await panel.getByLabel('Enviado el').fill(hoursAgo(6));
    await panel.getByRole('button', { name: 'Registrar envío' }).click();
    await expect.poll(() => clockOf(presenter).textContent()).toContain('Inmunohistoquímica: el compromiso de 24 h cuenta desde que el laboratorio recibe la muestra');
    expect(await studyOf(presenter).textContent()).toContain('Laboratorio: Centro de Investigación Biomédica de Oriente');

    // The laboratory lands on its page, the only one it reaches, with no live connection.
    const laboratory = await openParticipant(browser, server.url);
    await laboratory.setViewportSize(DESK);
    const sockets: string[] = [];
    laboratory.on('websocket', (socket) => sockets.push(socket.url()));
    await signInThroughPage(laboratory, people.laboratory.email, TEST_PASSWORD);
    await laboratory.getByRole('heading', { name: 'Estudios recibidos' }).waitFor();
    expect(new URL(laboratory.url()).pathname).toBe('/laboratorio');
    expect(await studyOf(laboratory).textContent()).toContain('Caso YUC-2026-021 · Envía: OncoCREAN Yucatán');
    expect(await laboratory.locator('#main-nav a').allTextContents()).toEqual(['Estudios recibidos']);
    for (const elsewhere of ['/', '/sesiones', `/casos/${caseId}`]) {
      await laboratory.goto(`${server.url}${elsewhere}`);
      await laboratory.getByRole('heading', { name: 'Estudios recibidos' }).waitFor();
      expect(new URL(laboratory.url()).pathname, elsewhere).toBe('/laboratorio');
    }

    // A receipt before the dispatch is refused next to its field; four hours ago is kept.
    const card = studyOf(laboratory);
    await card.getByRole('button', { name: 'Registrar recepción' }).click();
    await card.getByLabel('Recibido el').fill(hoursAgo(8));
    await card.getByRole('button', { name: 'Registrar recepción' }).click();
    await card.getByRole('alert').filter({ hasText: 'La recepción no puede ser futura ni anterior al envío.' }).waitFor();
    await card.getByLabel('Recibido el').fill(hoursAgo(4));
    await card.getByRole('button', { name: 'Registrar recepción' }).click();
    await expect.poll(() => clockOf(laboratory).textContent()).toMatch(/^Inmunohistoquímica: quedan 19 h \(vence (hoy|mañana) a las \d\d:\d\d\)$/);

    await presenter.reload();
    await expect.poll(() => clockOf(presenter).textContent()).toMatch(/^Inmunohistoquímica: quedan 19 h \(vence /);
    expect(await clockOf(presenter).getAttribute('data-state')).toBe('waiting');

    await card.getByRole('button', { name: 'Registrar resultado' }).click();
    await card.getByLabel('Resumen (opcional)').fill('CD20 positivo; Ki-67 90 %.');
    await card.getByRole('button', { name: 'Registrar resultado' }).click();
    await expect.poll(() => clockOf(laboratory).textContent()).toBe('Inmunohistoquímica: entregado en 4 h, dentro del compromiso de 24 h');
    await card.getByLabel('Subir informe (PDF)').setInputFiles({ name: 'Informe IHQ.pdf', mimeType: 'application/pdf', buffer: samplePdf('Informe de inmunohistoquimica') });
    await card.getByRole('button', { name: 'Abrir el informe: Informe IHQ.pdf' }).click();
    await laboratory.getByTestId('pdf-canvas').and(laboratory.locator('[data-rendered-page="1"]')).waitFor({ timeout: 30_000 });
    await laboratory.screenshot({ path: path.join(shots, 'laboratory-1366.png'), fullPage: true });
    await expectFitsPhone(laboratory, 'laboratory');
    expect(sockets).toEqual([]);

    // Back on the case: delivered within the commitment, and its report in the case files' viewer.
    await presenter.reload();
    await expect.poll(() => clockOf(presenter).textContent()).toBe('Inmunohistoquímica: entregado en 4 h, dentro del compromiso de 24 h');
    expect(await clockOf(presenter).getAttribute('data-state')).toBe('met');
    expect(await studyOf(presenter).textContent()).toContain('CD20 positivo; Ki-67 90 %.');
    await studyOf(presenter).getByRole('button', { name: 'Abrir el informe: Informe IHQ.pdf' }).click();
    const viewer = presenter.getByTestId('attachment-viewer');
    await viewer.getByTestId('pdf-canvas').and(presenter.locator('[data-rendered-page="1"]')).waitFor({ timeout: 30_000 });
    expect(await viewer.getByTestId('attachment-download').getAttribute('href')).toMatch(/^\/api\/studies\/[0-9a-f]{24}\/report\?download=1$/);
    await panel.screenshot({ path: path.join(shots, 'case-studies-1366.png') });
    await expectFitsPhone(presenter, 'case-studies');
  });
});
