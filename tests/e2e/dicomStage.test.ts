import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { greyLevel } from '../../client/media/dicomWindow';
import type { Database } from '../../server/db/database';
import { signIn, TEST_PASSWORD, type TestAccount } from '../support/accounts';
import { closeParticipants, enterSessionRoom, launchBrowser, openParticipant, signInThroughPage } from '../support/browser';
import { createHospitalTeam, submitCase } from '../support/caseReview';
import { gradientHu, JPEG_2000, sampleCtSeries, sampleCtSlice } from '../support/dicomFiles';
import { createSessionSoon } from '../support/sessions';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

let db: Database;
let server: TestServer;
let browser: Browser;
let sessionId: string;
let caseId: string;
let phoneCaseId: string;
const people: Record<'presenter' | 'expert', TestAccount> = {} as never;
const workDir = mkdtempSync(path.join(tmpdir(), 'oncoboard-e2e-dicom-'));

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  browser = await launchBrowser();
  const team = await createHospitalTeam(db);
  people.presenter = team.presenter;
  people.expert = team.expert;
  // Cases and their files go in before the cut-off; the room opens shortly before the start.
  sessionId = await createSessionSoon(db, { hostCenterId: team.center, createdBy: team.coordinator.id, title: 'Tumores renales', startsInMinutes: 26 * 60 });
  const cookie = await signIn(server.url, people.presenter.email);
  caseId = await submitCase(server.url, cookie, sessionId, { caseCode: 'CDMX-2026-031', ageYears: 4, sex: 'female', state: 'CDMX', icd10Code: 'C64', diagnosis: 'Tumor de Wilms' });
  // A second case whose series is uploaded over the API, for the phone.
  phoneCaseId = await submitCase(server.url, cookie, sessionId, {
    caseCode: 'CDMX-2026-032',
    ageYears: 9,
    sex: 'male',
    state: 'CDMX',
    icd10Code: 'C64',
    diagnosis: 'Tumor de Wilms bilateral',
  });
  for (const bytes of sampleCtSeries(4, { seriesUid: '1.2.826.0.1.3680043.8.498.1001.7' })) {
    await fetch(`${server.url}/api/cases/${phoneCaseId}/attachments`, { method: 'POST', headers: { cookie, 'x-file-name': 'corte.dcm' }, body: new Uint8Array(bytes) });
  }
});
afterEach(() => closeParticipants(browser));
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (db) await dropTestDatabase(db);
  rmSync(workDir, { recursive: true, force: true });
});

/** The grey at the centre of a canvas, where the middle of the image is at zoom 100. */
const centreGrey = (canvas: Locator) =>
  canvas.evaluate((element: HTMLCanvasElement) => element.getContext('2d')!.getImageData(Math.floor(element.width / 2), Math.floor(element.height / 2), 1, 1).data[0]!);

describe('a DICOM series in Chromium', () => {
  it('is uploaded with its patient data removed, then shown to the room, which follows the presenter’s slice and window', async () => {
    const files = sampleCtSeries(5).map((bytes, index) => {
      const file = path.join(workDir, `IM-0001-000${index + 1}.dcm`);
      writeFileSync(file, bytes);
      return file;
    });
    // One more, from another series, exported compressed: refused, and the page names the compression.
    const compressed = path.join(workDir, 'IM-0002-0001.dcm');
    writeFileSync(compressed, sampleCtSlice({ transferSyntax: JPEG_2000, seriesUid: '1.2.826.0.1.3680043.8.498.1001.5' }));
    files.push(compressed);
    const page = await openParticipant(browser, `${server.url}/casos/${caseId}`);
    await signInThroughPage(page, people.presenter.email, TEST_PASSWORD);
    await page.getByLabel(/Adjuntar archivos/).setInputFiles(files);
    await page.getByText('Se adjuntaron 5 archivos.').waitFor({ timeout: 30_000 });
    await page.getByText('IM-0002-0001.dcm: La imagen DICOM viene comprimida (JPEG 2000) y aquí solo se muestran imágenes sin compresión.', { exact: false }).waitFor();
    const removed = await page.getByText(/^Se eliminaron de la imagen:/).innerText();
    for (const item of ['nombre del paciente', 'identificador del paciente', 'fecha de nacimiento', 'nombre de la institución', 'datos privados del fabricante con texto']) {
      expect(removed).toContain(item);
    }
    await page.getByRole('button', { name: 'CT · ABDOMEN CONTRASTADO' }).click();
    await page.getByTestId('dicom-canvas').and(page.locator('[data-rendered-slice="1"][data-preset="file-1"]')).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('dicom-slice-status').innerText()).toBe('Corte 1 de 5');

    await db.models.sessions.updateOne({ _id: sessionId }, { $set: { startsAt: new Date(Date.now() + 10 * 60_000) } });
    const roomUrl = `${server.url}/sesiones/${sessionId}/sala`;
    const presenter = await enterSessionRoom(browser, roomUrl, people.presenter);
    const expert = await enterSessionRoom(browser, roomUrl, people.expert);
    await presenter.getByRole('tab', { name: 'Archivos' }).click();
    await presenter
      .locator('.files-panel > div')
      .filter({ has: presenter.getByRole('heading', { name: /CDMX-2026-031/ }) })
      .getByRole('button', { name: 'Mostrar a todos' })
      .click();
    const presenterCanvas = presenter.getByTestId('dicom-canvas');
    const expertCanvas = expert.getByTestId('dicom-canvas');
    await expertCanvas.and(expert.locator('[data-rendered-slice="1"]')).waitFor({ timeout: 30_000 });
    await expert.getByText('Siguiendo al presentador').waitFor();
    await presenterCanvas.and(presenter.locator('[data-rendered-slice="1"]')).waitFor({ timeout: 30_000 });

    // Two notches of the wheel over the image: two slices on.
    const box = (await presenterCanvas.boundingBox())!;
    await presenter.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await presenter.mouse.wheel(0, 100);
    await presenter.mouse.wheel(0, 100);
    await presenterCanvas.and(presenter.locator('[data-rendered-slice="3"]')).waitFor();
    await expertCanvas.and(expert.locator('[data-rendered-slice="3"][data-preset="file-1"]')).waitFor({ timeout: 15_000 });
    expect(await expert.getByTestId('dicom-slice-status').innerText()).toBe('Corte 3 de 5');
    const softTissue = await centreGrey(expertCanvas);

    await presenter.getByTestId('dicom-window').selectOption({ label: 'Hueso (400 / 1800)' });
    await expertCanvas.and(expert.locator('[data-rendered-slice="3"][data-preset="bone"][data-window-center="400"][data-window-width="1800"]')).waitFor({ timeout: 15_000 });
    const bone = await centreGrey(expertCanvas);
    // The centre of the canvas falls between the image's middle pixels: values there are interpolated.
    const middleHu = gradientHu(31.5, 31.5, 3);
    expect(Math.abs(softTissue - greyLevel(middleHu, { center: 40, width: 400 }))).toBeLessThanOrEqual(4);
    expect(Math.abs(bone - greyLevel(middleHu, { center: 400, width: 1800 }))).toBeLessThanOrEqual(4);
    expect(softTissue - bone).toBeGreaterThan(40);
    expect(await expert.getByTestId('dicom-window-status').innerText()).toBe('Ventana 400 / 1800');

    // Zoomed in by the presenter: the expert's view is zoomed too.
    await presenter.getByTestId('dicom-zoom-in').click();
    await expertCanvas.and(expert.locator('[data-zoom="150"]')).waitFor({ timeout: 15_000 });
    await presenter.getByRole('button', { name: 'Dejar de mostrar' }).click();
    await expert.getByTestId('shared-file').waitFor({ state: 'detached' });
  });

  it('works on a 360 px phone: the image fits, the slider changes slice, a drag changes the window', async () => {
    const page = await openParticipant(browser, `${server.url}/casos/${phoneCaseId}`);
    await page.setViewportSize({ width: 360, height: 740 });
    await signInThroughPage(page, people.expert.email, TEST_PASSWORD);
    await page.getByRole('button', { name: 'CT · ABDOMEN CONTRASTADO' }).click();
    const canvas = page.getByTestId('dicom-canvas');
    await canvas.and(page.locator('[data-rendered-slice="1"]')).waitFor({ timeout: 30_000 });
    const viewer = (await page.getByTestId('dicom-viewer').boundingBox())!;
    expect(viewer.x).toBeGreaterThanOrEqual(0);
    expect(viewer.x + viewer.width).toBeLessThanOrEqual(360);

    await page.getByTestId('dicom-slider').fill('4');
    await canvas.and(page.locator('[data-rendered-slice="4"]')).waitFor();
    await page.getByTestId('dicom-previous').click();
    await canvas.and(page.locator('[data-rendered-slice="3"]')).waitFor();

    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    const before = await centreGrey(canvas);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2, { steps: 6 });
    await page.mouse.up();
    await canvas.and(page.locator('[data-preset="custom"]')).waitFor();
    expect(Number(await canvas.getAttribute('data-window-width'))).toBeGreaterThan(400);
    expect(await centreGrey(canvas)).not.toBe(before);
  });
});
