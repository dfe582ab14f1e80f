/**
 * Joins on the bare pair, timed as the app's are: a page that already sends the camera, then
 * for each round a fresh page (its own browser context) whose device is loaded, timed inside the
 * page from the call that starts receiving to the first frame presented.
 */
import type { Browser, Page } from 'playwright-core';
import { openParticipant } from '../../tests/support/browser';
import { startBareServer } from './server';
import type { BarePage } from './signals';

/** A bare page whose device is loaded: the state the app's lobby leaves a page in. */
async function barePage(browser: Browser, url: string): Promise<Page> {
  const page = await openParticipant(browser, url);
  await page.waitForFunction(() => 'bare' in window);
  return page;
}

/** `rounds` join times (ms) on the bare pair, the sender sending before the first. */
export async function bareJoinTimes(browser: Browser, rounds: number): Promise<number[]> {
  const server = await startBareServer();
  try {
    const sender = await barePage(browser, server.url);
    await sender.evaluate(() => (window as unknown as { bare: BarePage }).bare.send());
    const times: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const viewer = await barePage(browser, server.url);
      times.push(
        await viewer.evaluate(async () => {
          const { bare } = window as unknown as { bare: BarePage };
          const start = performance.now();
          return (await bare.receive()) - start;
        }),
      );
      await viewer.context().close();
    }
    await sender.context().close();
    return times;
  } finally {
    await server.close();
  }
}
