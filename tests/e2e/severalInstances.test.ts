import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { RECENT_SIGN_IN_MS } from '../../server/domain/recentSignIns';
import { KINDS_KEPT_MS } from '../../server/domain/centerService';
import { PresenceLedger } from '../../server/domain/presenceLedger';
import { AUDIENCE_KEPT_MS } from '../../server/domain/sessionService';
import { apiClient, createAccount, createCenter, signIn, type TestAccount } from '../support/accounts';
import { closeParticipants, enterSessionRoom, framesPlayedFrom, launchBrowser } from '../support/browser';
import type { ChildServer } from '../support/childServer';
import { startInstance, startRedis, type Instance } from '../support/instances';
import { createCaseIn, createSessionSoon, scheduleThroughApi } from '../support/sessions';
import { connect, nextEvent } from '../support/socketClient';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { browserTrustingTestSite, startTlsProxy, type TlsProxy } from '../support/tlsProxy';

// The topology of deploy/: nginx in front of two OncoBoard instances, each its own process, sharing
// the database and a Redis; Chromium at the proxy's host name over HTTPS.
let db: Database;
let redis: ChildServer & { url: string };
let instances: Instance[];
let proxy: TlsProxy;
let browser: Browser;
let center: string;
let coordinator: TestAccount;
let presenter: TestAccount;
let expert: TestAccount;
let sessionId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  center = await createCenter(db);
  coordinator = await createAccount(db, ['coordinator'], center, 'Dra. Hernández');
  presenter = await createAccount(db, ['presenter'], center, 'Dra. López');
  expert = await createAccount(db, ['expert'], center, 'Dr. Ortiz');
  sessionId = await createSessionSoon(db, { hostCenterId: center, createdBy: coordinator.id, title: 'Tumores óseos' });
  redis = await startRedis();
  instances = await Promise.all([startInstance('oncoboard-a', db, redis.url, [43000, 43199]), startInstance('oncoboard-b', db, redis.url, [43200, 43399])]);
  proxy = await startTlsProxy(instances.map((instance) => instance.port));
  browser = await launchBrowser(browserTrustingTestSite());
}, 90_000);
afterEach(() => closeParticipants(browser));
afterAll(async () => {
  await browser?.close();
  await proxy?.close();
  await Promise.all((instances ?? []).map((instance) => instance.close()));
  await redis?.close();
  if (db) await dropTestDatabase(db);
});

/** The instances whose rooms recorded someone entering the session (presence marks name their instance). */
async function instancesOfJoins(): Promise<string[]> {
  return [...new Set((await joinMarks()).map((mark) => mark.instance ?? ''))];
}

/** How many times someone entered the session's room on `instance`. */
async function joinsOn(instance: string): Promise<number> {
  return (await joinMarks()).filter((mark) => mark.instance === instance).length;
}

async function joinMarks() {
  const { marks } = await new PresenceLedger(db.models).read(sessionId);
  return marks.filter((mark) => mark.kind === 'join');
}

/** Each page shows the other's camera moving (frames drawn in the last 2 s). */
async function seeEachOther(lopez: Page, ortiz: Page, timeout: number): Promise<void> {
  for (const [page, name] of [
    [lopez, 'Dr. Ortiz'],
    [ortiz, 'Dra. López'],
  ] as const) {
    await expect.poll(() => framesPlayedFrom(page, name, { timeout }), { timeout, interval: 250 }).toBeGreaterThan(3);
  }
}

describe('two OncoBoard instances behind the proxy', () => {
  it('tells someone on one instance what was done on the other', async () => {
    const [here, there] = instances;
    const watching = await connect(there!.url, await signIn(there!.url, coordinator.email));
    try {
      const heard = nextEvent(watching, 'session:changed');
      const scheduled = await scheduleThroughApi(here!.url, await signIn(here!.url, coordinator.email), { title: 'Neuroblastoma', hostCenterId: center, invitedCenterIds: [] });
      expect(await heard).toMatchObject({ session: { id: scheduled, title: 'Neuroblastoma' } });
    } finally {
      watching.close();
    }
  });

  it('refuses at once, on the other instance, an account changed or signed out on one', async () => {
    const [here, there] = instances;
    const admin = apiClient(here!.url, await signIn(here!.url, (await createAccount(db, ['admin'], center, 'Ing. Sistemas')).email));
    const changing = await createAccount(db, ['coordinator'], center, 'Dra. Cambiante');
    const cookie = await signIn(here!.url, changing.email);
    const elsewhere = apiClient(there!.url, cookie);
    // Read on the other instance first, so that it has just checked this sign-in.
    expect((await elsewhere('GET', '/users')).status).toBe(200);
    expect((await admin('PATCH', `/users/${changing.id}`, { roles: ['attendee'] })).status).toBe(200);
    // Well within the seconds a checked sign-in is trusted: the change travelled, the check did not expire.
    const soon = { timeout: RECENT_SIGN_IN_MS / 3, interval: 50 };
    await expect.poll(async () => (await elsewhere('GET', '/users')).status, soon).toBe(403);
    expect((await apiClient(here!.url, cookie)('POST', '/auth/logout')).status).toBe(204);
    await expect.poll(async () => (await elsewhere('GET', '/auth/me')).status, soon).toBe(401);
  });

  it('refuses at once, on the other instance, a case of a session that stopped inviting its reader’s centre on one', async () => {
    const [here, there] = instances;
    const dropped = await createCenter(db, 'OAX');
    const reader = apiClient(there!.url, await signIn(there!.url, (await createAccount(db, ['expert'], dropped, 'Dra. Invitada')).email));
    const invited = await createSessionSoon(db, { hostCenterId: center, invitedCenterIds: [dropped], createdBy: coordinator.id, title: 'Sarcoma de Ewing' });
    const caseId = await createCaseIn(db, invited, { centerId: center, createdBy: presenter.id });
    // Read on the other instance first, so that it has just read who the session is for.
    expect((await reader('GET', `/cases/${caseId}`)).status).toBe(200);
    const scheduling = apiClient(here!.url, await signIn(here!.url, coordinator.email));
    expect((await scheduling('PATCH', `/sessions/${invited}`, { version: 0, invitedCenterIds: [] })).status).toBe(200);
    await expect.poll(async () => (await reader('GET', `/cases/${caseId}`)).status, { timeout: AUDIENCE_KEPT_MS / 5, interval: 50 }).toBe(403);
  });

  it('takes at once, on the other instance, a centre made a laboratory on one', async () => {
    const [here, there] = instances;
    const becoming = await createCenter(db, 'JAL');
    const admin = await createAccount(db, ['admin'], center, 'Ing. Directorio');
    const account = { name: 'Q.F.B. Rangel', roles: ['laboratory'], centerId: becoming, specialty: 'Patología', password: 'Laboratorio-Jalisco-2026' };
    const elsewhere = apiClient(there!.url, await signIn(there!.url, admin.email));
    const refused = await elsewhere('POST', '/users', { ...account, email: 'rangel.1@oncoboard.mx' });
    expect(refused).toMatchObject({ status: 400, body: { error: { field: 'centerId' } } });
    expect((await apiClient(here!.url, await signIn(here!.url, admin.email))('PATCH', `/centers/${becoming}`, { kind: 'laboratory' })).status).toBe(200);
    let tries = 1;
    const soon = { timeout: KINDS_KEPT_MS / 5, interval: 50 };
    await expect.poll(async () => (await elsewhere('POST', '/users', { ...account, email: `rangel.${(tries += 1)}@oncoboard.mx` })).status, soon).toBe(201);
  });

  it('meets a session’s participants on one instance, and when it is killed, they are back together on the other within 15 s, losing nothing said', async () => {
    const roomUrl = `${proxy.origin}/sesiones/${sessionId}/sala`;
    const lopez = await enterSessionRoom(browser, roomUrl, presenter);
    const ortiz = await enterSessionRoom(browser, roomUrl, expert);
    await seeEachOther(lopez, ortiz, 20_000);
    const [first] = await instancesOfJoins();
    expect(await instancesOfJoins()).toEqual([first]);
    const holder = instances.find((instance) => instance.id === first)!;
    const other = instances.find((instance) => instance !== holder)!;

    // Said before the crash, recorded: still there after it.
    await ortiz.getByRole('tab', { name: 'Chat' }).click();
    await ortiz.getByLabel('Escriba un mensaje…').fill('¿Hay resonancia del fémur?');
    await ortiz.getByRole('button', { name: 'Enviar' }).click();
    await ortiz.getByTestId('chat-message').filter({ hasText: '¿Hay resonancia del fémur?' }).waitFor();

    const killedAt = Date.now();
    await holder.kill();
    // Both pages enter again on the other instance by themselves, then see each other through it.
    await expect.poll(() => joinsOn(other.id), { timeout: 15_000, interval: 100 }).toBe(2);
    const rejoinedAfterMs = Date.now() - killedAt;
    await seeEachOther(lopez, ortiz, 15_000 - rejoinedAfterMs);
    const backAfterMs = Date.now() - killedAt;
    console.info(`several instances | ${holder.id} killed | both pages in the room on ${other.id} after ${rejoinedAfterMs} ms, seeing each other after ${backAfterMs} ms`);
    expect(backAfterMs).toBeLessThan(15_000);
    await ortiz.getByText('Participantes: 2').waitFor();
    await lopez.getByRole('tab', { name: 'Chat' }).click();
    await lopez.getByTestId('chat-message').filter({ hasText: '¿Hay resonancia del fémur?' }).waitFor();
  });
});
