import { execFile, spawnSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { readToolchain } from '../../server/config';
import { LinkEmulator, type LinkConditions, type LinkStats } from './linkEmulator';

export type { DirectionStats, LinkConditions, LinkShape, LinkStats } from './linkEmulator';

/**
 * A participant's machine behind an emulated network link: a network namespace whose only way
 * out is one end of the link (device A); the other end (device B) stays beside the server.
 */
export interface NetworkLab {
  namespace: string;
  /** Device B's address, in this (the root) namespace: where the server listens. */
  serverAddress: string;
  /** Device A's address, inside the namespace. */
  clientAddress: string;
  /** Changes the link's conditions; resolves once they are in force. */
  set(conditions: LinkConditions): Promise<void>;
  cut(on: boolean): Promise<void>;
  stats(): Promise<LinkStats>;
  close(): Promise<void>;
}

const run = promisify(execFile);
const ip = (...args: string[]) => run('ip', args);

/** Namespaces of labs still open: removed if the process ends first (a failed run may skip afterAll). */
const openNamespaces = new Set<string>();
process.on('exit', () => openNamespaces.forEach(removeNamespace));

/** Builds the namespace and the link (needs root, and the link emulator from npm run setup). */
export async function openNetworkLab(conditions: LinkConditions = {}): Promise<NetworkLab> {
  const bin = readToolchain().linkEmulatorBin;
  if (!bin) throw new Error('link emulator not built: run "npm run setup"');
  const id = randomBytes(3).toString('hex');
  const namespace = `ob-${id}`;
  const devices = { a: `ob${id}a`, b: `ob${id}b` };
  const subnet = await freeSubnet();
  const serverAddress = `${subnet}.1`;
  const clientAddress = `${subnet}.2`;

  await ip('netns', 'add', namespace);
  openNamespaces.add(namespace);
  let emulator: LinkEmulator | undefined;
  const close = async () => {
    await emulator?.stop();
    removeNamespace(namespace);
    openNamespaces.delete(namespace);
  };
  try {
    emulator = await LinkEmulator.start(bin, devices, conditions);
    // Moving a device takes it down and clears it, so it is configured once inside; linkemu's
    // descriptor keeps working across the move. No IPv6 link-local address (addrgenmode none):
    // the kernel then sends nothing of its own (router solicitations) over the link.
    await ip('link', 'set', devices.a, 'netns', namespace);
    await ip('-n', namespace, 'link', 'set', devices.a, 'addrgenmode', 'none');
    await ip('-n', namespace, 'addr', 'add', `${clientAddress}/30`, 'dev', devices.a);
    await ip('-n', namespace, 'link', 'set', 'lo', 'up');
    await ip('-n', namespace, 'link', 'set', devices.a, 'up');
    await ip('-n', namespace, 'route', 'add', 'default', 'dev', devices.a);
    await ip('link', 'set', devices.b, 'addrgenmode', 'none');
    await ip('addr', 'add', `${serverAddress}/30`, 'dev', devices.b);
    await ip('link', 'set', devices.b, 'up');
  } catch (error) {
    await close();
    throw error;
  }
  const link = emulator;
  return {
    namespace,
    serverAddress,
    clientAddress,
    set: (next) => link.set(next),
    cut: (on) => link.set({ cut: on }),
    stats: () => link.stats(),
    close,
  };
}

/**
 * A Chromium that runs inside the namespace, to give launchBrowser as its executable.
 * `ip netns exec` enters the namespace and execs in place, so Playwright's pipe to the browser
 * and its process stay the same. Removed when the lab closes.
 */
export function chromiumInNamespace(namespace: string): string {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  writeFileSync(chromiumWrapper(namespace), `#!/bin/sh\nexec ip netns exec ${namespace} ${chromium} "$@"\n`, { mode: 0o755 });
  return chromiumWrapper(namespace);
}

function chromiumWrapper(namespace: string): string {
  return path.join(tmpdir(), `${namespace}-chromium`);
}

/** Synchronous, for the exit handler. Deleting the namespace also destroys device A, should linkemu still run. */
function removeNamespace(namespace: string): void {
  spawnSync('ip', ['netns', 'delete', namespace], { stdio: 'ignore' });
  rmSync(chromiumWrapper(namespace), { force: true });
}

/** A 10.201.x.0/30 no other lab on this machine uses: tests of other checkouts may run at the same time. */
async function freeSubnet(): Promise<string> {
  const { stdout } = await ip('-4', '-o', 'addr', 'show');
  const used = new Set([...stdout.matchAll(/inet 10\.201\.(\d+)\./g)].map((match) => Number(match[1])));
  const free = Array.from({ length: 254 }, (_, i) => i + 1).filter((x) => !used.has(x));
  if (!free.length) throw new Error('no free 10.201.x.0/30 for a network lab');
  return `10.201.${free[randomInt(free.length)]}`;
}
