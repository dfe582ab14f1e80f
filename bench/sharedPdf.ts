/**
 * How long the others wait for a shared case PDF: from the presenter's click on "Mostrar a todos"
 * to its first page drawn on another participant's stage; and, in the same run, pdf.js alone
 * drawing the same file's first page in a blank page from the same server (its bare cost), and
 * the server alone sending the file's first byte (to Node, no browser). Each try shows another
 * copy of a scanned report, so that no browser has it cached. Real server, real worker, Debian's
 * Chromium. Prints its figures.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { createAccount, createCenter, signIn, TEST_PASSWORD } from '../tests/support/accounts';
import { benchServer, everyoneLeft } from './benchServer';
import { spreadOf } from './timing';
import { closeParticipants, launchBrowser, openParticipant, signInThroughPage } from '../tests/support/browser';
import { scannedPdf } from '../tests/support/files';
import { createSessionSoon } from '../tests/support/sessions';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const PAGES = 8;
const VIEWPORT = { width: 1366, height: 768 };

const { db, server, close } = await benchServer();
const browser = await launchBrowser();
const center = await createCenter(db);
const coordinator = await createAccount(db, ['coordinator'], center, 'Coordinadora');
const presenter = await createAccount(db, ['presenter'], center, 'Presentador');
const expert = await createAccount(db, ['expert'], center, 'Experta');
// Cases are submitted before the cut-off; the room then opens shortly before the start.
const sessionId = await createSessionSoon(db, { hostCenterId: center, createdBy: coordinator.id, title: 'Banco de pruebas', startsInMinutes: 26 * 60 });

/** ROUNDS copies of the report in one case, each its own file (and address): no try finds it cached. */
async function uploadCopies(cookie: string): Promise<{ caseId: string; ids: string[]; bytes: number }> {
  const created = await fetch(`${server.url}/api/sessions/${sessionId}/cases`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ caseCode: 'YUC-2026-010', ageYears: 7, sex: 'male', state: 'YUC', icd10Code: 'C74.9', diagnosis: 'Neuroblastoma' }),
  });
  const caseId = (await created.json()).case.id as string;
  const ids: string[] = [];
  let bytes = 0;
  for (let copy = 0; copy < ROUNDS; copy++) {
    const pdf = scannedPdf(`Informe ${copy + 1}`, PAGES);
    bytes = pdf.length;
    const uploaded = await fetch(`${server.url}/api/cases/${caseId}/attachments`, {
      method: 'POST',
      headers: { cookie, 'x-file-name': `informe-${copy + 1}.pdf` },
      body: new Uint8Array(pdf),
    });
    ids.push((await uploaded.json()).attachment.id as string);
  }
  await db.models.sessions.updateOne({ _id: sessionId }, { $set: { startsAt: new Date(Date.now() + 10 * 60_000) } });
  return { caseId, ids, bytes };
}

async function enterRoom(name: string, email: string): Promise<Page> {
  const page = await openParticipant(browser, `${server.url}/sesiones/${sessionId}/sala`);
  await page.setViewportSize(VIEWPORT);
  await signInThroughPage(page, email, TEST_PASSWORD);
  await page.getByRole('button', { name: 'Entrar a la sala' }).click();
  await page.getByTestId('toggle-microphone').waitFor();
  console.log(`${name} in the room`);
  return page;
}

/**
 * Click → first page drawn (and painted) on the expert's stage, for the presenter's `index`th file.
 * Both ends read performance.timeOrigin + now(): the machine's clock, comparable between pages.
 */
async function sharedOnce(presenterPage: Page, expertPage: Page, index: number): Promise<number> {
  const drawn = expertPage.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const watch = new MutationObserver(() => {
          if (!document.querySelector('[data-testid="pdf-canvas"][data-rendered-page="1"]')) return;
          watch.disconnect();
          requestAnimationFrame(() => resolve(performance.timeOrigin + performance.now()));
        });
        watch.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-rendered-page'] });
      }),
  );
  const clicked = await presenterPage.evaluate((nth) => {
    const buttons = [...document.querySelectorAll<HTMLButtonElement>('button')].filter((button) => button.textContent?.trim() === 'Mostrar a todos');
    const start = performance.timeOrigin + performance.now();
    buttons[nth]!.click();
    return start;
  }, index);
  const elapsed = (await drawn) - clicked;
  await presenterPage.getByRole('button', { name: 'Dejar de mostrar' }).click();
  await expertPage.getByTestId('shared-file').waitFor({ state: 'detached' });
  return elapsed;
}

/** A blank page of the server's origin (signed in, so the file's address answers) with pdf.js loaded and its worker fetched, as the lobby leaves it. */
async function barePage(): Promise<Page> {
  const assets = readdirSync(path.join(import.meta.dirname, '../dist/client/assets'));
  const library = assets.find((name) => /^pdf-.*\.js$/.test(name));
  const worker = assets.find((name) => /^pdf\.worker\.min-.*\.mjs$/.test(name));
  if (!library || !worker) throw new Error('the built client has no pdf.js: run "npm run build" first');
  const page = await openParticipant(browser, server.url);
  await signInThroughPage(page, expert.email, TEST_PASSWORD);
  await page.route(`${server.url}/bench/blank`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>pdf.js</title><canvas></canvas>' }));
  await page.goto(`${server.url}/bench/blank`);
  await page.evaluate(
    async ([libraryUrl, workerUrl]) => {
      const pdfjs = await import(libraryUrl!);
      pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
      await (await fetch(workerUrl!)).arrayBuffer();
      Object.assign(window, { pdfjs });
    },
    [`/assets/${library}`, `/assets/${worker}`],
  );
  return page;
}

/** pdf.js with its defaults: open the file, draw page 1 at 100 % on a canvas, wait for the paint. */
function bareOnce(page: Page, url: string): Promise<number> {
  return page.evaluate(async (address) => {
    const { pdfjs } = window as unknown as { pdfjs: typeof import('pdfjs-dist') };
    const start = performance.now();
    const task = pdfjs.getDocument({ url: address, withCredentials: true });
    const doc = await task.promise;
    const first = await doc.getPage(1);
    const viewport = first.getViewport({ scale: 96 / 72 });
    const canvas = document.querySelector('canvas')!;
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    await first.render({ canvas, viewport }).promise;
    await new Promise(requestAnimationFrame);
    const elapsed = performance.now() - start;
    await task.destroy();
    return elapsed;
  }, url);
}

/** The server's time to the first byte of a whole file, asked for from Node. */
async function firstByte(url: string, cookie: string): Promise<number> {
  const start = performance.now();
  const response = await fetch(url, { headers: { cookie } });
  const reader = response.body!.getReader();
  await reader.read();
  const elapsed = performance.now() - start;
  await reader.cancel();
  return elapsed;
}

const summary = (values: number[]) => {
  const { median, p90, min, max } = spreadOf(values);
  return [median, p90, min, max].map((value) => value.toFixed(0).padStart(6)).join('');
};

try {
  const cookie = await signIn(server.url, presenter.email);
  const { caseId, ids, bytes } = await uploadCopies(cookie);
  const presenterPage = await enterRoom('presenter', presenter.email);
  const expertPage = await enterRoom('expert', expert.email);
  await presenterPage.getByRole('tab', { name: 'Archivos' }).click();
  await presenterPage.getByRole('button', { name: 'Mostrar a todos' }).first().waitFor();
  const bare = await barePage();

  const stage: number[] = [];
  const alone: number[] = [];
  const served: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const file = `/api/cases/${caseId}/attachments/${ids[round]}`;
    stage.push(await sharedOnce(presenterPage, expertPage, round));
    alone.push(await bareOnce(bare, file));
    served.push(await firstByte(server.url + file, cookie));
  }
  console.log(`first page of a ${(bytes / 2 ** 20).toFixed(1)} MB, ${PAGES}-page scanned PDF (${ROUNDS} copies stored), ${ROUNDS} tries at ${VIEWPORT.width}×${VIEWPORT.height}`);
  console.log(`${'(ms)'.padEnd(58)}${['median', 'p90', 'min', 'max'].map((label) => label.padStart(6)).join('')}`);
  console.log(`${'shown: click "Mostrar a todos" → drawn on the other stage'.padEnd(58)}${summary(stage)}`);
  console.log(`${'bare pdf.js: getDocument → drawn in a blank page'.padEnd(58)}${summary(alone)}`);
  console.log(`${'server alone: first byte of the whole file, to Node'.padEnd(58)}${summary(served)}`);
  console.log(`bench wall time: ${(performance.now() / 1000).toFixed(1)} s`);
} finally {
  await closeParticipants(browser);
  await everyoneLeft(server, sessionId);
  await browser.close();
  await close();
}
