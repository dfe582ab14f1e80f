import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startChildServer, type ChildServer } from './childServer';

/** A real coturn for one test file: what a hospital behind a fence reaches on TCP 443. */
export interface TurnServer {
  /** The TURN URL pages are given (TCP to port 443 of the address). */
  url: string;
  /** The same port spoken over TLS (coturn tells TLS from plain TCP on one port), as a `turns:` URL. */
  tlsUrl: string;
  /** The shared secret of coturn's TURN REST scheme (use-auth-secret): the server's TURN_SECRET. */
  secret: string;
  /** Everything coturn logged so far (its allocations, refusals and errors). */
  log(): string;
  close(): Promise<void>;
}

export const TURN_PORT = 443;

/**
 * Starts Debian's `turnserver` (coturn, from npm run setup) listening on TCP `address`:443 only,
 * plain and TLS (a self-signed certificate made here with openssl), relaying from a few UDP ports
 * of the same address, and resolves once it accepts connections. It reads no configuration file
 * and writes nothing outside a temporary directory.
 */
export async function startTurnServer(address: string, options: { secret?: string } = {}): Promise<TurnServer> {
  const secret = options.secret ?? randomBytes(24).toString('hex');
  const dir = mkdtempSync(path.join(tmpdir(), 'oncoboard-turn-'));
  const [cert, key] = [path.join(dir, 'turn.crt'), path.join(dir, 'turn.key')];
  // prettier-ignore
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=turn.oncoboard.test', '-addext', `subjectAltName=IP:${address}`, '-keyout', key, '-out', cert], { stdio: 'ignore' });
  const args = [
    // No /etc/turnserver.conf (Debian's sends the log to syslog): only what is given here.
    '-n',
    `--listening-ip=${address}`,
    `--listening-port=${TURN_PORT}`,
    // Clients on TCP only, plain or TLS, as a fenced network's single open port.
    '--no-udp',
    '--no-dtls',
    `--tls-listening-port=${TURN_PORT}`,
    `--cert=${cert}`,
    `--pkey=${key}`,
    `--relay-ip=${address}`,
    // Relayed media leaves over UDP from a handful of ports (one per allocation).
    '--min-port=50000',
    '--max-port=50099',
    '--use-auth-secret',
    `--static-auth-secret=${secret}`,
    '--realm=oncoboard.test',
    // The media server, on the same private address, is the only peer. coturn 4.6 refuses only
    // loopback peers by default, so this is explicit rather than needed: deploy/coturn denies the
    // private ranges and allows the media server's address the same way.
    `--allowed-peer-ip=${address}`,
    '--no-multicast-peers',
    '--no-cli',
    '--no-rfc5780',
    '--no-software-attribute',
    `--userdb=${path.join(dir, 'turndb')}`,
    `--pidfile=${path.join(dir, 'turnserver.pid')}`,
    // Moderate verbosity: each session's requests and allocations, which tests read back.
    '--verbose',
    '--log-file=stdout',
    '--simple-log',
  ];
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  let turnserver: ChildServer;
  try {
    turnserver = await startChildServer('turnserver', process.env.TURNSERVER_PATH ?? 'turnserver', args, { host: address, port: TURN_PORT });
  } catch (error) {
    removeDir();
    throw error;
  }
  const close = async () => {
    await turnserver.close();
    removeDir();
  };
  return { url: `turn:${address}:${TURN_PORT}?transport=tcp`, tlsUrl: `turns:${address}:${TURN_PORT}?transport=tcp`, secret, log: () => turnserver.log(), close };
}
