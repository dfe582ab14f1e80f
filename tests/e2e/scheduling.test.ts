import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { utcToZonedWallTime } from '../../shared/time';
import { apiClient, createAccount, signIn, TEST_PASSWORD, type TestAccount } from '../support/accounts';
import { closeParticipants, enterSessionRoom, launchBrowser, openParticipant, signInThroughPage } from '../support/browser';
import { createSessionSoon } from '../support/sessions';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

let db: Database;
let server: TestServer;
let browser: Browser;
let coordinator: TestAccount;
let invitee: TestAccount;
let presenter: TestAccount;
let newcomer: TestAccount;
let hostCenter: string;
let meridaCenter: string;
let coordinatorApi: ReturnType<typeof apiClient>;

const wallTimeIn = (ms: number) => utcToZonedWallTime(new Date(Date.now() + ms), 'America/Mexico_City');

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  browser = await launchBrowser();
  const [host, merida, monterrey] = await db.models.centers.create([
    { code: 'HIMFG', name: 'Hospital Infantil de México Federico Gómez', state: 'CDMX', kind: 'hospital' },
    { code: 'OC-YUC', name: 'Hospital O’Horán (OncoCREAN)', state: 'YUC', kind: 'oncocrean' },
    { code: 'HU-NL', name: 'Hospital Universitario de Nuevo León', state: 'NL', kind: 'hospital' },
  ]);
  hostCenter = String(host!._id);
  meridaCenter = String(merida!._id);
  coordinator = await createAccount(db, ['coordinator'], hostCenter, 'Dra. Hernández');
  invitee = await createAccount(db, ['attendee'], meridaCenter, 'Dr. Canul');
  presenter = await createAccount(db, ['presenter'], meridaCenter, 'Dra. Pech');
  newcomer = await createAccount(db, ['expert'], String(monterrey!._id), 'Dr. Garza');
  coordinatorApi = apiClient(server.url, await signIn(server.url, coordinator.email));
});
afterEach(() => closeParticipants(browser));
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (db) await dropTestDatabase(db);
});

describe('scheduling a session in Chromium', () => {
  it('a coordinator schedules and orders the agenda; the invited centre sees it', async () => {
    const page = await openParticipant(browser, `${server.url}/sesiones/nueva`);
    await signInThroughPage(page, coordinator.email, TEST_PASSWORD);
    await page.getByRole('heading', { name: 'Programar sesión' }).waitFor();

    await page.getByRole('button', { name: 'Programar' }).click();
    await page.getByText('El título debe tener de 3 a 200 caracteres.').waitFor();

    const nextWeek = utcToZonedWallTime(new Date(Date.now() + 7 * 86_400_000), 'America/Mexico_City').slice(0, 11) + '10:00';
    await page.getByLabel('Título').fill('Tumores del sistema nervioso central');
    await page.getByLabel('Fecha y hora de inicio').fill(nextWeek);
    await page.getByLabel('Duración (minutos)').fill('60');
    await page.getByLabel('Centro sede').selectOption({ label: 'Hospital Infantil de México Federico Gómez' });
    await page.getByRole('searchbox', { name: 'Centros invitados' }).fill('yucatan');
    await page.getByLabel('Hospital O’Horán (OncoCREAN)').check();
    await page.getByRole('button', { name: 'Programar' }).click();
    await page.getByRole('heading', { name: /Sesión 1 · Tumores del sistema nervioso central/ }).waitFor();
    expect(await page.getByText('10:00').first().isVisible()).toBe(true);

    for (const [title, minutes] of [
      ['Caso: meduloblastoma en recaída', '20'],
      ['Seguimiento de acuerdos', '10'],
    ] as const) {
      await page.getByRole('button', { name: 'Agregar punto' }).click();
      await page.getByLabel('Tema').last().fill(title);
      await page.getByLabel('Minutos').last().fill(minutes);
    }
    await page.getByTestId('agenda-item').last().getByLabel('Tipo').selectOption({ label: 'Seguimiento de acuerdos' });
    const items = page.getByTestId('agenda-item');
    await items.nth(1).dragTo(items.nth(0));
    await page.getByRole('button', { name: 'Guardar orden del día' }).click();
    await page.getByText('Orden del día guardado.').waitFor();

    await page.getByRole('button', { name: 'Agregar punto' }).click();
    await page.getByLabel('Tema').last().fill('Caso sin tiempo');
    await page.getByLabel('Minutos').last().fill('45');
    await page.getByRole('button', { name: 'Guardar orden del día' }).click();
    await page.getByText('Los puntos del orden del día no caben en la duración de la sesión').waitFor();

    const viewer = await openParticipant(browser, server.url);
    await signInThroughPage(viewer, invitee.email, TEST_PASSWORD);
    await viewer.getByRole('link', { name: /Sesión 1 · Tumores del sistema nervioso central/ }).click();
    const agenda = viewer.getByTestId('agenda-item');
    await agenda.first().waitFor();
    expect(await agenda.allInnerTexts()).toEqual([
      expect.stringMatching(/^10:00.*Seguimiento de acuerdos\s+Seguimiento de acuerdos/s),
      expect.stringMatching(/^10:10.*Caso clínico\s+Caso: meduloblastoma en recaída/s),
    ]);

    await page.getByRole('button', { name: 'Cancelar sesión' }).click();
    await page.getByLabel('Motivo de la cancelación').fill('Día inhábil por contingencia');
    await page.getByRole('button', { name: 'Confirmar cancelación' }).click();
    await page.getByTestId('session-status').filter({ hasText: 'Cancelada' }).waitFor();
    await viewer.getByTestId('toast').filter({ hasText: 'La sesión 1 cambió: Cancelada: Día inhábil por contingencia' }).waitFor();
    await page.context().close();
    await viewer.context().close();
  });
});

describe('session pages that follow the changes', () => {
  it('an invitee’s page shows «Entrar a la sala» when the room opens, and the session start and end, without a reload', async () => {
    // The room opens 30 minutes before the start: a few seconds after the page is shown.
    const sessionId = await createSessionSoon(db, {
      hostCenterId: hostCenter,
      invitedCenterIds: [meridaCenter],
      createdBy: coordinator.id,
      startsInMinutes: 30 + 8 / 60,
      title: 'Linfomas',
    });
    const viewer = await openParticipant(browser, `${server.url}/sesiones/${sessionId}`);
    await signInThroughPage(viewer, invitee.email, TEST_PASSWORD);
    const enter = viewer.getByRole('link', { name: 'Entrar a la sala' });
    await viewer.getByTestId('session-status').filter({ hasText: 'Programada' }).waitFor();
    expect(await enter.count()).toBe(0);
    await enter.waitFor({ timeout: 20_000 });

    await enterSessionRoom(browser, `${server.url}/sesiones/${sessionId}/sala`, coordinator);
    await viewer.getByTestId('session-status').filter({ hasText: 'En curso' }).waitFor();
    await viewer
      .getByTestId('toast')
      .filter({ hasText: /La sesión \d+ comenzó: la sala está abierta/ })
      .waitFor();

    expect((await coordinatorApi('POST', `/sessions/${sessionId}/end`)).status).toBe(201);
    await viewer.getByTestId('session-status').filter({ hasText: 'Concluida' }).waitFor();
    await viewer.getByRole('link', { name: 'Minuta' }).waitFor();
    expect(await enter.count()).toBe(0);
  });

  it('a reschedule changes title, time, cut-off and centres together; the invitee and the centre added see it at once, the coordinator is not told back', async () => {
    const created = await coordinatorApi('POST', '/sessions', {
      kind: 'case_review',
      title: 'Sarcomas',
      startsAtLocal: wallTimeIn(7 * 86_400_000).slice(0, 11) + '10:00',
      durationMinutes: 60,
      hostCenterId: hostCenter,
      invitedCenterIds: [meridaCenter],
    });
    const { id, number } = created.body.session;
    const viewer = await openParticipant(browser, `${server.url}/sesiones/${id}`);
    await signInThroughPage(viewer, invitee.email, TEST_PASSWORD);
    await viewer.getByRole('heading', { name: `Sesión ${number} · Sarcomas` }).waitFor();
    const newcomerHome = await openParticipant(browser, server.url);
    await signInThroughPage(newcomerHome, newcomer.email, TEST_PASSWORD);
    await newcomerHome.getByText('No tiene sesiones programadas.').waitFor();

    const page = await openParticipant(browser, `${server.url}/sesiones/${id}`);
    await signInThroughPage(page, coordinator.email, TEST_PASSWORD);
    await page.getByRole('button', { name: 'Reprogramar' }).click();
    const form = page.getByTestId('reschedule-form');
    const later = wallTimeIn(3 * 3_600_000);
    await form.getByLabel('Título').fill('Sarcomas de partes blandas');
    await form.getByLabel('Fecha y hora de inicio').fill(later);
    // The day-before cut-off the session had is already past for a session in three hours.
    await form.getByTestId('cutoff-warning').waitFor();
    await form.getByRole('button', { name: 'Usar 1 h antes' }).click();
    await form.getByTestId('cutoff-at').waitFor();
    expect(await form.getByLabel('Plazo para registrar casos (horas antes del inicio)').inputValue()).toBe('1');
    await form.getByRole('searchbox', { name: 'Centros invitados' }).fill('nuevo leon');
    await form.getByLabel('Hospital Universitario de Nuevo León').check();
    // Meanwhile the agenda changes elsewhere: the page follows it, and what was typed in the form stays.
    const agenda = [{ kind: 'case', title: 'Caso: rabdomiosarcoma orbitario', durationMinutes: 20 }];
    expect((await coordinatorApi('PUT', `/sessions/${id}/agenda`, { version: 0, agenda })).status).toBe(200);
    await form.getByText('Alguien más acaba de cambiar esta sesión').waitFor();
    expect(await page.getByLabel('Tema').inputValue()).toBe('Caso: rabdomiosarcoma orbitario');
    expect(await form.getByLabel('Título').inputValue()).toBe('Sarcomas de partes blandas');
    expect(await form.getByLabel('Fecha y hora de inicio').inputValue()).toBe(later);
    await form.getByRole('button', { name: 'Guardar cambios' }).click();
    await page.getByText('Sesión reprogramada; los centros invitados verán el cambio.').waitFor();

    await viewer.getByRole('heading', { name: `Sesión ${number} · Sarcomas de partes blandas` }).waitFor();
    await viewer.getByText(/Reprogramada: antes era el/).waitFor();
    const stored = (await coordinatorApi('GET', `/sessions/${id}`)).body.session;
    expect(stored).toMatchObject({ title: 'Sarcomas de partes blandas', caseCutoffHours: 1, invitedCenterIds: [meridaCenter, newcomer.centerId], agenda });
    expect(utcToZonedWallTime(new Date(stored.startsAt), 'America/Mexico_City')).toBe(later);
    // The page says the new start the way it says any date: as the browser formats it in Mexico City.
    const shown = await viewer.evaluate(
      (iso) => new Intl.DateTimeFormat('es-MX', { dateStyle: 'full', timeStyle: 'short', timeZone: 'America/Mexico_City', hourCycle: 'h23' }).format(new Date(iso)),
      stored.startsAt as string,
    );
    await viewer.locator('.session-page strong').filter({ hasText: shown }).waitFor();
    await viewer
      .getByTestId('toast')
      .filter({ hasText: `La sesión ${number} cambió: ${shown}` })
      .waitFor();
    await newcomerHome
      .getByTestId('session-card')
      .getByRole('link', { name: `Sesión ${number} · Sarcomas de partes blandas` })
      .waitFor();
    await newcomerHome
      .getByTestId('toast')
      .filter({ hasText: `Su centro fue invitado a la sesión ${number} · Sarcomas de partes blandas` })
      .waitFor();
    expect(await page.getByTestId('toast').count()).toBe(0);
  });

  it('a session scheduled for later today takes cases, and its page lists them as they come', async () => {
    const page = await openParticipant(browser, `${server.url}/sesiones/nueva`);
    await signInThroughPage(page, coordinator.email, TEST_PASSWORD);
    await page.getByLabel('Título').fill('Retinoblastoma: casos urgentes');
    await page.getByLabel('Fecha y hora de inicio').fill(wallTimeIn(5 * 3_600_000));
    // Half of the time left before the session, in whole hours: presenters still have hours to submit.
    expect(await page.getByLabel('Plazo para registrar casos (horas antes del inicio)').inputValue()).toBe('2');
    await page.getByTestId('cutoff-at').waitFor();
    await page.getByLabel('Plazo para registrar casos (horas antes del inicio)').fill('24');
    await page.getByTestId('cutoff-warning').filter({ hasText: 'nadie podrá registrar casos' }).waitFor();
    await page.getByRole('button', { name: 'Usar 2 h antes' }).click();
    await page.getByLabel('Centro sede').selectOption({ label: 'Hospital Infantil de México Federico Gómez' });
    await page.getByRole('searchbox', { name: 'Centros invitados' }).fill('yucatan');
    await page.getByLabel('Hospital O’Horán (OncoCREAN)').check();
    await page.getByRole('button', { name: 'Programar' }).click();
    await page.getByRole('heading', { name: /Retinoblastoma: casos urgentes/ }).waitFor();
    expect(await page.getByTestId('cutoff-closed').count()).toBe(0);
    await page.getByText('Aún no hay casos registrados para esta sesión.').waitFor();

    const presenting = await openParticipant(browser, page.url());
    await signInThroughPage(presenting, presenter.email, TEST_PASSWORD);
    await presenting.getByRole('link', { name: 'Registrar caso' }).click();
    await presenting.getByLabel('Clave del caso').fill('YUC-2026-031');
    await presenting.getByLabel('Edad · Años').fill('2');
    await presenting.getByLabel('Estado de residencia').selectOption({ label: 'Yucatán' });
    await presenting.getByLabel('Diagnóstico (CIE-10)').fill('retina');
    await presenting.getByRole('option', { name: /C69\.2/ }).click();
    await presenting.getByRole('button', { name: 'Guardar caso' }).click();
    await presenting.getByRole('heading', { name: /YUC-2026-031/ }).waitFor();

    await page.getByTestId('case-link').filter({ hasText: 'YUC-2026-031' }).waitFor();
  });
});
