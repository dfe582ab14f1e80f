import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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

/** The source files in the scripts `page` fetches from now on, read from each script's source map when asked. */
function sourcesFetched(page: Page): () => Set<string> {
  const scripts: string[] = [];
  page.on('response', (response) => {
    const { pathname } = new URL(response.url());
    if (pathname.startsWith('/assets/') && pathname.endsWith('.js')) scripts.push(pathname.slice('/assets/'.length));
  });
  return () => {
    const sources = new Set<string>();
    for (const script of scripts) {
      const map = `${ASSETS}${script}.map`;
      // The bundler's own few lines of runtime come without a map: they hold no package.
      if (!existsSync(map) && script.startsWith('rolldown-runtime-')) continue;
      for (const source of (JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] }).sources) sources.add(source);
    }
    return sources;
  };
}

/** The npm packages among `sources`. */
const packagesIn = (sources: Set<string>) => new Set([...sources].flatMap((source) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)?.[1] ?? []));
/** Whether `sources` hold any English message. */
const holdEnglish = (sources: Set<string>) => [...sources].some((source) => source.includes('client/i18n/en/'));

/** What a page fetched by the time `heading` is on screen: its source files. */
async function sourcesLoaded(context: BrowserContext, path: string, heading: string): Promise<Set<string>> {
  const page = await context.newPage();
  const fetched = sourcesFetched(page);
  await page.goto(`${server.url}${path}`);
  await page.getByRole('heading', { name: heading }).waitFor();
  return fetched();
}

describe('what a page loads before it shows (a hospital link pays for every byte)', () => {
  it('the sign-in page loads no room media code, PDF reader or DICOM parser, nor the English messages', async () => {
    const context = await browser.newContext({ locale: 'es-MX' });
    const sources = await sourcesLoaded(context, '/entrar', 'Iniciar sesión');
    const packages = packagesIn(sources);
    expect(packages).toContain('vue');
    for (const heavy of ['mediasoup-client', 'pdfjs-dist', 'dicom-parser']) expect(packages).not.toContain(heavy);
    expect(holdEnglish(sources)).toBe(false);
  });

  it('the home page loads none of them, nor the request schemas (zod) only forms need', async () => {
    const context = await browser.newContext({ locale: 'es-MX' });
    const cookie = await signIn(server.url, doctor.email);
    const split = cookie.indexOf('=');
    await context.addCookies([{ name: cookie.slice(0, split), value: cookie.slice(split + 1), url: server.url }]);
    const sources = await sourcesLoaded(context, '/', 'Mis próximas sesiones');
    const packages = packagesIn(sources);
    expect(packages).toContain('vue');
    for (const heavy of ['mediasoup-client', 'pdfjs-dist', 'dicom-parser', 'zod']) expect(packages).not.toContain(heavy);
    expect(holdEnglish(sources)).toBe(false);
  });

  it('fetches English when someone chooses it, and opens in English on their next visit', async () => {
    const context = await browser.newContext({ locale: 'es-MX' });
    const page = await context.newPage();
    await page.goto(`${server.url}/entrar`);
    await page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();
    const fetched = sourcesFetched(page);
    await page.getByLabel('Idioma').selectOption('en');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(holdEnglish(fetched())).toBe(true);
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Iniciar sesión' }).count()).toBe(0);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });

  it('keeps Spanish, and says why, when English cannot be fetched', async () => {
    const context = await browser.newContext({ locale: 'es-MX' });
    const page = await context.newPage();
    await page.goto(`${server.url}/entrar`);
    await page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();
    // The link drops every script the page asks for from now on.
    await page.route('**/assets/*.js', (route) => route.abort('connectionreset'));
    await page.getByLabel('Idioma').selectOption('en');
    await page.getByRole('alert').filter({ hasText: 'No se pudo cargar el inglés' }).waitFor();
    expect(await page.getByLabel('Idioma').inputValue()).toBe('es-MX');
    await page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();
  });
});
