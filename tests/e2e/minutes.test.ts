import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { createAccount, TEST_PASSWORD, type TestAccount } from '../support/accounts';
import { closeParticipants, enterSessionRoom, launchBrowser, openParticipant, signInThroughPage } from '../support/browser';
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
  sessionId = await createSessionSoon(db, { hostCenterId: center, createdBy: people.chair.id, title: 'Leucemias agudas' });
  await createCaseIn(db, sessionId, { centerId: center, createdBy: people.chair.id });
});
afterEach(() => closeParticipants(browser));
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (db) await dropTestDatabase(db);
});

describe('minutes in Chromium', () => {
  it('the coordinator ends the session, edits the assembled minutes and approves them; then they are read-only', async () => {
    const roomUrl = `${server.url}/sesiones/${sessionId}/sala`;
    const chair = await enterSessionRoom(browser, roomUrl, people.chair);
    const expert = await enterSessionRoom(browser, roomUrl, people.expert);
    chair.on('dialog', (dialog) => void dialog.accept());
    await chair.getByTestId('end-session').click();
    await expert.getByText('El coordinador terminó la sesión.').waitFor();
    await expert.getByRole('button', { name: 'Entrar a la sala' }).click();
    await expert.getByText('La sala no está abierta: abre 30 minutos antes del inicio').waitFor();

    const editor = chair.getByLabel('Minuta');
    await editor.waitFor();
    const draft = await editor.inputValue();
    expect(draft).toContain('YUC-2026-003 — LLA en recaída (CIE-10 C91.0)');
    expect(draft).toContain('Dr. Salinas');
    await editor.fill(`${draft}\nSe acordó revisar el caso en la próxima sesión.`);
    await chair.getByRole('button', { name: 'Aprobar minuta' }).click();
    await chair.getByTestId('minutes-status').filter({ hasText: 'Aprobada' }).waitFor();
    expect(await chair.getByLabel('Minuta').count()).toBe(0);

    await chair.getByRole('button', { name: 'Corregir minuta' }).click();
    await chair.getByLabel('Minuta').fill(`${draft}\nSe acordó revisar el caso en la próxima sesión (corregido).`);
    await chair.getByLabel('Motivo de la corrección').fill('Precisión del acuerdo');
    await chair.getByRole('button', { name: 'Guardar corrección como nueva versión' }).click();
    await chair.getByTestId('minutes-correction').filter({ hasText: 'Motivo: Precisión del acuerdo' }).waitFor();

    const reader = await openParticipant(browser, `${server.url}/sesiones/${sessionId}/minuta`);
    await signInThroughPage(reader, people.expert.email, TEST_PASSWORD);
    await reader.getByTestId('minutes-text').filter({ hasText: 'Se acordó revisar el caso en la próxima sesión (corregido).' }).waitFor();
    await reader.getByTestId('minutes-correction').filter({ hasText: 'Dra. Hernández' }).waitFor();
  });
});
