import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { createAccount, signIn, TEST_PASSWORD, type TestAccount } from '../support/accounts';
import { scheduleThroughApi } from '../support/sessions';
import { closeParticipants, launchBrowser, openParticipant, signInThroughPage } from '../support/browser';
import { samplePdf } from '../support/files';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

let db: Database;
let server: TestServer;
let browser: Browser;
let presenter: TestAccount;
let expert: TestAccount;
let sessionId: string;
const workDir = mkdtempSync(path.join(tmpdir(), 'oncoboard-e2e-files-'));

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  browser = await launchBrowser();
  const [host, merida] = await db.models.centers.create([
    { code: 'UMAE-HP', name: 'UMAE Hospital de Pediatría CMN Siglo XXI', state: 'CDMX', kind: 'umae' },
    { code: 'OC-YUC', name: 'OncoCREAN Yucatán', state: 'YUC', kind: 'oncocrean' },
  ]);
  const coordinator = await createAccount(db, ['coordinator'], String(host!._id), 'Dra. Hernández');
  presenter = await createAccount(db, ['presenter'], String(merida!._id), 'Dr. Canul');
  expert = await createAccount(db, ['expert'], String(host!._id), 'Dra. Ramírez');
  sessionId = await scheduleThroughApi(server.url, await signIn(server.url, coordinator.email), {
    title: 'Leucemias agudas',
    hostCenterId: String(host!._id),
    invitedCenterIds: [String(merida!._id)],
  });
});
afterEach(() => closeParticipants(browser));
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (db) await dropTestDatabase(db);
  rmSync(workDir, { recursive: true, force: true });
});

describe('case files in Chromium', () => {
  it('a presenter submits a case with a PDF, watching the upload progress; an expert reads the PDF', async () => {
    const page = await openParticipant(browser, `${server.url}/sesiones/${sessionId}`);
    await signInThroughPage(page, presenter.email, TEST_PASSWORD);
    await page.getByRole('link', { name: 'Registrar caso' }).click();

    await page.getByLabel('Clave del caso').fill('YUC-2026-014');
    await page.getByLabel('Edad · Años').fill('7');
    await page.getByLabel('Estado de residencia').selectOption({ label: 'Yucatán' });
    await page.getByLabel('Diagnóstico (CIE-10)').fill('linfoblastica');
    await page.getByRole('option', { name: /C91\.0/ }).click();
    expect(await page.getByLabel('Diagnóstico', { exact: true }).inputValue()).toMatch(/Leucemia linfoblástica aguda/);
    await page.getByLabel('Grupo de riesgo').fill('Alto riesgo');
    await page.getByLabel('Inmunofenotipo').fill('CD19+ CD10+ CD34+');
    await page.getByLabel('Protocolo actual').fill('Total XV');
    await page.getByLabel('Pregunta para el comité').fill('Paciente: Ximena Cruz Ortega, ¿trasplante en primera remisión?');
    await page.getByRole('button', { name: 'Guardar caso' }).click();
    await page.getByText('Revise la pregunta: sin datos que identifiquen al paciente. Parece contener el nombre de una persona.').waitFor();
    expect(await db.models.cases.countDocuments()).toBe(0);

    await page.getByLabel('Pregunta para el comité').fill('¿Trasplante en primera remisión?');
    await page.getByRole('button', { name: 'Guardar caso' }).click();
    await page.getByRole('heading', { name: /YUC-2026-014/ }).waitFor();
    await page.getByText('Falta: archivos adjuntos').waitFor();

    const pdfPath = path.join(workDir, 'Reporte de patología.pdf');
    writeFileSync(pdfPath, samplePdf('Inmunofenotipo: LLA-B', 3_000_000));
    // A hospital uplink, not loopback: slow enough that the bar has something to show.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 1_000_000 });
    await page.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { progressSeen: number[] }).progressSeen = seen;
      const sample = () => {
        const bar = document.querySelector<HTMLProgressElement>('[data-testid="upload-progress"]');
        if (bar) seen.push(bar.value);
        requestAnimationFrame(sample);
      };
      sample();
    });
    await page.getByLabel(/Adjuntar archivo/).setInputFiles(pdfPath);
    await page.getByText('Archivo Reporte de patología.pdf adjuntado.').waitFor({ timeout: 30_000 });
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
    expect(seen.some((value) => value > 0.05 && value < 0.95)).toBe(true);
    await page.getByText('✔ Completo').waitFor();

    const reader = await openParticipant(browser, `${server.url}/sesiones/${sessionId}`);
    await signInThroughPage(reader, expert.email, TEST_PASSWORD);
    await reader.getByRole('link', { name: /YUC-2026-014/ }).click();
    await reader.getByRole('button', { name: 'Reporte de patología.pdf' }).click();
    const canvas = reader.getByTestId('pdf-canvas');
    await canvas.and(reader.locator('[data-rendered-page="1"]')).waitFor({ timeout: 30_000 });
    const inked = await canvas.evaluate((element: HTMLCanvasElement) => {
      const pixels = element.getContext('2d')!.getImageData(0, 0, element.width, element.height).data;
      let dark = 0;
      for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! < 128) dark += 1;
      return dark;
    });
    expect(inked).toBeGreaterThan(50);

    // Removing a file asks first: the presenter who says no keeps it.
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    const asked: string[] = [];
    page.once('dialog', (dialog) => void (asked.push(dialog.message()), dialog.dismiss()));
    await page.getByRole('button', { name: 'Quitar archivo' }).click();
    await expect.poll(() => asked).toEqual(['¿Quitar el archivo «Reporte de patología.pdf» del caso? No se puede deshacer.']);
    await page.getByText('✔ Completo').waitFor();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Quitar archivo' }).click();
    await page.getByText('Falta: archivos adjuntos').waitFor();
    expect((await db.models.cases.findOne({ caseCode: 'YUC-2026-014' }).lean())?.attachments).toEqual([]);
    await page.context().close();
    await reader.context().close();
  });
});
