import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { addDays } from '../../shared/pathway';
import { calendarDayOf } from '../../shared/time';
import { createAccount, type TestAccount } from '../support/accounts';
import { closeParticipants, enterSessionRoom, launchBrowser } from '../support/browser';
import { createCaseIn, createSessionSoon } from '../support/sessions';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

let db: Database;
let server: TestServer;
let browser: Browser;
let sessionId: string;
const people: Record<'chair' | 'expert', TestAccount> = {} as never;

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  browser = await launchBrowser();
  const [host] = await db.models.centers.create([{ code: 'INP', name: 'Instituto Nacional de Pediatría', state: 'CDMX', kind: 'hospital' }]);
  const center = String(host!._id);
  people.chair = await createAccount(db, ['coordinator'], center, 'Dra. Hernández');
  people.expert = await createAccount(db, ['expert'], center, 'Dr. Salinas');
  await db.models.users.updateOne({ _id: people.expert.id }, { $set: { specialty: 'Patología' } });
  sessionId = await createSessionSoon(db, { hostCenterId: center, createdBy: people.chair.id, title: 'Leucemias agudas' });
  const caseId = await createCaseIn(db, sessionId, { centerId: center, createdBy: people.chair.id, icdO3Morphology: '9811', icdO3Behaviour: '3', allNciRisk: 'high' });
  // Referred nine days ago and not yet diagnosed: two days past the network's seven.
  await db.models.cases.updateOne({ _id: caseId }, { $set: { 'pathway.referredOn': addDays(calendarDayOf(new Date()), -9) } });
});
afterEach(() => closeParticipants(browser));
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (db) await dropTestDatabase(db);
});

async function enter(account: TestAccount): Promise<Page> {
  const page = await enterSessionRoom(browser, `${server.url}/sesiones/${sessionId}/sala`, account);
  await page.getByRole('tab', { name: 'Opiniones' }).click();
  return page;
}

describe('opinions in a session room in Chromium', () => {
  it('keeps an expert’s draft through a dropped connection, and shows the published opinion to the coordinator live', async () => {
    const chair = await enter(people.chair);
    const expert = await enter(people.expert);
    await chair.getByTestId('quorum').filter({ hasText: 'Quórum: 1 de 3 especialidades' }).waitFor();
    // The case under discussion shows its coding and staging beside the opinions.
    await expect.poll(() => expert.getByTestId('case-coding').textContent()).toContain('Morfología (CIE-O-3): 9811/3 · Leucemia/linfoma linfoblástico de células B, SAI');
    expect(await expert.getByTestId('case-coding').textContent()).toContain('Riesgo NCI: Alto');
    // And a delay on the patient's path, while the board discusses it.
    expect(await expert.getByTestId('case-late-clocks').textContent()).toBe('Diagnóstico vencido hace 2 días');

    await expert.getByLabel('Categoría').selectOption({ label: 'Estudios adicionales' });
    await expert.getByLabel('Su recomendación para este caso…').fill('Solicitar EMR por citometría al día 15 antes de decidir trasplante.');
    await expert.getByTestId('draft-status').filter({ hasText: 'Borrador guardado' }).waitFor();

    await expert.context().setOffline(true);
    await expert.getByTestId('reconnecting').waitFor({ timeout: 30_000 });
    await expert.context().setOffline(false);
    await expert.getByTestId('reconnecting').waitFor({ state: 'detached', timeout: 30_000 });
    await expert.reload();
    await expert.getByRole('button', { name: 'Entrar a la sala' }).click();
    await expert.getByRole('tab', { name: 'Opiniones' }).click();
    await expect.poll(() => expert.getByLabel('Su recomendación para este caso…').inputValue()).toBe('Solicitar EMR por citometría al día 15 antes de decidir trasplante.');

    expect(await chair.getByTestId('opinion').count()).toBe(0);
    await expert.getByRole('button', { name: 'Publicar opinión' }).click();
    const shown = chair.getByTestId('opinion').filter({ hasText: 'Dr. Salinas' });
    await shown.waitFor();
    expect(await shown.innerText()).toContain('Estudios adicionales');
    expect(await shown.innerText()).toContain('Solicitar EMR por citometría al día 15');

    await chair.getByLabel('Pregunta a votar…').fill('¿Esperar la EMR antes de referir?');
    await chair.getByRole('button', { name: 'Llamar a votación' }).click();
    await expert.getByTestId('vote').getByRole('button', { name: 'En desacuerdo' }).click();
    await chair.getByTestId('vote-counts').filter({ hasText: 'En desacuerdo: 1' }).waitFor();
    await chair.getByText('En desacuerdo: Dr. Salinas').waitFor();
    await expert.getByText('Su voto quedó registrado.').waitFor();

    await chair.getByLabel('Texto de la recomendación…').fill('Solicitar EMR al día 15; referir a trasplante si es positiva.');
    await chair.getByRole('button', { name: 'Proponer y leer en voz alta' }).click();
    const readBack = expert.getByTestId('recommendation-read-back');
    await readBack.filter({ hasText: 'Propuesta: lectura en voz alta' }).filter({ hasText: 'referir a trasplante si es positiva' }).waitFor();
    await chair.getByRole('button', { name: 'Confirmar recomendación' }).click();
    await chair.getByTestId('quorum-warning').filter({ hasText: 'No hay quórum: 1 de 3 especialidades presentes.' }).waitFor();
    await chair.getByRole('button', { name: 'Registrar sin quórum' }).click();
    await readBack.filter({ hasText: 'Confirmada' }).filter({ hasText: 'Registrada sin quórum.' }).waitFor();
    // The discussion is over: no button left to publish an opinion that would come after the board's word.
    await expert.getByTestId('opinions-closed').filter({ hasText: 'la discusión quedó cerrada' }).waitFor();
    expect(await expert.getByRole('button', { name: /Publicar opinión|Actualizar opinión/ }).count()).toBe(0);
  });
});
