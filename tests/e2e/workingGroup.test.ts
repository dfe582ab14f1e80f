import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { DEFAULT_TIME_ZONE } from '../../shared/mexico';
import { utcToZonedWallTime } from '../../shared/time';
import { apiClient, createAccount, signIn, TEST_PASSWORD, type TestAccount } from '../support/accounts';
import { closeParticipants, enterSessionRoom, launchBrowser, openParticipant, signInThroughPage } from '../support/browser';
import { createSessionSoon } from '../support/sessions';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

let db: Database;
let server: TestServer;
let browser: Browser;
let meeting: string;
let nextMeeting: string;
const centers = { host: '', office: '', hospital: '' };
const people: Record<'chair' | 'authority', TestAccount> = {} as never;
const PHONE = { width: 360, height: 640 };

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  browser = await launchBrowser();
  // A laboratory too: it is never offered as an invitee.
  const [host, office, hospital] = await db.models.centers.create([
    { code: 'HIMFG', name: 'Hospital Infantil de México', state: 'CDMX', kind: 'hospital' },
    { code: 'SS-CHIS', name: 'Servicios de Salud de Chiapas', state: 'CHIS', kind: 'office' },
    { code: 'HEP-CHIS', name: 'Hospital de Especialidades Pediátricas', state: 'CHIS', kind: 'hospital' },
    { code: 'LAB-CDMX', name: 'Laboratorio Central de Referencia', state: 'CDMX', kind: 'laboratory' },
  ]);
  [centers.host, centers.office, centers.hospital] = [String(host!._id), String(office!._id), String(hospital!._id)];
  people.chair = await createAccount(db, ['coordinator'], centers.host, 'Dra. Hernández');
  people.authority = await createAccount(db, ['attendee'], centers.office, 'Lic. Gómez');
  const invited = { kind: 'working_group' as const, hostCenterId: centers.host, invitedCenterIds: [centers.office, centers.hospital], createdBy: people.chair.id };
  meeting = await createSessionSoon(db, { ...invited, title: 'Mesa de trabajo 161', startsInMinutes: 5, quorumSpecialties: 0 });
  nextMeeting = await createSessionSoon(db, { ...invited, title: 'Mesa de trabajo 162', startsInMinutes: 14 * 24 * 60, quorumSpecialties: 0 });
});
afterEach(() => closeParticipants(browser));
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (db) await dropTestDatabase(db);
});

const inDays = (days: number) => utcToZonedWallTime(new Date(Date.now() + days * 86_400_000), DEFAULT_TIME_ZONE).slice(0, 10);

/** Nothing on the page makes the person scroll sideways. */
async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const widths = await page.evaluate(() => ({ page: document.scrollingElement!.scrollWidth, window: innerWidth }));
  expect(widths.page, `${where} at ${PHONE.width} px`).toBeLessThanOrEqual(widths.window);
}

/**
 * A mother invited to the meeting without an account: she opens her link in her own browser, waits
 * in the lobby and the coordinator admits her; she is left in the room, on its matters.
 */
async function familyJoins(chair: Page, name: string): Promise<Page> {
  const invited = await apiClient(server.url, await signIn(server.url, people.chair.email))('POST', `/sessions/${meeting}/guests`, {
    name,
    kind: 'family',
    affiliation: 'madre de paciente',
  });
  expect(invited.status).toBe(201);
  const family = await (await browser.newContext({ locale: 'es-MX', viewport: PHONE })).newPage();
  await family.goto(invited.body.link);
  await family.getByLabel('Entrar con el micrófono encendido').uncheck();
  await family.getByRole('button', { name: 'Entrar a la sala' }).click();
  await family.getByText('Espere: la coordinación le dará acceso').waitFor();
  await chair.getByRole('tab', { name: /Participantes/ }).click();
  await chair.getByTestId('waiting-person').filter({ hasText: name }).getByRole('button', { name: 'Admitir' }).click();
  await family.getByTestId('toggle-microphone').waitFor();
  await family.getByRole('tab', { name: 'Asuntos' }).click();
  return family;
}

describe('working-group meetings with families in Chromium', () => {
  it('schedules a meeting with families: no case cut-off, quorum or credit threshold, offices apart, an agenda without cases', async () => {
    const page = await openParticipant(browser, `${server.url}/sesiones/nueva`);
    await signInThroughPage(page, people.chair.email, TEST_PASSWORD);
    await page.getByLabel('Tipo de sesión').selectOption({ label: 'Mesa de trabajo con familias' });
    expect(await page.getByLabel('Plazo para registrar casos (horas antes del inicio)').count()).toBe(0);
    expect(await page.getByLabel('Quórum: especialidades distintas para una recomendación').count()).toBe(0);
    expect(await page.getByLabel('Asistencia mínima para constancia (% de la duración)').count()).toBe(0);
    const offices = page.getByRole('group', { name: 'Autoridad o dependencia' });
    await offices.getByLabel('Servicios de Salud de Chiapas').check();
    expect(
      await page
        .getByRole('group', { name: /^Centros invitados/ })
        .getByText('Laboratorio Central de Referencia')
        .count(),
    ).toBe(0);
    expect(await page.getByLabel('Centro sede').locator('option', { hasText: 'Laboratorio Central de Referencia' }).count()).toBe(0);
    await page.getByLabel('Título').fill('Mesa de trabajo 163');
    await page.getByLabel('Fecha y hora de inicio').fill(`${inDays(3)}T10:00`);
    await page.getByLabel('Centro sede').selectOption({ label: 'Hospital Infantil de México' });
    await page.getByRole('button', { name: 'Programar' }).click();

    await page.getByRole('heading', { name: /Mesa de trabajo 163/ }).waitFor();
    await page.getByText('Mesa de trabajo con familias').first().waitFor();
    expect(await page.getByText(/Registro de casos/).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Casos' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Agregar punto' }).click();
    const kinds = await page.getByTestId('agenda-item').getByLabel('Tipo').locator('option').allTextContents();
    expect(kinds).toEqual(['Seguimiento de acuerdos', 'Otro']);
  });

  it('records a matter a mother raises and its agreement to the state office, lists them in the minutes, follows the matter up at the next meeting and counts it in the reports', async () => {
    const roomUrl = `${server.url}/sesiones/${meeting}/sala`;
    const chair = await enterSessionRoom(browser, roomUrl, people.chair);
    const authority = await enterSessionRoom(browser, roomUrl, people.authority);
    const family = await familyJoins(chair, 'Rosa');
    // No case is shown at a meeting with families: no opinions, agreements of cases or case files.
    expect(await chair.getByRole('tab', { name: 'Opiniones' }).count()).toBe(0);
    await chair.getByRole('tab', { name: 'Asuntos' }).click();
    await authority.getByRole('tab', { name: 'Asuntos' }).click();

    // Refused before anything is sent, each field says why in Spanish; what was typed stays.
    const form = chair.getByTestId('matter-form');
    await form.getByLabel('Descripción del asunto').fill('Desde octubre falta metotrexato en el hospital de Tuxtla Gutiérrez');
    await form.getByLabel('Planteado por (solo el nombre de pila)').fill('Rosa Pérez López');
    await form.getByRole('button', { name: 'Registrar asunto' }).click();
    await form.getByText('Elija el tema del asunto.').waitFor();
    await form.getByText('Elija el estado al que se refiere el asunto.').waitFor();
    await form.getByText('Escriba solo el nombre de pila (una o dos palabras, solo letras), sin apellidos.').waitFor();
    expect(await form.getByLabel('Descripción del asunto').inputValue()).toBe('Desde octubre falta metotrexato en el hospital de Tuxtla Gutiérrez');

    await form.getByLabel('Tema').selectOption({ label: 'Abasto de medicamentos' });
    await form.getByLabel('Estado').selectOption({ label: 'Chiapas' });
    await form.getByLabel('Hospital (opcional)').selectOption({ label: 'Hospital de Especialidades Pediátricas' });
    await form.getByLabel('Planteado por (solo el nombre de pila)').fill('Rosa');
    await form.getByRole('button', { name: 'Registrar asunto' }).click();
    const matter = chair.getByTestId('session-matters').getByTestId('matter').filter({ hasText: 'metotrexato' });
    await matter.waitFor();
    for (const shown of ['Abasto de medicamentos', 'Chiapas', 'Hospital: Hospital de Especialidades Pediátricas', 'planteado por Rosa', 'Abierto'])
      await matter.getByText(shown).first().waitFor();
    const number = (await matter.locator('strong').first().textContent())!.trim();
    expect(number).toMatch(/^Asunto \d+$/);
    // Everyone in the room sees it as it is recorded.
    await authority.getByTestId('session-matters').getByTestId('matter').filter({ hasText: 'planteado por Rosa' }).waitFor();
    await family.getByTestId('session-matters').getByTestId('matter').filter({ hasText: 'metotrexato' }).waitFor();

    // The coordinator corrects what was said; everyone reads the correction.
    await matter.getByRole('button', { name: 'Corregir' }).click();
    const correction = matter.getByTestId('matter-correction');
    await correction.getByLabel('Descripción del asunto').fill('Desde octubre faltan metotrexato y mercaptopurina en el hospital de Tuxtla Gutiérrez');
    await correction.getByRole('button', { name: 'Guardar cambios' }).click();
    await correction.waitFor({ state: 'detached' });
    await matter.getByText('faltan metotrexato y mercaptopurina').waitFor();
    await family.getByTestId('matter').getByText('faltan metotrexato y mercaptopurina').waitFor();
    expect(await family.getByRole('button', { name: 'Corregir' }).count()).toBe(0);

    await matter.getByRole('button', { name: 'Registrar acuerdo' }).click();
    await matter.getByLabel('Acuerdo', { exact: true }).fill('Surtir metotrexato al hospital de Tuxtla Gutiérrez');
    const responsible = matter.getByLabel('Centro responsable');
    expect(await responsible.locator('optgroup[label="Autoridad o dependencia"] option').allTextContents()).toEqual(['Servicios de Salud de Chiapas']);
    await responsible.selectOption({ label: 'Servicios de Salud de Chiapas' });
    await matter.getByLabel('Fecha compromiso').fill(inDays(14));
    await matter.getByRole('button', { name: 'Registrar acuerdo' }).click();
    const agreement = matter.getByTestId('agreement').filter({ hasText: 'Surtir metotrexato' });
    await agreement.filter({ hasText: 'Responsable: Servicios de Salud de Chiapas' }).filter({ hasText: 'Pendiente' }).waitFor();
    await authority.getByTestId('agreement').filter({ hasText: 'Surtir metotrexato' }).waitFor();
    // The mother reads the agreement as it is recorded, and records nothing herself.
    await family.getByTestId('agreement').filter({ hasText: 'Responsable: Servicios de Salud de Chiapas' }).waitFor();
    expect(await family.getByTestId('matter-form').count()).toBe(0);
    expect(await family.getByRole('button', { name: 'Registrar acuerdo' }).count()).toBe(0);

    // An agreement of the meeting that answers no matter.
    await chair.getByRole('button', { name: 'Registrar otro acuerdo' }).click();
    const other = chair
      .locator('form')
      .filter({ has: chair.getByLabel('Fecha compromiso') })
      .last();
    await other.getByLabel('Acuerdo', { exact: true }).fill('Invitar a la farmacia estatal a la próxima reunión');
    await other.getByLabel('Centro responsable').selectOption({ label: 'Servicios de Salud de Chiapas' });
    await other.getByLabel('Fecha compromiso').fill(inDays(14));
    await other.getByRole('button', { name: 'Registrar acuerdo' }).click();
    await chair.getByTestId('other-agreements').getByText('Invitar a la farmacia estatal').waitFor();
    await family.getByTestId('other-agreements').getByText('Invitar a la farmacia estatal').waitFor();

    // At 360 px the panel is a sheet over the room, and nothing makes the page scroll sideways.
    await chair.setViewportSize(PHONE);
    await matter.waitFor();
    await expectNoSidewaysScroll(chair, 'the room with its matters');
    await chair.setViewportSize({ width: 1280, height: 800 });

    chair.on('dialog', (dialog) => void dialog.accept());
    await chair.getByTestId('end-session').click();
    const draft = await chair.getByLabel('Minuta').inputValue();
    expect(draft).toMatch(/AUTORIDADES\n(- .*\n)*- Servicios de Salud de Chiapas: Lic\. Gómez\n/);
    expect(draft).toMatch(/FAMILIAS\n- Rosa\n/);
    expect(draft).toContain(`${number} — Abasto de medicamentos. Estado: Chiapas. Hospital: Hospital de Especialidades Pediátricas. Planteado por: Rosa.`);
    expect(draft).toContain('Surtir metotrexato al hospital de Tuxtla Gutiérrez');
    expect(draft).not.toContain('Pérez');
    expect(draft).toMatch(/OTROS ACUERDOS\n- Invitar a la farmacia estatal a la próxima reunión/);

    // At the next meeting the coordinator follows the open matter up and notes its progress there.
    const next = await openParticipant(browser, `${server.url}/sesiones/${nextMeeting}`);
    await signInThroughPage(next, people.chair.email, TEST_PASSWORD);
    const followed = next.getByTestId('earlier-matters').getByTestId('matter').filter({ hasText: number });
    await followed.getByText('planteado por Rosa').waitFor();
    await followed.getByText(/planteado por Rosa · sesión \d+/).waitFor();
    const carried = followed.getByTestId('agreement').filter({ hasText: 'Surtir metotrexato' });
    await carried.getByLabel('Nota de seguimiento…').fill('Primer lote entregado al hospital');
    await carried.getByRole('button', { name: 'Agregar nota' }).click();
    await carried.getByText('Dra. Hernández: Primer lote entregado al hospital').waitFor();
    expect(await next.getByTestId('session-matters').getByTestId('matter').count()).toBe(0);
    await next.setViewportSize(PHONE);
    await expectNoSidewaysScroll(next, 'the next meeting’s page');

    await next.setViewportSize({ width: 1280, height: 800 });
    await next.goto(`${server.url}/reportes`);
    const section = next.getByTestId('working-group-report');
    await section.getByRole('heading', { name: 'Mesa de trabajo con familias' }).waitFor();
    expect(await section.getByTestId('working-group-meetingsHeld').locator('dd').textContent()).toBe('1');
    expect(await section.getByTestId('working-group-familyAttendances').locator('dd').textContent()).toBe('1');
    expect(await section.getByTestId('working-group-raised').locator('dd').textContent()).toBe('1');
    expect(await section.getByTestId('working-group-open').locator('dd').textContent()).toBe('1');
    await section.getByTestId('chart-matters-by-state').waitFor();
    await section.getByTestId('chart-matters-by-topic').waitFor();
    const byState = await section.getByTestId('working-group-table-state').locator('tbody tr').first().locator('th, td').allTextContents();
    expect(byState).toEqual(['Chiapas', '1', '0', '1']);
    const byTopic = section.getByTestId('working-group-table-topic').locator('tbody tr', { hasText: 'Abasto de medicamentos' });
    expect(await byTopic.locator('td').allTextContents()).toEqual(['1', '0', '1']);
    await section.getByRole('link', { name: 'Descargar CSV de la mesa de trabajo' }).waitFor();
    await next.setViewportSize(PHONE);
    await expectNoSidewaysScroll(next, 'the reports page');
  });
});
