/**
 * How long a participant waits, from clicking "Entrar a la sala" to the first frame of a
 * colleague's camera, in a room where someone already sends; and, in the same run, the same wait
 * on a bare mediasoup + mediasoup-client page pair (bench/bare/: no app, the same worker binary,
 * codecs and camera capture), from the call that starts receiving to its first frame. Real server,
 * real worker, Debian's Chromium with a fake camera. Prints its figures.
 */
import { performance } from 'node:perf_hooks';
import type { Browser } from 'playwright-core';
import { createAccount, createCenter, TEST_PASSWORD } from '../tests/support/accounts';
import { launchBrowser, openParticipant, signInThroughPage } from '../tests/support/browser';
import { createSessionSoon } from '../tests/support/sessions';
import { bareJoinTimes } from './bare/joins';
import { benchServer, everyoneLeft } from './benchServer';
import { spreadOf, type Spread } from './timing';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

/** `rounds` joins of the app's room (ms), each by a new expert signed in and waiting in the lobby. */
async function appJoinTimes(browser: Browser, rounds: number): Promise<number[]> {
  const { db, server, close } = await benchServer();
  try {
    const center = await createCenter(db);
    const coordinator = await createAccount(db, ['coordinator'], center, 'Coordinadora');
    const sessionId = await createSessionSoon(db, { hostCenterId: center, createdBy: coordinator.id, title: 'Banco de pruebas' });
    /** A signed-in page in the session's lobby, camera previewing. */
    const lobbyPage = async (name: string) => {
      const account = await createAccount(db, ['expert'], center, name);
      const page = await openParticipant(browser, server.url);
      await signInThroughPage(page, account.email, TEST_PASSWORD);
      await page.goto(`${server.url}/sesiones/${sessionId}/sala`);
      await page.getByRole('button', { name: 'Entrar a la sala' }).waitFor();
      return page;
    };

    const sender = await lobbyPage('Presentadora');
    await sender.getByRole('button', { name: 'Entrar a la sala' }).click();
    await sender.getByRole('heading', { name: /Banco de pruebas/ }).waitFor();
    const times: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const viewer = await lobbyPage(`Experto ${round}`);
      // Timed inside the page: from the click to the first presented frame of the remote video.
      times.push(
        await viewer.evaluate(
          () =>
            new Promise<number>((resolve) => {
              const start = performance.now();
              const watch = new MutationObserver(() => {
                const video = document.querySelector<HTMLVideoElement>('video[data-testid="remote-video"]');
                if (!video) return;
                watch.disconnect();
                video.requestVideoFrameCallback(() => resolve(performance.now() - start));
              });
              watch.observe(document.body, { childList: true, subtree: true });
              [...document.querySelectorAll<HTMLButtonElement>('button')].find((button) => button.textContent?.includes('Entrar a la sala'))!.click();
            }),
        ),
      );
      await viewer.context().close();
    }
    // The sender stops encoding before the bare pair is measured.
    await sender.context().close();
    await everyoneLeft(server, sessionId);
    return times;
  } finally {
    await close();
  }
}

const row = (label: string, { median, p90, min, max }: Spread) => `  ${label.padEnd(52)}${[median, p90, min, max].map((value) => value.toFixed(0).padStart(7)).join('')}`;

const browser = await launchBrowser();
try {
  const app = spreadOf(await appJoinTimes(browser, ROUNDS));
  const bare = spreadOf(await bareJoinTimes(browser, ROUNDS));
  const memory = process.memoryUsage();
  console.log(`join → first remote frame, ${ROUNDS} joins each, someone already sending (ms):`);
  console.log(`  ${''.padEnd(52)}${['median', 'p90', 'min', 'max'].map((label) => label.padStart(7)).join('')}`);
  console.log(row('app: click "Entrar a la sala" → first frame', app));
  console.log(row('bare mediasoup pair: receive() → first frame', bare));
  console.log(`  app/bare: median ${(app.median / bare.median).toFixed(1)}×, p90 ${(app.p90 / bare.p90).toFixed(1)}×`);
  console.log(`bench process (server and bare server): rss ${(memory.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB`);
  console.log(`bench wall time: ${(performance.now() / 1000).toFixed(1)} s`);
} finally {
  await browser.close();
}
