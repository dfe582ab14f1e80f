import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { createAccount, createCenter, signIn, type TestAccount } from '../support/accounts';
import { closeParticipants, launchBrowser } from '../support/browser';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

/** The client tests/e2e/buildClient.ts built, with its source maps. */
const ASSETS = fileURLToPath(new URL('../../dist/client/assets/', import.meta.url));

let db: Database;
let server: TestServer;
let browser: Browser;
let doctor: TestAccount;

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  browser = await launchBrowser();
  doctor = await createAccount(db, ['presenter'], await createCenter(db, 'YUC'), 'Dra. Canul');
});
afterEach(() => closeParticipants(browser));
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (db) await dropTestDatabase(db);
});

/** The npm packages in the scripts a page fetched by the time `heading` is on screen, read from each script's source map. */
async function packagesLoaded(context: BrowserContext, path: string, heading: string): Promise<Set<string>> {
  const page = await context.newPage();
  const scripts: string[] = [];
  page.on('response', (response) => {
    const { pathname } = new URL(response.url());
    if (pathname.startsWith('/assets/') && pathname.endsWith('.js')) scripts.push(pathname.slice('/assets/'.length));
  });
  await page.goto(`${server.url}${path}`);
  await page.getByRole('heading', { name: heading }).waitFor();
  const packages = new Set<string>();
  for (const script of scripts) {
    const map = `${ASSETS}${script}.map`;
    // The bundler's own few lines of runtime come without a map: they hold no package.
    if (!existsSync(map) && script.startsWith('rolldown-runtime-')) continue;
    const { sources } = JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] };
    for (const source of sources) {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)?.[1];
      if (name) packages.add(name);
    }
  }
  return packages;
}

describe('what a page loads before it shows (a hospital link pays for every byte)', () => {
  it('the sign-in page loads no room media code, PDF reader or DICOM parser', async () => {
    const context = await browser.newContext({ locale: 'es-MX' });
    const packages = await packagesLoaded(context, '/entrar', 'Iniciar sesión');
    expect(packages).toContain('vue');
    for (const heavy of ['mediasoup-client', 'pdfjs-dist', 'dicom-parser']) expect(packages).not.toContain(heavy);
  });

  it('the home page loads none of them, nor the request schemas (zod) only forms need', async () => {
    const context = await browser.newContext({ locale: 'es-MX' });
    const cookie = await signIn(server.url, doctor.email);
    const split = cookie.indexOf('=');
    await context.addCookies([{ name: cookie.slice(0, split), value: cookie.slice(split + 1), url: server.url }]);
    const packages = await packagesLoaded(context, '/', 'Mis próximas sesiones');
    expect(packages).toContain('vue');
    for (const heavy of ['mediasoup-client', 'pdfjs-dist', 'dicom-parser', 'zod']) expect(packages).not.toContain(heavy);
  });
});
