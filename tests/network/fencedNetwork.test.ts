import { execFile, spawn } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { once } from 'node:events';
import { connect, createServer } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { createAccount, createCenter, type TestAccount } from '../support/accounts';
import { closeParticipants, enterSessionRoom, framesPlayedFrom, launchBrowser } from '../support/browser';
import { chromiumInNamespace, openNetworkLab, type NetworkLab } from '../support/networkLab';
import { createSessionSoon } from '../support/sessions';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';
import { startTurnServer, TURN_PORT, type TurnServer } from '../support/turnServer';

const run = promisify(execFile);

let db: Database;
let lab: NetworkLab;
let turn: TurnServer;
/** The app's HTTP port and the media server's single WebRTC port, the same for every server started here. */
let httpPort: number;
let rtcPort: number;
let server: TestServer | undefined;
/** Chromium inside the lab's namespace (the hospital behind the fence), and one beside the server. */
let fenced: Browser;
let open: Browser;
let echo: Socket;
let people: { hospital: TestAccount; expert: TestAccount };
let roomPath: string;
let fenceUp = false;

beforeAll(async () => {
  db = await openTestDatabase();
  lab = await openNetworkLab();
  turn = await startTurnServer(lab.serverAddress);
  httpPort = await freePort(lab.serverAddress);
  rtcPort = await freePort(lab.serverAddress, [httpPort]);
  // Camera and microphone need a secure context, which plain http is only on loopback.
  const args = [`--unsafely-treat-insecure-origin-as-secure=http://${lab.serverAddress}:${httpPort}`];
  // The TURN server's certificate is self-signed (made for the test): the fenced browser takes it as a trusted one.
  [fenced, open] = await Promise.all([
    launchBrowser({ executablePath: chromiumInNamespace(lab.namespace), args: [...args, '--ignore-certificate-errors'] }),
    launchBrowser({ args }),
  ]);
  echo = createSocket('udp4').on('message', (message, from) => echo.send(message, from.port, from.address));
  echo.bind(0, lab.serverAddress);
  await once(echo, 'listening');
  const center = await createCenter(db);
  people = {
    hospital: await createAccount(db, ['presenter'], center, 'Dra. Pech'),
    expert: await createAccount(db, ['expert'], center, 'Dr. Salas'),
  };
  const sessionId = await createSessionSoon(db, { hostCenterId: center, createdBy: people.expert.id, title: 'Neuroblastoma' });
  roomPath = `/sesiones/${sessionId}/sala`;
});
afterEach(async () => {
  await Promise.all([closeParticipants(fenced), closeParticipants(open)]);
  await server?.close();
  server = undefined;
  await unfence();
});
afterAll(async () => {
  echo?.close();
  await Promise.all([fenced?.close(), open?.close()]);
  await turn?.close();
  await lab?.close();
  if (db) await dropTestDatabase(db);
});

/** The app on the lab's server address, handing pages the TURN server (with `secret`) and the given policy. */
async function startServer(options: { policy?: 'all' | 'relay'; secret?: string; turnUrl?: string } = {}): Promise<TestServer> {
  server = await startTestServer(db, {
    host: lab.serverAddress,
    port: httpPort,
    env: {
      RTC_PORT: String(rtcPort),
      TURN_URLS: options.turnUrl ?? turn.url,
      TURN_SECRET: options.secret ?? turn.secret,
      ICE_TRANSPORT_POLICY: options.policy ?? 'all',
    },
  });
  return server;
}

/**
 * A hospital firewall in the lab's namespace: out only to the app's HTTP port and TCP 443 of the
 * server, and back only on connections so opened. UDP to anywhere, and any other port (the media
 * server's among them), is dropped; a named counter records the UDP it stopped.
 */
async function fence(): Promise<void> {
  fenceUp = true;
  await nft(`
    table inet fence {
      counter udp_dropped {}
      chain output {
        type filter hook output priority 0; policy drop;
        oif "lo" accept
        ct state established,related accept
        ip daddr ${lab.serverAddress} tcp dport { ${httpPort}, ${TURN_PORT} } accept
        meta l4proto udp counter name "udp_dropped" drop
      }
      chain input {
        type filter hook input priority 0; policy drop;
        iif "lo" accept
        ct state established,related accept
      }
    }
  `);
}

async function unfence(): Promise<void> {
  if (fenceUp) await nft('delete table inet fence');
  fenceUp = false;
}

/** Runs an nftables script inside the lab's namespace. */
function nft(script: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('ip', ['netns', 'exec', lab.namespace, 'nft', '-f', '-'], { stdio: ['pipe', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
    child.on('error', reject).on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`nft failed (${code}): ${errors}`))));
    child.stdin.end(script);
  });
}

async function udpDroppedByFence(): Promise<number> {
  const { stdout } = await run('ip', ['netns', 'exec', lab.namespace, 'nft', '-j', 'list', 'counter', 'inet', 'fence', 'udp_dropped']);
  const listed = JSON.parse(stdout) as { nftables: { counter?: { packets: number } }[] };
  return listed.nftables.find((entry) => entry.counter)?.counter?.packets ?? 0;
}

/** Runs the link probe inside the lab's namespace. */
async function probe<Figures>(...args: (string | number)[]): Promise<Figures> {
  const script = path.join(import.meta.dirname, '..', 'support', 'linkProbe.ts');
  const { stdout } = await run('ip', ['netns', 'exec', lab.namespace, process.execPath, '--import', 'tsx', script, ...args.map(String)]);
  return JSON.parse(stdout) as Figures;
}

const tcpConnectsFromHospital = (port: number) => probe<{ connected: boolean }>('tcp-connect', lab.serverAddress, port).then((result) => result.connected);

/** Whether a TCP connection to the port opens from this (the server's) side. */
function tcpConnectsHere(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, lab.serverAddress)
      .on('connect', () => {
        socket.destroy();
        resolve(true);
      })
      .on('error', () => resolve(false));
  });
}

/**
 * A port free for TCP and UDP on the address, below the kernel's ephemeral range: no socket the
 * browsers open takes it while servers come and go on it between tests.
 */
async function freePort(address: string, taken: number[] = []): Promise<number> {
  for (;;) {
    const port = randomInt(20_000, 30_000);
    if (taken.includes(port)) continue;
    const tcp = createServer();
    const tcpFree = await new Promise<boolean>((resolve) => tcp.once('error', () => resolve(false)).listen(port, address, () => resolve(true)));
    if (tcpFree) await new Promise((resolve) => tcp.close(resolve));
    const udp = createSocket('udp4');
    const udpFree = await new Promise<boolean>((resolve) => udp.once('error', () => resolve(false)).bind(port, address, () => resolve(true)));
    udp.close();
    if (tcpFree && udpFree) return port;
  }
}

/**
 * Before the page loads: keeps every RTCPeerConnection it makes (mediasoup-client makes one per
 * transport) and the ICE candidate errors they report, for the test to read through getStats.
 */
const instrumentPeerConnections = () => {
  const watched = window as unknown as { peerConnections: RTCPeerConnection[]; iceErrors: { code: number; url: string }[] };
  watched.peerConnections = [];
  watched.iceErrors = [];
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      watched.peerConnections.push(this);
      this.addEventListener('icecandidateerror', (event) => watched.iceErrors.push({ code: event.errorCode, url: event.url }));
    }
  };
};

/** Signs in, passes the lobby and enters the room, its peer connections watched. */
function enter(browser: Browser, account: TestAccount): Promise<Page> {
  return enterSessionRoom(browser, `http://${lab.serverAddress}:${httpPort}${roomPath}`, account, {
    prepare: async (page) => {
      await page.addInitScript(instrumentPeerConnections);
      await page.reload();
    },
  });
}

interface SelectedPath {
  state: RTCPeerConnectionState;
  /** The local candidate of the pair ICE selected: 'relay' when media goes through TURN. */
  candidateType?: string;
  /** How a relay candidate reaches the TURN server ('udp', 'tcp', 'tls'). */
  relayProtocol?: string;
}

/** The selected candidate pair of each of the page's peer connections. */
function selectedPaths(page: Page): Promise<SelectedPath[]> {
  return page.evaluate(async () => {
    const { peerConnections } = window as unknown as { peerConnections: RTCPeerConnection[] };
    return Promise.all(
      peerConnections
        .filter((pc) => pc.connectionState !== 'closed')
        .map(async (pc) => {
          const stats = [...(await pc.getStats()).values()] as Record<string, string | undefined>[];
          const transport = stats.find((report) => report.type === 'transport' && report.selectedCandidatePairId);
          const pair = stats.find((report) => report.id === transport?.selectedCandidatePairId);
          const local = stats.find((report) => report.id === pair?.localCandidateId);
          return { state: pc.connectionState, candidateType: local?.candidateType, relayProtocol: local?.relayProtocol };
        }),
    );
  });
}

/** Waits until the page's sending and receiving connections are up, and returns their paths. */
async function connectedPaths(page: Page): Promise<SelectedPath[]> {
  let paths: SelectedPath[] = [];
  await expect
    .poll(
      async () => {
        paths = await selectedPaths(page);
        return paths.length >= 2 && paths.every((path) => path.state === 'connected' && path.candidateType);
      },
      { timeout: 20_000, interval: 250 },
    )
    .toBe(true);
  return paths;
}

async function seeingEachOther(hospital: Page, expert: Page): Promise<void> {
  await expect.poll(() => framesPlayedFrom(hospital, people.expert.name, { windowMs: 1000, timeout: 20_000 }), { timeout: 20_000, interval: 250 }).toBeGreaterThan(2);
  await expect.poll(() => framesPlayedFrom(expert, people.hospital.name, { windowMs: 1000, timeout: 20_000 }), { timeout: 20_000, interval: 250 }).toBeGreaterThan(2);
}

/** coturn's log lines since `offset` about requests with the account's REST credentials (user "expiry:account") that match. */
const turnLogOf = (account: TestAccount, pattern: RegExp, offset = 0) =>
  turn
    .log()
    .slice(offset)
    .split('\n')
    .filter((line) => line.includes(`:${account.id}>`) && pattern.test(line)).length;
const allocationsOf = (account: TestAccount, offset = 0) => turnLogOf(account, /ALLOCATE processed, success/, offset);

describe('a hospital network that lets out only HTTPS', () => {
  it('carries both cameras through TURN over TCP 443, the fenced page relaying while the media port stays shut', async () => {
    await startServer();
    await fence();
    // The fence is real: no UDP gets out, nor TCP to the media server, though the app's port and 443 open.
    const udp = await probe<{ rtts: (number | null)[] }>('udp-echo', lab.serverAddress, echo.address().port, 3, 100);
    expect(udp.rtts).toEqual([null, null, null]);
    expect(await tcpConnectsHere(rtcPort)).toBe(true);
    const [toMedia, toApp, toTurn] = await Promise.all([rtcPort, httpPort, TURN_PORT].map(tcpConnectsFromHospital));
    expect({ toMedia, toApp, toTurn }).toEqual({ toMedia: false, toApp: true, toTurn: true });

    const udpDroppedBefore = await udpDroppedByFence();
    const logStart = turn.log().length;
    const hospital = await enter(fenced, people.hospital);
    const expert = await enter(open, people.expert);
    await seeingEachOther(hospital, expert);

    const hospitalPaths = await connectedPaths(hospital);
    console.info(`fenced page: ${JSON.stringify(hospitalPaths)}; open page: ${JSON.stringify(await connectedPaths(expert))}`);
    for (const selected of hospitalPaths) expect(selected).toMatchObject({ candidateType: 'relay', relayProtocol: 'tcp' });
    // Chromium did try the direct way first, and the fence stopped it.
    expect(await udpDroppedByFence()).toBeGreaterThan(udpDroppedBefore);
    // coturn checked the page's REST credentials and gave it allocations.
    expect(allocationsOf(people.hospital, logStart)).toBeGreaterThan(0);
  });

  it('carries both cameras through TURN over TLS on 443 (turns:), for fences that inspect what crosses them', async () => {
    await startServer({ turnUrl: turn.tlsUrl });
    await fence();
    const logStart = turn.log().length;
    const hospital = await enter(fenced, people.hospital);
    const expert = await enter(open, people.expert);
    await seeingEachOther(hospital, expert);
    const hospitalPaths = await connectedPaths(hospital);
    console.info(`fenced page over turns: ${JSON.stringify(hospitalPaths)}`);
    for (const selected of hospitalPaths) expect(selected).toMatchObject({ candidateType: 'relay', relayProtocol: 'tls' });
    expect(allocationsOf(people.hospital, logStart)).toBeGreaterThan(0);
  });

  it('leaves the fenced page without a relay, and without media, when the app signs with another secret', async () => {
    await startServer({ secret: randomBytes(24).toString('hex') });
    await fence();
    const logStart = turn.log().length;
    const hospital = await enter(fenced, people.hospital);
    const expert = await enter(open, people.expert);
    // coturn refuses the credentials (401), so the page has no way to the media server.
    await expect
      .poll(() => hospital.evaluate(() => (window as unknown as { iceErrors: { code: number }[] }).iceErrors.map((error) => error.code)), { timeout: 10_000 })
      .toContain(401);
    await expect(framesPlayedFrom(expert, people.hospital.name, { timeout: 3000 })).rejects.toThrow();
    const paths = await selectedPaths(hospital);
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.filter((selected) => selected.state === 'connected')).toEqual([]);
    expect(turnLogOf(people.hospital, /error 401/, logStart)).toBeGreaterThan(0);
    expect(allocationsOf(people.hospital, logStart)).toBe(0);
  });
});

describe('ICE_TRANSPORT_POLICY=relay', () => {
  it('makes both pages relay through TURN even where a direct path is open', async () => {
    await startServer({ policy: 'relay' });
    const logStart = turn.log().length;
    const hospital = await enter(fenced, people.hospital);
    const expert = await enter(open, people.expert);
    await seeingEachOther(hospital, expert);
    for (const page of [hospital, expert]) {
      for (const selected of await connectedPaths(page)) expect(selected.candidateType).toBe('relay');
    }
    expect(allocationsOf(people.hospital, logStart)).toBeGreaterThan(0);
    expect(allocationsOf(people.expert, logStart)).toBeGreaterThan(0);
  });
});
