import { get } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { createAccount, createCenter, type TestAccount } from '../support/accounts';
import { closeParticipants, enterSessionRoom, framesPlayedFrom, launchBrowser } from '../support/browser';
import { createSessionSoon } from '../support/sessions';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';
import { browserTrustingTestSite, SITE_NAME, startTlsProxy, type TlsProxy } from '../support/tlsProxy';

// The deployment as hospitals get it: nginx from deploy/nginx ends TLS for a host name, with a
// certificate the browser trusts (its authority is in Chromium's store, as a real one would be),
// and the server behind it on loopback knows its pages are HTTPS (TRUST_PROXY).
let db: Database;
let server: TestServer;
let proxy: TlsProxy;
let browser: Browser;
let presenter: TestAccount;
let expert: TestAccount;
let sessionId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db, { env: { TRUST_PROXY: 'loopback' } });
  proxy = await startTlsProxy([Number(new URL(server.directUrl).port)]);
  browser = await launchBrowser(browserTrustingTestSite());
  const center = await createCenter(db);
  presenter = await createAccount(db, ['presenter'], center, 'Dra. López');
  expert = await createAccount(db, ['expert'], center, 'Dr. Ortiz');
  const coordinator = await createAccount(db, ['coordinator'], center, 'Dra. Hernández');
  sessionId = await createSessionSoon(db, { hostCenterId: center, createdBy: coordinator.id, title: 'Sarcomas' });
});
afterEach(() => closeParticipants(browser));
afterAll(async () => {
  await browser?.close();
  await proxy?.close();
  await server?.close();
  if (db) await dropTestDatabase(db);
});

describe('OncoBoard over HTTPS behind its TLS proxy', () => {
  it('is a secure site at its host name: Secure cookies, HSTS, plain HTTP sent to HTTPS, and the room’s cameras through the proxy', async () => {
    const roomUrl = `${proxy.origin}/sesiones/${sessionId}/sala`;
    const lopez = await enterSessionRoom(browser, roomUrl, presenter);
    const ortiz = await enterSessionRoom(browser, roomUrl, expert);

    // Camera and microphone are given only to secure pages: these are, without any certificate warning.
    expect(await lopez.evaluate(() => [window.isSecureContext, location.origin])).toEqual([true, proxy.origin]);
    await expect.poll(() => framesPlayedFrom(lopez, 'Dr. Ortiz'), { timeout: 20_000 }).toBeGreaterThan(3);
    await expect.poll(() => framesPlayedFrom(ortiz, 'Dra. López'), { timeout: 20_000 }).toBeGreaterThan(3);
    await ortiz.getByText('Participantes: 2').waitFor();
    // The room's sockets are WebSockets through the proxy (not long polling, not around it).
    const sockets = [...server.io.sockets.sockets.values()];
    expect(sockets.map((socket) => [socket.conn.transport.name, socket.handshake.headers['x-forwarded-proto']])).toEqual([
      ['websocket', 'https'],
      ['websocket', 'https'],
    ]);

    const cookies = await lopez.context().cookies(proxy.origin);
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) expect(cookie).toMatchObject({ secure: true, httpOnly: true });
    const answer = await lopez.goto(`${proxy.origin}/`);
    expect(answer?.headers()['strict-transport-security']).toMatch(/max-age=\d{7,}/);

    expect(await plainAnswer('/sesiones')).toEqual({ status: 301, location: `https://${SITE_NAME}/sesiones` });
  });
});

/** What the proxy's plain HTTP port answers for a path at its host name. */
function plainAnswer(pathname: string): Promise<{ status?: number; location?: string }> {
  const { port, host } = new URL(proxy.plainOrigin);
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: pathname, headers: { host } }, (answer) => {
      answer.resume();
      resolve({ status: answer.statusCode, location: answer.headers.location });
    }).on('error', reject);
  });
}
