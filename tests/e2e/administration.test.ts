import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { createAccount, createCenter, TEST_PASSWORD, type TestAccount } from '../support/accounts';
import { closeParticipants, launchBrowser, openParticipant, signInThroughPage } from '../support/browser';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

let db: Database;
let server: TestServer;
let browser: Browser;
let admin: TestAccount;

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  browser = await launchBrowser();
  admin = await createAccount(db, ['admin'], await createCenter(db, 'CDMX'), 'Dra. Castillo');
});
afterEach(() => closeParticipants(browser));
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (db) await dropTestDatabase(db);
});

describe('administration in Chromium', () => {
  it('an administrator adds a centre and an account, then changes its role; the new account signs in', async () => {
    const page = await openParticipant(browser, `${server.url}/admin/centros`);
    await signInThroughPage(page, admin.email, TEST_PASSWORD);
    await page.getByRole('heading', { name: 'Nuevo centro' }).waitFor();
    await page.getByLabel('Clave').fill('HG-ZAC');
    await page.getByLabel('Nombre').fill('Hospital General de Zacatecas');
    await page.getByLabel('Estado', { exact: true }).selectOption({ label: 'Zacatecas' });
    await page.getByLabel('Tipo').selectOption({ label: 'Hospital' });
    await page.getByRole('button', { name: 'Crear' }).click();
    await page.getByText('Centro Hospital General de Zacatecas guardado.').waitFor();

    await page.getByRole('link', { name: 'Cuentas' }).click();
    await page.getByRole('heading', { name: 'Nueva cuenta' }).waitFor();
    await page.getByLabel('Nombre').fill('Dr. Mario Ruiz');
    await page.getByLabel('Correo electrónico').fill('mario.ruiz@zacatecas.mx');
    await page.getByLabel('Centro', { exact: true }).selectOption({ label: 'Hospital General de Zacatecas' });
    await page.getByLabel('Contraseña inicial').fill('corta');
    await page.getByRole('button', { name: 'Crear' }).click();
    const refused = page.getByText('La contraseña debe tener al menos 10 caracteres y no ser fácil de adivinar');
    await refused.waitFor();
    await page.getByLabel('Contraseña inicial').fill('mario.ruiz2026');
    await page.getByRole('button', { name: 'Crear' }).click();
    await refused.waitFor();
    await page.getByLabel('Contraseña inicial').fill('Ruta-del-ocre-73');
    await page.getByRole('button', { name: 'Crear' }).click();
    await page.getByText('Cuenta de Dr. Mario Ruiz guardada.').waitFor();

    await page
      .getByRole('row', { name: /Dr\. Mario Ruiz/ })
      .getByRole('button', { name: 'Editar' })
      .click();
    await page.getByLabel('Asistente').uncheck();
    await page.getByLabel('Presentador').check();
    await page.getByRole('button', { name: 'Guardar cambios' }).click();
    await page.getByRole('row', { name: /Dr\. Mario Ruiz.*Presentador/ }).waitFor();

    const newcomer = await openParticipant(browser, server.url);
    await signInThroughPage(newcomer, 'mario.ruiz@zacatecas.mx', 'Ruta-del-ocre-73');
    expect(await newcomer.getByTestId('signed-in-user').innerText()).toBe('Dr. Mario Ruiz · Presentador');
    await page.context().close();
    await newcomer.context().close();
  });
});
