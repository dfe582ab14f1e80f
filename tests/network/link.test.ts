import { execFile } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { once } from 'node:events';
import { createServer, type AddressInfo, type Server } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { closeParticipants, launchBrowser, openParticipant } from '../support/browser';
import { chromiumInNamespace, openNetworkLab, type LinkShape, type NetworkLab } from '../support/networkLab';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

const run = promisify(execFile);

/** One direction set whole, so a test does not inherit the previous one's conditions. */
function shape(settings: Partial<LinkShape> = {}): LinkShape {
  return { rateKbps: 0, delayMs: 0, loss: 0, queueMs: 500, ...settings };
}

describe('the emulated link', () => {
  let lab: NetworkLab;
  let echo: Socket;
  let echoPort: number;
  let download: Server;
  const DOWNLOAD_BYTES = 150_000;

  beforeAll(async () => {
    lab = await openNetworkLab();
    echo = createSocket('udp4').on('message', (message, from) => echo.send(message, from.port, from.address));
    echo.bind(0, lab.serverAddress);
    await once(echo, 'listening');
    echoPort = echo.address().port;
    download = createServer((socket) => socket.end(Buffer.alloc(DOWNLOAD_BYTES)));
    await new Promise<void>((resolve) => download.listen(0, lab.serverAddress, resolve));
  });
  afterAll(async () => {
    echo?.close();
    download?.close();
    await lab?.close();
  });

  /** Runs the probe inside the lab's namespace: its packets cross the link. */
  async function probe<Figures>(...args: (string | number)[]): Promise<Figures> {
    const script = path.join(import.meta.dirname, '..', 'support', 'linkProbe.ts');
    const { stdout } = await run('ip', ['netns', 'exec', lab.namespace, process.execPath, '--import', 'tsx', script, ...args.map(String)]);
    return JSON.parse(stdout) as Figures;
  }

  function udpEcho(count: number, intervalMs: number): Promise<{ rtts: (number | null)[] }> {
    return probe('udp-echo', lab.serverAddress, echoPort, count, intervalMs);
  }

  it('delays each way as set', async () => {
    await lab.set({ up: shape({ delayMs: 100 }), down: shape({ delayMs: 100 }) });
    const { rtts } = await udpEcho(5, 200);
    console.info(`round trip with 100 ms each way: ${rtts.map((rtt) => rtt?.toFixed(1)).join(', ')} ms`);
    for (const rtt of rtts) expect(rtt).toBeGreaterThanOrEqual(200);
    // Never less than set; a busy machine may hold one echo back, so the typical round trip is what must be close.
    const sorted = rtts.map((rtt) => rtt!).sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan(230);
  });

  it('carries a bulk transfer at the set rate', async () => {
    await lab.set({ up: shape({ rateKbps: 300, delayMs: 20 }), down: shape({ rateKbps: 300, delayMs: 20 }) });
    const { bytes, seconds } = await probe<{ bytes: number; seconds: number }>('tcp-download', lab.serverAddress, (download.address() as AddressInfo).port);
    const kbps = (bytes * 8) / seconds / 1000;
    console.info(`TCP download through 300 kbit/s: ${kbps.toFixed(1)} kbit/s (${bytes} bytes in ${seconds.toFixed(2)} s)`);
    // IP and TCP headers take ~3.5 % of full-size packets.
    expect(kbps).toBeGreaterThan(250);
    expect(kbps).toBeLessThan(320);
  });

  it('loses about the share of packets set', async () => {
    await lab.set({ up: shape({ loss: 0.05 }), down: shape() });
    const before = await lab.stats();
    const { rtts } = await udpEcho(1000, 2);
    const after = await lab.stats();
    const missing = rtts.filter((rtt) => rtt === null).length;
    console.info(`5 % loss: ${missing} of 1000 datagrams lost`);
    // Binomial: 50 expected, standard deviation ~7.
    expect(missing).toBeGreaterThan(20);
    expect(missing).toBeLessThan(90);
    expect(after.up.lost - before.up.lost).toBe(missing);
  });

  it('carries nothing while cut, and everything again once restored', async () => {
    await lab.set({ up: shape(), down: shape(), cut: true });
    const before = await lab.stats();
    expect((await udpEcho(3, 100)).rtts).toEqual([null, null, null]);
    expect((await lab.stats()).up.cutDrops - before.up.cutDrops).toBeGreaterThanOrEqual(3);
    await lab.cut(false);
    expect((await udpEcho(3, 100)).rtts).not.toContain(null);
  });
});

describe('a browser behind the link', () => {
  let db: Database;
  let lab: NetworkLab;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    db = await openTestDatabase();
    lab = await openNetworkLab({ up: shape({ rateKbps: 1000, delayMs: 50 }), down: shape({ rateKbps: 1000, delayMs: 50 }) });
    server = await startTestServer(db, { host: lab.serverAddress });
    browser = await launchBrowser({
      executablePath: chromiumInNamespace(lab.namespace),
      // Camera and microphone need a secure context, which plain http is only on loopback.
      args: [`--unsafely-treat-insecure-origin-as-secure=${server.url}`],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await lab?.close();
    if (db) await dropTestDatabase(db);
  });

  it('loads the login page from the server through the link', async () => {
    const page = await openParticipant(browser, `${server.url}/entrar`);
    await page.getByRole('button', { name: 'Entrar' }).waitFor();
    expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
    const { down } = await lab.stats();
    console.info(`login page through 1 Mbit/s and 50 ms each way: ${down.forwarded} packets down`);
    // The page and its scripts came through the link.
    expect(down.forwarded).toBeGreaterThan(100);
    await closeParticipants(browser);
  });
});
