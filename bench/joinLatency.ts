/**
 * How long a participant waits, from clicking "Entrar" to the first frame of a colleague's
 * camera, in a room where someone already sends; and what the server holds meanwhile.
 * Real server, real worker, Debian's Chromium with a fake camera. Prints its figures.
 */
import { performance } from 'node:perf_hooks';
import { createAccount, createCenter, TEST_PASSWORD } from '../tests/support/accounts';
import { benchServer, quantile } from './benchServer';
import { createSessionSoon } from '../tests/support/sessions';
import { launchBrowser, openParticipant, signInThroughPage } from '../tests/support/browser';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

const { db, server, close } = await benchServer();
const browser = await launchBrowser();
const center = await createCenter(db);
const coordinator = await createAccount(db, ['coordinator'], center, 'Coordinadora');
const sessionId = await createSessionSoon(db, { hostCenterId: center, createdBy: coordinator.id, title: 'Banco de pruebas' });

/** A signed-in page in the session's lobby, camera previewing. */
async function lobbyPage(name: string) {
  const account = await createAccount(db, ['expert'], center, name);
  const page = await openParticipant(browser, server.url);
  await signInThroughPage(page, account.email, TEST_PASSWORD);
  await page.goto(`${server.url}/sesiones/${sessionId}/sala`);
  await page.getByRole('button', { name: 'Entrar a la sala' }).waitFor();
  return page;
}

try {
  const sender = await lobbyPage('Presentadora');
  await sender.getByRole('button', { name: 'Entrar a la sala' }).click();
  await sender.getByRole('heading', { name: /Banco de pruebas/ }).waitFor();

  const latencies: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const viewer = await lobbyPage(`Experto ${round}`);
    // Timed inside the page: from the click to the first presented frame of the remote video.
    const elapsed = await viewer.evaluate(
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
    );
    latencies.push(elapsed);
    await viewer.context().close();
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  const memory = process.memoryUsage();
  console.log(
    `join → first remote frame over ${ROUNDS} joins (ms): median ${quantile(sorted, 0.5).toFixed(0)}, p90 ${quantile(sorted, 0.9).toFixed(0)}, min ${sorted[0]!.toFixed(0)}, max ${sorted.at(-1)!.toFixed(0)}`,
  );
  console.log(`server process: rss ${(memory.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB`);
  console.log(`bench wall time: ${(performance.now() / 1000).toFixed(1)} s`);
} finally {
  await browser.close();
  await close();
}
