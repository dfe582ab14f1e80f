import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { signIn, type TestAccount } from '../support/accounts';
import { closeParticipants, enterSessionRoom, fakeScreenCapture, launchBrowser } from '../support/browser';
import { createHospitalTeam, submitCase } from '../support/caseReview';
import { samplePdf } from '../support/files';
import { createSessionSoon } from '../support/sessions';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

let db: Database;
let server: TestServer;
let browser: Browser;
let sessionId: string;
const people: Record<'presenter' | 'expert', TestAccount> = {} as never;

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  browser = await launchBrowser();
  const team = await createHospitalTeam(db);
  people.presenter = team.presenter;
  people.expert = team.expert;
  sessionId = await createSessionSoon(db, { hostCenterId: team.center, createdBy: team.coordinator.id, title: 'Tumores renales', startsInMinutes: 26 * 60 });
  // Cases are submitted before the cut-off; the room then opens shortly before the start.
  const cookie = await signIn(server.url, people.presenter.email);
  const caseId = await submitCase(server.url, cookie, sessionId, {
    caseCode: 'CDMX-2026-021',
    ageYears: 4,
    sex: 'female',
    state: 'CDMX',
    icd10Code: 'C64',
    diagnosis: 'Tumor de Wilms',
  });
  await fetch(`${server.url}/api/cases/${caseId}/attachments`, {
    method: 'POST',
    headers: { cookie, 'x-file-name': 'tomografia.pdf' },
    body: new Uint8Array(samplePdf('Tomografia', 0, 2)),
  });
  await db.models.sessions.updateOne({ _id: sessionId }, { $set: { startsAt: new Date(Date.now() + 10 * 60_000) } });
});
afterEach(() => closeParticipants(browser));
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (db) await dropTestDatabase(db);
});

const enter = (account: TestAccount) =>
  enterSessionRoom(browser, `${server.url}/sesiones/${sessionId}/sala`, account, { prepare: async (page) => void (await page.addInitScript(fakeScreenCapture)) });

describe('the stage of a session room in Chromium', () => {
  it('shows the presenter’s screen on everyone’s stage, then a case PDF that follows the presenter’s page', async () => {
    const presenter = await enter(people.presenter);
    const expert = await enter(people.expert);
    expect(await expert.getByTestId('share-screen').count()).toBe(0);

    await presenter.getByTestId('share-screen').click();
    const screen = expert.locator('[data-testid="stage-screen"] video');
    await expert.waitForFunction(
      () => {
        const video = document.querySelector<HTMLVideoElement>('[data-testid="stage-screen"] video');
        return !!video && video.videoWidth >= 640 && video.currentTime > 0;
      },
      null,
      { timeout: 30_000 },
    );
    expect(await screen.getAttribute('data-name')).toBe('Pantalla de Dr. Canul');
    await presenter.getByTestId('share-screen').click();
    await expert.getByTestId('stage').waitFor({ state: 'detached' });

    await presenter.getByRole('tab', { name: 'Archivos' }).click();
    await presenter.getByRole('button', { name: 'Mostrar a todos' }).click();
    const expertCanvas = expert.getByTestId('pdf-canvas');
    await expertCanvas.and(expert.locator('[data-rendered-page="1"]')).waitFor({ timeout: 30_000 });
    await expert.getByText('Siguiendo al presentador').waitFor();

    await presenter.getByTestId('pdf-canvas').and(presenter.locator('[data-rendered-page="1"]')).waitFor({ timeout: 30_000 });
    await presenter.getByTestId('pdf-next').click();
    await expertCanvas.and(expert.locator('[data-rendered-page="2"]')).waitFor({ timeout: 15_000 });
    expect(await expert.getByTestId('pdf-page-status').innerText()).toBe('Página 2 de 2');

    // Zoomed in and scrolled to the bottom by the presenter: the expert sees the same spot.
    await presenter.getByTestId('pdf-zoom-in').click();
    await expert.getByTestId('pdf-zoom').filter({ hasText: '150' }).waitFor();
    await presenter.locator('.viewer-stage').evaluate((stage: HTMLElement) => stage.scrollTo({ top: stage.scrollHeight }));
    const scrolledFraction = (page: Page) => page.locator('.viewer-stage').evaluate((stage: HTMLElement) => stage.scrollTop / Math.max(1, stage.scrollHeight - stage.clientHeight));
    await expect.poll(() => scrolledFraction(expert), { timeout: 10_000 }).toBeGreaterThan(0.95);

    await presenter.getByRole('button', { name: 'Dejar de mostrar' }).click();
    await expert.getByTestId('shared-file').waitFor({ state: 'detached' });
    await presenter.context().close();
    await expert.context().close();
  });
});
