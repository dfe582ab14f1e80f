import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { apiClient, createAccount, signIn, TEST_PASSWORD, type TestAccount } from '../support/accounts';
import { audioPeakFrom, closeParticipants, enterSessionRoom, fakeScreenCapture, framesPlayedFrom, launchBrowser, openParticipant, signInThroughPage } from '../support/browser';
import { samplePdf } from '../support/files';
import { createCaseIn, createSessionSoon } from '../support/sessions';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

let db: Database;
let server: TestServer;
let browser: Browser;
let coordinator: TestAccount;
let hostCenterId: string;
let sessionId: string;

const PHONE = { width: 360, height: 740 };

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  browser = await launchBrowser();
  const [host] = await db.models.centers.create([{ code: 'HIMFG', name: 'Hospital Infantil de México', state: 'CDMX', kind: 'hospital' }]);
  hostCenterId = String(host!._id);
  coordinator = await createAccount(db, ['coordinator'], hostCenterId, 'Dra. Hernández');
  sessionId = await createSessionSoon(db, { hostCenterId, createdBy: coordinator.id, title: 'Leucemias' });
  const caseId = await createCaseIn(db, sessionId, { centerId: hostCenterId, createdBy: coordinator.id, diagnosis: 'LLA en recaída' });
  await db.models.sessions.updateOne({ _id: sessionId }, { $set: { agenda: [{ id: crypto.randomUUID(), kind: 'case', caseId, title: 'Caso de leucemia', durationMinutes: 20 }] } });
  // A file whose name, as people do name them, carries the patient's (cases are taken until the session starts).
  await db.models.sessions.updateOne({ _id: sessionId }, { $set: { caseCutoffHours: 0 } });
  const presenter = await createAccount(db, ['presenter'], hostCenterId, 'Dr. Canul');
  const uploaded = await fetch(`${server.url}/api/cases/${caseId}/attachments`, {
    method: 'POST',
    headers: { cookie: await signIn(server.url, presenter.email), 'x-file-name': 'TAC de Juan Pérez.pdf' },
    body: new Uint8Array(samplePdf('Tomografia')),
  });
  expect(uploaded.status).toBe(201);
});
afterEach(() => closeParticipants(browser));
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (db) await dropTestDatabase(db);
});

/** A guest's own browser: a fresh context (no cookie of anyone's), on a 360 px phone, in Spanish. */
async function guestPhone(): Promise<Page> {
  const context = await browser.newContext({ locale: 'es-MX', viewport: PHONE });
  return context.newPage();
}

/** Nothing on the page is wider than the phone. */
const fitsThePhone = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/** The coordinator's invitation through the session page; returns the link shown once. */
async function inviteThroughPage(page: Page, guest: { name: string; affiliation: string }): Promise<string> {
  await page.goto(`${server.url}/sesiones/${sessionId}`);
  const form = page.getByTestId('guest-form');
  await form.getByLabel('Tipo').selectOption({ label: 'Familiar' });
  await form.getByLabel('Nombre (solo el nombre de pila)').fill(guest.name);
  await form.getByLabel('Relación o institución (opcional)').fill(guest.affiliation);
  await form.getByRole('button', { name: 'Invitar' }).click();
  const shown = page.getByTestId('guest-link');
  await shown.getByText('No se envió por correo').waitFor();
  await shown.getByText(/^Funciona del .+ al .+/).waitFor();
  return shown.getByTestId('guest-link-url').inputValue();
}

describe('an invited guest without an account, in Chromium', () => {
  it('joins with their link after the coordinator admits them, sees and hears the room and nothing else, and is sent out when the link is revoked', async () => {
    const chair = await openParticipant(browser, server.url);
    await signInThroughPage(chair, coordinator.email, TEST_PASSWORD);

    // A family member is named by first name only: a surname is refused next to the name, nothing is saved.
    await chair.goto(`${server.url}/sesiones/${sessionId}`);
    const form = chair.getByTestId('guest-form');
    await form.getByLabel('Nombre (solo el nombre de pila)').fill('Rosa María Pérez');
    await form.getByRole('button', { name: 'Invitar' }).click();
    await form.getByText('Para un familiar, solo el nombre de pila, sin apellidos.').waitFor();
    expect(await chair.getByTestId('guest').count()).toBe(0);

    const link = await inviteThroughPage(chair, { name: 'Rosa', affiliation: 'madre de paciente' });
    expect(link).toMatch(/\/invitado#[A-Za-z0-9_-]{43}$/);
    await chair.getByTestId('guest').getByText('sin usar').waitFor();

    // The coordinator is in the room with camera and (beeping) microphone on.
    await chair.getByRole('link', { name: 'Entrar a la sala' }).click();
    await chair.getByRole('button', { name: 'Entrar a la sala' }).click();
    await chair.getByTestId('toggle-microphone').waitFor();

    const guest = await guestPhone();
    await guest.goto(link);
    await guest.waitForURL(`**/sesiones/${sessionId}/sala`);
    // The token leaves the address bar at once; the header names her as a guest, with no menu.
    expect(guest.url()).not.toContain('#');
    await guest.getByTestId('signed-in-user').getByText('Rosa · Invitado').waitFor();
    expect(await guest.getByRole('navigation', { name: 'Menú principal' }).count()).toBe(0);
    expect(await guest.getByRole('link', { name: 'Sesiones' }).count()).toBe(0);

    // Another page of the app, typed in the address bar, leads back to her room; the API refuses her.
    for (const elsewhere of ['/sesiones', '/', '/reportes', `/casos/${sessionId}`]) {
      await guest.goto(`${server.url}${elsewhere}`);
      await guest.waitForURL(`**/sesiones/${sessionId}/sala`);
    }
    expect(await guest.evaluate(() => fetch('/api/sessions').then((response) => response.status))).toBe(403);
    expect(await guest.evaluate(() => fetch('/api/matters').then((response) => response.status))).toBe(403);

    await guest.getByLabel('Entrar con el micrófono encendido').uncheck();
    await guest.getByRole('button', { name: 'Entrar a la sala' }).click();
    await guest.getByText('Espere: la coordinación le dará acceso').waitFor();
    expect(await fitsThePhone(guest)).toBe(true);

    // The coordinator sees her waiting, marked as a guest with what she is to the network, and admits her.
    await chair.getByRole('tab', { name: /Participantes/ }).click();
    const waiting = chair.getByTestId('waiting-person').filter({ hasText: 'Rosa' });
    await waiting.getByText('Invitada/o · familiar').waitFor();
    await waiting.getByText('madre de paciente').waitFor();
    await waiting.getByRole('button', { name: 'Admitir' }).click();

    await guest.getByTestId('toggle-microphone').waitFor();
    await expect.poll(() => framesPlayedFrom(guest, 'Dra. Hernández'), { timeout: 20_000 }).toBeGreaterThan(3);
    await expect.poll(() => audioPeakFrom(guest, 'Dra. Hernández'), { timeout: 20_000 }).toBeGreaterThan(0.01);
    await expect.poll(() => framesPlayedFrom(chair, 'Rosa'), { timeout: 20_000 }).toBeGreaterThan(3);
    await chair.getByTestId('participant').filter({ hasText: 'Rosa' }).getByTestId('guest-badge').waitFor();

    // Nothing of the cases reaches her: no opinions, votes, agreements or files, no case's diagnosis.
    for (const tab of ['Opiniones', 'Acuerdos', 'Archivos']) expect(await guest.getByRole('tab', { name: tab }).count()).toBe(0);
    expect(await guest.getByText('LLA en recaída').count()).toBe(0);
    expect(await guest.getByTestId('share-screen').count()).toBe(0);
    expect(await guest.evaluate(() => fetch('/api/sessions').then((response) => response.status))).toBe(403);
    // The coordinator shows the case's file to the room: she is told a file is shown, not which, nor its pages.
    await chair.getByRole('tab', { name: 'Archivos' }).click();
    await chair.getByRole('button', { name: 'Mostrar a todos' }).click();
    await chair.getByTestId('pdf-canvas').and(chair.locator('[data-rendered-page="1"]')).waitFor({ timeout: 30_000 });
    await guest.getByTestId('file-hidden').getByText('El presentador muestra un archivo del caso; las personas invitadas no lo ven.').waitFor();
    expect(await guest.getByTestId('pdf-canvas').count()).toBe(0);
    expect(await guest.locator('body').innerText()).not.toContain('Juan');
    expect(await fitsThePhone(guest)).toBe(true);

    // The coordinator revokes the link from the session page: she is sent out and told why, in Spanish.
    const manage = await chair.context().newPage();
    await manage.goto(`${server.url}/sesiones/${sessionId}`);
    const listed = manage.getByTestId('guest').filter({ hasText: 'Rosa' });
    await listed.getByText(/usado el/).waitFor();
    manage.once('dialog', (dialog) => void dialog.accept());
    await listed.getByRole('button', { name: 'Revocar' }).click();
    await listed.getByText(/revocado el/).waitFor();

    await guest.waitForURL('**/invitado/fin?motivo=revocada', { timeout: 15_000 });
    await guest.getByText('La coordinación retiró su invitación').waitFor();
    await chair.getByTestId('participant').filter({ hasText: 'Rosa' }).waitFor({ state: 'detached', timeout: 15_000 });

    // The link no longer opens anything.
    await guest.goto(link);
    await guest.getByTestId('guest-entry-message').getByText('La coordinación retiró esta invitación').waitFor();
    expect(await guest.evaluate(() => fetch('/api/auth/me').then((response) => response.status))).toBe(401);
    // Back in her room's address (a reload, the browser's history), she lands on her end page, not on an account's sign-in.
    await guest.goto(`${server.url}/sesiones/${sessionId}/sala`);
    await guest.waitForURL('**/invitado/fin?motivo=cerrada');
    await guest.getByText('Su acceso como invitado terminó').waitFor();

    // Her time in the room is in the session's attendance, marked as a guest's, with no certificate.
    await manage.goto(`${server.url}/sesiones/${sessionId}/asistencia`);
    const entry = manage.getByTestId('attendance-entry').filter({ hasText: 'Rosa' });
    await entry.getByTestId('attendance-guest').getByText('Invitada/o · familiar').waitFor();
    await entry.getByText('madre de paciente').waitFor();
    expect(await entry.getByRole('link', { name: /Constancia/ }).count()).toBe(0);
  });

  it('tells a guest who comes too early when the link opens, on the Mexican clock, and one with a broken link that it is not valid', async () => {
    const later = await createSessionSoon(db, { hostCenterId, createdBy: coordinator.id, title: 'Conferencia', kind: 'keynote', startsInMinutes: 24 * 60 });
    const invited = await apiClient(server.url, await signIn(server.url, coordinator.email))('POST', `/sessions/${later}/guests`, {
      name: 'Dr. Smith',
      kind: 'speaker',
      affiliation: 'Universidad de Toronto',
    });
    expect(invited.status).toBe(201);

    const guest = await guestPhone();
    await guest.goto(invited.body.link as string);
    await guest
      .getByTestId('guest-entry-message')
      .getByText(/Su enlace aún no funciona: podrá entrar desde el .+ \(hora de .+\)/)
      .waitFor();
    expect(guest.url()).not.toContain('#');

    await guest.goto(`${server.url}/invitado#${'x'.repeat(43)}`);
    await guest.getByTestId('guest-entry-message').getByText('Este enlace de invitación no es válido').waitFor();
    expect(await fitsThePhone(guest)).toBe(true);
  });

  it('lets a guest speaker of a keynote share their screen with the room, and still no case file', async () => {
    const keynote = await createSessionSoon(db, { hostCenterId, createdBy: coordinator.id, title: 'Conferencia magistral', kind: 'keynote' });
    const invited = await apiClient(server.url, await signIn(server.url, coordinator.email))('POST', `/sessions/${keynote}/guests`, {
      name: 'Dr. Smith',
      kind: 'speaker',
      affiliation: 'Universidad de Toronto',
    });
    expect(invited.status).toBe(201);
    const chair = await enterSessionRoom(browser, `${server.url}/sesiones/${keynote}/sala`, coordinator);

    const speaker = await guestPhone();
    await speaker.addInitScript(fakeScreenCapture);
    await speaker.goto(invited.body.link as string);
    await speaker.getByTestId('signed-in-user').getByText('Dr. Smith · Ponente invitado').waitFor();
    await speaker.getByRole('button', { name: 'Entrar a la sala' }).click();
    await speaker.getByText('Espere: la coordinación le dará acceso').waitFor();

    await chair.getByRole('tab', { name: /Participantes/ }).click();
    const waiting = chair.getByTestId('waiting-person').filter({ hasText: 'Dr. Smith' });
    await waiting.getByText('Ponente invitado').waitFor();
    await waiting.getByText('Universidad de Toronto').waitFor();
    await waiting.getByRole('button', { name: 'Admitir' }).click();

    await speaker.getByTestId('share-screen').click();
    await chair.waitForFunction(
      () => {
        const video = document.querySelector<HTMLVideoElement>('[data-testid="stage-screen"] video');
        return !!video && video.videoWidth >= 640 && video.currentTime > 0;
      },
      null,
      { timeout: 30_000 },
    );
    expect(await chair.locator('[data-testid="stage-screen"] video').getAttribute('data-name')).toBe('Pantalla de Dr. Smith');
    expect(await speaker.getByRole('tab', { name: 'Archivos' }).count()).toBe(0);
    expect(await fitsThePhone(speaker)).toBe(true);
  });
});
