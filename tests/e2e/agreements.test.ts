import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { DEFAULT_TIME_ZONE } from '../../shared/mexico';
import { utcToZonedWallTime } from '../../shared/time';
import { createAccount, TEST_PASSWORD, type TestAccount } from '../support/accounts';
import { closeParticipants, enterSessionRoom, launchBrowser, openParticipant, signInThroughPage } from '../support/browser';
import { createSessionSoon } from '../support/sessions';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

let db: Database;
let server: TestServer;
let browser: Browser;
let earlier: string;
let later: string;
const people: Record<'chair' | 'presenter', TestAccount> = {} as never;

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  browser = await launchBrowser();
  const [host, merida] = await db.models.centers.create([
    { code: 'HIMFG', name: 'Hospital Infantil de México', state: 'CDMX', kind: 'hospital' },
    { code: 'OC-YUC', name: 'OncoCREAN Yucatán', state: 'YUC', kind: 'oncocrean' },
  ]);
  people.chair = await createAccount(db, ['coordinator'], String(host!._id), 'Dra. Hernández');
  people.presenter = await createAccount(db, ['presenter'], String(merida!._id), 'Dr. Canul');
  const invited = { hostCenterId: String(host!._id), invitedCenterIds: [String(merida!._id)], createdBy: people.chair.id };
  earlier = await createSessionSoon(db, { ...invited, title: 'Leucemias', startsInMinutes: -60 });
  later = await createSessionSoon(db, { ...invited, title: 'Tumores sólidos', startsInMinutes: 7 * 24 * 60 });
});
afterEach(() => closeParticipants(browser));
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (db) await dropTestDatabase(db);
});

describe('agreements in Chromium', () => {
  it('an agreement recorded at one session is followed up at the next by the responsible centre', async () => {
    const chair = await openParticipant(browser, `${server.url}/sesiones/${earlier}`);
    await signInThroughPage(chair, people.chair.email, TEST_PASSWORD);
    await chair.getByRole('button', { name: 'Registrar acuerdo' }).click();
    await chair.getByText('Escriba el texto (al menos 3 caracteres).').waitFor();

    const due = utcToZonedWallTime(new Date(Date.now() + 14 * 86_400_000), DEFAULT_TIME_ZONE).slice(0, 10);
    await chair.getByLabel('Acuerdo', { exact: true }).fill('La unidad de Mérida se reunirá con el grupo de padres');
    await chair.getByLabel('Centro responsable').selectOption({ label: 'OncoCREAN Yucatán' });
    await chair.getByLabel('Fecha compromiso').fill(due);
    await chair.getByRole('button', { name: 'Registrar acuerdo' }).click();
    await chair.getByTestId('agreement').filter({ hasText: 'grupo de padres' }).filter({ hasText: 'Pendiente' }).waitFor();

    const presenter = await openParticipant(browser, `${server.url}/sesiones/${later}`);
    await signInThroughPage(presenter, people.presenter.email, TEST_PASSWORD);
    const carried = presenter.getByTestId('agreement').filter({ hasText: 'grupo de padres' });
    await carried.waitFor();
    await carried.getByLabel('Nota de seguimiento…').fill('Reunión programada para el viernes');
    await carried.getByRole('button', { name: 'Agregar nota' }).click();
    await carried.getByText('Dr. Canul: Reunión programada para el viernes').waitFor();
    await carried.getByLabel('Cambiar estado').selectOption({ label: 'En proceso' });
    await carried.filter({ hasText: 'En proceso' }).waitFor();
    expect(await presenter.getByRole('button', { name: 'Registrar acuerdo' }).count()).toBe(0);
  });

  it('shows an agreement to everyone in the room as the coordinator records it', async () => {
    const enter = async (account: TestAccount) => {
      const page = await enterSessionRoom(browser, `${server.url}/sesiones/${earlier}/sala`, account);
      await page.getByRole('tab', { name: 'Acuerdos' }).click();
      return page;
    };
    const chair = await enter(people.chair);
    const presenter = await enter(people.presenter);
    await chair.getByLabel('Acuerdo', { exact: true }).fill('Dar seguimiento al abasto de levetiracetam');
    await chair.getByLabel('Centro responsable').selectOption({ label: 'OncoCREAN Yucatán' });
    await chair.getByLabel('Fecha compromiso').fill(utcToZonedWallTime(new Date(Date.now() + 7 * 86_400_000), DEFAULT_TIME_ZONE).slice(0, 10));
    await chair.getByRole('button', { name: 'Registrar acuerdo' }).click();
    await presenter.getByTestId('session-agreements').getByText('Dar seguimiento al abasto de levetiracetam').waitFor();
    // The form comes first in the tab, above this session's agreements and the earlier ones followed up.
    const top = async (testId: string) => (await chair.getByTestId(testId).boundingBox())?.y ?? Number.NaN;
    const formTop = (await chair.getByRole('button', { name: 'Registrar acuerdo' }).boundingBox())?.y ?? Number.NaN;
    expect(formTop).toBeLessThan(await top('session-agreements'));
    expect(await top('session-agreements')).toBeLessThan(await top('follow-up-agreements'));
  });
});
