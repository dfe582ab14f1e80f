import { execFileSync } from 'node:child_process';
import { lookup as systemLookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from 'node:dns';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { rootCertificates } from 'node:tls';
import { Agent, setGlobalDispatcher } from 'undici';
import { freePort, startChildServer } from './childServer';

/**
 * With E2E_THROUGH_PROXY=1, every test server stands behind its own nginx and every browser opens
 * it by name over HTTPS (npm run test:e2e:tls): the end-to-end files a proxy can change, as deployed.
 */
export const throughTlsProxy = process.env.E2E_THROUGH_PROXY === '1';

/** The name the tests give the site behind the proxy; it resolves to loopback only for clients told so. */
export const SITE_NAME = 'oncoboard.test';

/** Debian's nginx running deploy/nginx/oncoboard.conf in front of test servers. */
export interface TlsProxy {
  /** https://oncoboard.test:<port>: the address pages open. */
  origin: string;
  /** http://oncoboard.test:<port>: the plain port, which only sends people to HTTPS. */
  plainOrigin: string;
  close(): Promise<void>;
}

/** A certificate authority made for this test process, and a HOME whose Chromium trusts it. */
interface TestAuthority {
  dir: string;
  certificate: string;
  browserHome: string;
}

let authority: TestAuthority | undefined;

/** This process's test certificate authority (made once, with openssl; removed when the process ends). */
export function testAuthority(): TestAuthority {
  if (authority) return authority;
  const dir = mkdtempSync(path.join(tmpdir(), 'oncoboard-ca-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  openssl(
    dir,
    'req',
    '-x509',
    ...EC_KEY,
    '-days',
    '2',
    '-subj',
    '/CN=OncoBoard test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
  );
  // Chromium's certificate store on Linux is the NSS database in $HOME/.pki/nssdb.
  const browserHome = path.join(dir, 'home');
  const nssdb = path.join(browserHome, '.pki', 'nssdb');
  mkdirSync(nssdb, { recursive: true });
  execFileSync('certutil', ['-N', '-d', `sql:${nssdb}`, '--empty-password']);
  execFileSync('certutil', ['-A', '-d', `sql:${nssdb}`, '-t', 'C,,', '-n', 'OncoBoard test CA', '-i', path.join(dir, 'ca.crt')]);
  authority = { dir, certificate: readFileSync(path.join(dir, 'ca.crt'), 'utf8'), browserHome };
  return authority;
}

/** Chromium's switches that make it trust the test authority's sites and find the site on loopback. */
export function browserTrustingTestSite(): { home: string; args: string[] } {
  return { home: testAuthority().browserHome, args: [`--host-resolver-rules=MAP ${SITE_NAME} 127.0.0.1`] };
}

/**
 * Makes this process's fetch trust the test authority and find the site on loopback, as the
 * browser does: the tests' own requests then go through the proxy like the pages'.
 */
export function fetchTrustingTestSite(): void {
  const lookup = ((hostname: string, options: LookupOneOptions | LookupAllOptions, callback: (...args: unknown[]) => void) => {
    if (hostname !== SITE_NAME) return systemLookup(hostname, options, callback as never);
    const address: LookupAddress = { address: '127.0.0.1', family: 4 };
    return options.all ? callback(null, [address]) : callback(null, address.address, address.family);
  }) as typeof systemLookup;
  setGlobalDispatcher(new Agent({ connect: { ca: [...rootCertificates, testAuthority().certificate], lookup } }));
}

const DEPLOYED_SITE = path.resolve(import.meta.dirname, '../../deploy/nginx/oncoboard.conf');
const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/**
 * Starts nginx with the deployed site configuration, changing only its names, ports and paths:
 * TLS for `SITE_NAME` with a certificate from the test authority, in front of the instances on
 * loopback `upstreamPorts`, on `tlsPort` (a free one unless given). Everything else lives in a temporary directory.
 */
export async function startTlsProxy(upstreamPorts: number[], tlsPort?: number): Promise<TlsProxy> {
  const dir = mkdtempSync(path.join(tmpdir(), 'oncoboard-tls-'));
  try {
    const file = (name: string) => path.join(dir, name);
    signSiteCertificate(dir);
    const [httpsPort, plainPort] = [tlsPort ?? (await freePort()), await freePort()];
    writeFileSync(
      file('site.conf'),
      replaceAll(readFileSync(DEPLOYED_SITE, 'utf8'), [
        ['    server 127.0.0.1:3000 max_fails=1 fail_timeout=10s;\n', upstreamPorts.map((port) => `    server 127.0.0.1:${port} max_fails=1 fail_timeout=10s;\n`).join('')],
        ['    listen [::]:80;\n', ''],
        ['    listen [::]:443 ssl http2;\n', ''],
        ['listen 80;', `listen 127.0.0.1:${plainPort};`],
        ['listen 443 ssl http2;', `listen 127.0.0.1:${httpsPort} ssl http2;`],
        ['oncoboard.example.mx', SITE_NAME],
        ['/etc/ssl/oncoboard/fullchain.pem', file('server.crt')],
        ['/etc/ssl/oncoboard/privkey.pem', file('server.key')],
      ]),
    );
    const temps = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'];
    for (const temp of temps) mkdirSync(file(temp));
    writeFileSync(
      file('nginx.conf'),
      [
        // As root, nginx's workers would otherwise run as nobody, who cannot read this directory.
        process.getuid?.() === 0 ? 'user root;' : '',
        'worker_processes 1;',
        `pid ${file('nginx.pid')};`,
        'error_log stderr warn;',
        'events { worker_connections 1024; }',
        'http {',
        '  access_log off;',
        ...temps.map((temp) => `  ${temp}_temp_path ${file(temp)};`),
        `  include ${file('site.conf')};`,
        '}',
      ].join('\n'),
    );
    const nginx = await startChildServer('nginx', process.env.NGINX_PATH ?? '/usr/sbin/nginx', ['-p', dir, '-c', file('nginx.conf'), '-g', 'daemon off;'], {
      host: '127.0.0.1',
      port: httpsPort,
    });
    return {
      origin: `https://${SITE_NAME}:${httpsPort}`,
      plainOrigin: `http://${SITE_NAME}:${plainPort}`,
      async close() {
        await nginx.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** The text with each `[from, to]` replaced; fails if one is missing, so a changed deployment file is noticed. */
function replaceAll(text: string, replacements: [string, string][]): string {
  return replacements.reduce((result, [from, to]) => {
    if (!result.includes(from)) throw new Error(`deploy/nginx/oncoboard.conf no longer contains "${from.trim()}": update tests/support/tlsProxy.ts`);
    return result.split(from).join(to);
  }, text);
}

function signSiteCertificate(dir: string): void {
  const ca = testAuthority();
  openssl(dir, 'req', ...EC_KEY, '-subj', `/CN=${SITE_NAME}`, '-keyout', 'server.key', '-out', 'server.csr');
  writeFileSync(path.join(dir, 'server.ext'), `subjectAltName=DNS:${SITE_NAME}\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n`);
  // prettier-ignore
  openssl(dir, 'x509', '-req', '-in', 'server.csr', '-CA', path.join(ca.dir, 'ca.crt'), '-CAkey', path.join(ca.dir, 'ca.key'), '-CAcreateserial', '-CAserial', path.join(dir, 'ca.srl'), '-days', '2', '-extfile', 'server.ext', '-out', 'server.crt');
}

function openssl(cwd: string, ...args: string[]): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}
