import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { createAccount, signIn, TEST_PASSWORD, type TestAccount } from '../support/accounts';
import { scheduleThroughApi } from '../support/sessions';
import { closeParticipants, launchBrowser, openParticipant, signInThroughPage } from '../support/browser';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

let db: Database;
let server: TestServer;
let browser: Browser;
let presenter: TestAccount;
let sessionId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  browser = await launchBrowser();
  const [host, oaxaca] = await db.models.centers.create([
    { code: 'UMAE-HP', name: 'UMAE Hospital de Pediatría CMN Siglo XXI', state: 'CDMX', kind: 'umae' },
    { code: 'OC-OAX', name: 'OncoCREAN Oaxaca', state: 'OAX', kind: 'oncocrean' },
  ]);
  const coordinator = await createAccount(db, ['coordinator'], String(host!._id), 'Dra. Hernández');
  presenter = await createAccount(db, ['presenter'], String(oaxaca!._id), 'Dr. Ruiz');
  sessionId = await scheduleThroughApi(server.url, await signIn(server.url, coordinator.email), {
    title: 'Tumores sólidos',
    hostCenterId: String(host!._id),
    invitedCenterIds: [String(oaxaca!._id)],
  });
});
afterEach(() => closeParticipants(browser));
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (db) await dropTestDatabase(db);
});

async function openNewCaseForm(page: Page): Promise<void> {
  await signInThroughPage(page, presenter.email, TEST_PASSWORD);
  await page.getByRole('link', { name: 'Registrar caso' }).click();
  await page.getByLabel('Diagnóstico (CIE-10)').waitFor();
}

describe('coding a diagnosis in Chromium', () => {
  it('a presenter finds a neuroblastoma by name, by keyboard, stages it with INRG and reads it on the case page', async () => {
    const page = await openParticipant(browser, `${server.url}/sesiones/${sessionId}`);
    await openNewCaseForm(page);
    await page.getByLabel('Clave del caso').fill('OAX-2026-021');
    await page.getByLabel('Edad · Años').fill('2');
    await page.getByLabel('Estado de residencia').selectOption({ label: 'Oaxaca' });

    const icd10 = page.getByLabel('Diagnóstico (CIE-10)');
    await icd10.fill('xyzzy');
    await page.getByText('Sin resultados para «xyzzy»').waitFor();
    expect(await page.getByRole('listbox').count()).toBe(0);

    // ICD-10 names a neuroblastoma by its site: the adrenal gland is the last of the sites offered.
    await icd10.fill('neuroblastoma');
    await page.getByRole('option', { name: /C74\.9/ }).waitFor();
    await icd10.press('ArrowUp');
    await expect.poll(() => page.locator('[role="option"][aria-selected="true"]').textContent()).toMatch(/C74\.9/);
    await icd10.press('Enter');
    expect(await icd10.inputValue()).toBe('C74.9 Tumor maligno de la glándula suprarrenal, parte no especificada');
    expect(await page.getByLabel('Topografía (CIE-O-3)').inputValue()).toBe('C74.9 Glándula suprarrenal, SAI');
    await page.getByLabel('Diagnóstico', { exact: true }).fill('Neuroblastoma suprarrenal derecho');

    const morphology = page.getByLabel('Morfología (CIE-O-3)');
    await morphology.fill('neuroblastoma');
    await morphology.press('Enter');
    expect(await morphology.inputValue()).toBe('9500/3 Neuroblastoma, SAI');
    expect(await page.getByLabel('Comportamiento').inputValue()).toBe('3');

    // Only the systems that fit a neuroblastoma are offered.
    expect(await page.getByLabel('Estadio St. Jude/Murphy').count()).toBe(0);
    await page.getByLabel('Estadio INRG').selectOption('M');
    await page.getByLabel('Grupo de riesgo INRG').selectOption({ label: 'Alto' });
    await page.getByLabel('Protocolo actual').fill('Inducción COJEC');
    await page.getByLabel('Pregunta para el comité').fill('¿Consolidación en tándem?');
    await page.getByRole('button', { name: 'Guardar caso' }).click();

    await page.getByRole('heading', { name: /OAX-2026-021/ }).waitFor();
    const shown = async (term: string) => page.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]').textContent();
    expect(await shown('Estadio INRG')).toBe('M');
    expect(await shown('Grupo de riesgo INRG')).toBe('Alto');
    expect(await shown('Morfología (CIE-O-3)')).toBe('9500/3 · Neuroblastoma, SAI');
    expect(await shown('Topografía (CIE-O-3)')).toBe('C74.9 · Glándula suprarrenal, SAI');
    expect(await page.getByTestId('case-completeness').textContent()).not.toContain('grupo de riesgo o etapa');
    expect(await db.models.cases.findOne({ caseCode: 'OAX-2026-021' }).lean()).toMatchObject({ icdO3Morphology: '9500', icdO3Behaviour: '3', inrgStage: 'M', inrgRisk: 'high' });
  });

  it('on a 360 px phone, LLA gives the lymphoblastic leukaemia first and the list stays on the screen', async () => {
    const context = await browser.newContext({ locale: 'es-MX', viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/sesiones/${sessionId}`);
    await openNewCaseForm(page);

    await page.getByLabel('Diagnóstico (CIE-10)').fill('LLA');
    await expect.poll(() => page.getByRole('listbox').getByRole('option').first().textContent()).toMatch(/^C91\.0 Leucemia linfoblástica aguda/);
    await page.getByLabel('Morfología (CIE-O-3)').fill('LLA');
    await expect.poll(() => page.getByRole('listbox').getByRole('option').first().textContent()).toMatch(/^9811\/3 /);
    // The form and the list of matches stay within the phone's width (the page's header is another matter).
    const within360 = async (box: { x: number; width: number } | null) => {
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(360);
    };
    await within360(await page.getByRole('listbox').boundingBox());
    const form = page.locator('form.case-form');
    await within360(await form.boundingBox());
    await page.getByRole('listbox').getByRole('option').first().click();
    expect(await page.getByLabel('Morfología (CIE-O-3)').inputValue()).toMatch(/^9811\/3 /);
    await page.getByLabel('Riesgo NCI').selectOption({ label: 'Alto' });
    for (const label of ['Comportamiento', 'Riesgo NCI', 'Riesgo final']) await within360(await page.getByLabel(label).boundingBox());
    expect(await form.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    await context.close();
  });
});
