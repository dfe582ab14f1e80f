import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { utcToZonedWallTime } from '../../shared/time';
import { createAccount, TEST_PASSWORD, type TestAccount } from '../support/accounts';
import { closeParticipants, launchBrowser, openParticipant, signInThroughPage } from '../support/browser';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

let db: Database;
let server: TestServer;
let browser: Browser;
let coordinator: TestAccount;
let invitee: TestAccount;

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  browser = await launchBrowser();
  const [host, merida] = await db.models.centers.create([
    { code: 'HIMFG', name: 'Hospital Infantil de México Federico Gómez', state: 'CDMX', kind: 'hospital' },
    { code: 'OC-YUC', name: 'Hospital O’Horán (OncoCREAN)', state: 'YUC', kind: 'oncocrean' },
  ]);
  coordinator = await createAccount(db, ['coordinator'], String(host!._id), 'Dra. Hernández');
  invitee = await createAccount(db, ['attendee'], String(merida!._id), 'Dr. Canul');
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
    await page.getByLabel('Tipo').last().selectOption({ label: 'Seguimiento de acuerdos' });
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
