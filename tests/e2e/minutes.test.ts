import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { createAccount, TEST_PASSWORD, type TestAccount } from '../support/accounts';
import { closeParticipants, enterSessionRoom, launchBrowser, openParticipant, signInThroughPage } from '../support/browser';
import { pdfPages } from '../support/pdfText';
import { createCaseIn, createSessionSoon } from '../support/sessions';
import { DEFAULT_TIME_ZONE } from '../../shared/mexico';
import { utcToZonedWallTime } from '../../shared/time';
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

/** Clicks what starts a download and reads the saved PDF back as words. */
async function downloadedPdfText(page: Page, start: () => Promise<void>): Promise<{ pages: string[]; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), start()]);
  const pages = await pdfPages(await readFile(await download.path()));
  return { pages, text: pages.join(' ').replace(/\s+/g, ' ') };
}
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (db) await dropTestDatabase(db);
});

describe('minutes in Chromium', () => {
  it('the coordinator records a recommendation and an agreement, ends the session, approves the minutes and downloads them as PDF', async () => {
    const roomUrl = `${server.url}/sesiones/${sessionId}/sala`;
    const chair = await enterSessionRoom(browser, roomUrl, people.chair);
    const expert = await enterSessionRoom(browser, roomUrl, people.expert);

    await chair.getByRole('tab', { name: 'Opiniones' }).click();
    await chair.getByLabel('Texto de la recomendación…').fill('Quimioterapia de rescate y referencia a trasplante alogénico.');
    await chair.getByRole('button', { name: 'Proponer y leer en voz alta' }).click();
    await chair.getByRole('button', { name: 'Confirmar recomendación' }).click();
    await chair.getByRole('button', { name: 'Registrar sin quórum' }).click();
    const dictamen = await downloadedPdfText(chair, () => chair.getByRole('link', { name: 'Descargar dictamen (PDF)' }).click());
    expect(dictamen.pages).toHaveLength(1);
    expect(dictamen.text).toContain('Caso: YUC-2026-003');
    expect(dictamen.text).toContain('Quimioterapia de rescate y referencia a trasplante alogénico.');

    await chair.getByRole('tab', { name: 'Acuerdos' }).click();
    await chair.getByLabel('Acuerdo', { exact: true }).fill('Enviar la biopsia de médula al laboratorio de referencia');
    await chair.getByLabel('Centro responsable').selectOption({ label: 'Instituto Nacional de Pediatría' });
    await chair.getByLabel('Fecha compromiso').fill(utcToZonedWallTime(new Date(Date.now() + 14 * 86_400_000), DEFAULT_TIME_ZONE).slice(0, 10));
    await chair.getByRole('button', { name: 'Registrar acuerdo' }).click();
    await chair.getByTestId('agreement').filter({ hasText: 'laboratorio de referencia' }).waitFor();
    chair.on('dialog', (dialog) => void dialog.accept());
    await chair.getByTestId('end-session').click();
    // The room leaves where the record is, and no camera captured again for a closed room.
    const ended = expert.getByTestId('session-ended');
    await ended.getByText('El coordinador terminó la sesión.').waitFor();
    await ended.getByRole('link', { name: 'Ver la minuta' }).waitFor();
    expect(await expert.locator('video').count()).toBe(0);
    expect(await expert.getByRole('button', { name: 'Entrar a la sala' }).count()).toBe(0);

    const editor = chair.getByLabel('Minuta');
    await editor.waitFor();
    const draft = await editor.inputValue();
    expect(draft).toContain('YUC-2026-003 — LLA en recaída (CIE-10 C91.0)');
    expect(draft).toContain('Dr. Salinas');
    await editor.fill(`${draft}\nSe acordó revisar el caso en la próxima sesión.`);

    // Meanwhile the same coordinator saves from another tab: this tab's save is refused as stale,
    // and its text is kept beside the newer one rather than thrown away.
    const otherTab = await openParticipant(browser, `${server.url}/sesiones/${sessionId}/minuta`);
    await signInThroughPage(otherTab, people.chair.email, TEST_PASSWORD);
    await otherTab.getByLabel('Minuta').fill(`${draft}\nNota desde otra pestaña.`);
    await otherTab.getByRole('button', { name: 'Guardar borrador' }).click();
    await otherTab.getByText('Borrador guardado').waitFor();
    await chair.getByRole('button', { name: 'Guardar borrador' }).click();
    const kept = chair.getByTestId('minutes-kept');
    await kept.waitFor();
    expect(await kept.getByLabel('Su texto, no guardado').inputValue()).toContain('Se acordó revisar el caso en la próxima sesión.');
    expect(await editor.inputValue()).toContain('Nota desde otra pestaña.');
    await kept.getByRole('button', { name: 'Usar mi texto' }).click();
    expect(await editor.inputValue()).toContain('Se acordó revisar el caso en la próxima sesión.');
    await chair.getByRole('button', { name: 'Aprobar minuta' }).click();
    await chair.getByTestId('minutes-status').filter({ hasText: 'Aprobada' }).waitFor();
    expect(await chair.getByLabel('Minuta').count()).toBe(0);

    const minutesPdf = await downloadedPdfText(chair, () => chair.getByRole('button', { name: 'Descargar minuta (PDF)' }).click());
    for (const expected of [
      'YUC-2026-003',
      'Recomendación del comité: Quimioterapia de rescate y referencia a trasplante alogénico.',
      'Enviar la biopsia de médula al laboratorio de referencia',
      'Se acordó revisar el caso en la próxima sesión.',
      `Página 1 de ${minutesPdf.pages.length}`,
    ]) {
      expect(minutesPdf.text).toContain(expected);
    }

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
