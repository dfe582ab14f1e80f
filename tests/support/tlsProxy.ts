import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, startChildServer } from './childServer';

/** Debian's nginx running deploy/nginx/oncoboard.conf in front of test servers, with its own certificate authority. */
export interface TlsProxy {
  /** https://<host name>:<port>: the address pages open (the name resolves to loopback only in a browser told so). */
  origin: string;
  /** http://<host name>:<port>: the plain port, which only sends people to HTTPS. */
  plainOrigin: string;
  hostName: string;
  /** The certificate authority that signed the proxy's certificate (PEM), for a client to trust. */
  caCertificate: string;
  /** A HOME whose NSS database trusts that authority: Chromium run with it trusts the proxy as a real site. */
  browserHome: string;
  close(): Promise<void>;
}

const DEPLOYED_SITE = path.resolve(import.meta.dirname, '../../deploy/nginx/oncoboard.conf');

/**
 * Starts nginx with the deployed site configuration, changing only its names, ports and paths:
 * TLS with a certificate for `hostName` from a certificate authority made here with openssl,
 * in front of the instances on loopback `upstreamPorts`. Everything lives in a temporary directory.
 */
export async function startTlsProxy(upstreamPorts: number[], hostName = 'oncoboard.test'): Promise<TlsProxy> {
  const dir = mkdtempSync(path.join(tmpdir(), 'oncoboard-tls-'));
  try {
    const file = (name: string) => path.join(dir, name);
    makeCertificates(dir, hostName);
    const [tlsPort, plainPort] = [await freePort(), await freePort()];
    writeFileSync(
      file('site.conf'),
      replaceAll(readFileSync(DEPLOYED_SITE, 'utf8'), [
        ['    server 127.0.0.1:3000 max_fails=1 fail_timeout=10s;\n', upstreamPorts.map((port) => `    server 127.0.0.1:${port} max_fails=1 fail_timeout=10s;\n`).join('')],
        ['    listen [::]:80;\n', ''],
        ['    listen [::]:443 ssl http2;\n', ''],
        ['listen 80;', `listen 127.0.0.1:${plainPort};`],
        ['listen 443 ssl http2;', `listen 127.0.0.1:${tlsPort} ssl http2;`],
        ['oncoboard.example.mx', hostName],
        ['/etc/ssl/oncoboard/fullchain.pem', file('server.crt')],
        ['/etc/ssl/oncoboard/privkey.pem', file('server.key')],
      ]),
    );
    for (const temp of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(file(temp));
    writeFileSync(
      file('nginx.conf'),
      [
        // As root, nginx's workers would otherwise run as nobody, who cannot read this directory.
        process.getuid?.() === 0 ? 'user root;' : '',
        'worker_processes 1;',
        `pid ${file('nginx.pid')};`,
        'error_log stderr warn;',
        'events { worker_connections 256; }',
        'http {',
        '  access_log off;',
        ...['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((temp) => `  ${temp === 'body' ? 'client_body' : temp}_temp_path ${file(temp)};`),
        `  include ${file('site.conf')};`,
        '}',
      ].join('\n'),
    );
    const nginx = await startChildServer('nginx', process.env.NGINX_PATH ?? '/usr/sbin/nginx', ['-p', dir, '-c', file('nginx.conf'), '-g', 'daemon off;'], {
      host: '127.0.0.1',
      port: tlsPort,
    });
    return {
      origin: `https://${hostName}:${tlsPort}`,
      plainOrigin: `http://${hostName}:${plainPort}`,
      hostName,
      caCertificate: readFileSync(file('ca.crt'), 'utf8'),
      browserHome: trustingHome(dir, file('ca.crt')),
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

/** Chromium's switch that sends the proxy's name to loopback, as a hospital's DNS would send it to the proxy. */
export const resolveToLoopback = (proxy: TlsProxy): string => `--host-resolver-rules=MAP ${proxy.hostName} 127.0.0.1`;

/** The text with each `[from, to]` replaced; fails if one is missing, so a changed deployment file is noticed. */
function replaceAll(text: string, replacements: [string, string][]): string {
  return replacements.reduce((result, [from, to]) => {
    if (!result.includes(from)) throw new Error(`deploy/nginx/oncoboard.conf no longer contains "${from.trim()}": update tests/support/tlsProxy.ts`);
    return result.split(from).join(to);
  }, text);
}

function makeCertificates(dir: string, hostName: string): void {
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(
    'req',
    '-x509',
    ...ecKey,
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
  openssl('req', ...ecKey, '-subj', `/CN=${hostName}`, '-keyout', 'server.key', '-out', 'server.csr');
  writeFileSync(path.join(dir, 'server.ext'), `subjectAltName=DNS:${hostName}\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n`);
  openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-extfile', 'server.ext', '-out', 'server.crt');
}

/** A HOME with an NSS database (Chromium's certificate store on Linux) trusting the authority for websites. */
function trustingHome(dir: string, caPath: string): string {
  const home = path.join(dir, 'home');
  const nssdb = path.join(home, '.pki', 'nssdb');
  mkdirSync(nssdb, { recursive: true });
  execFileSync('certutil', ['-N', '-d', `sql:${nssdb}`, '--empty-password']);
  execFileSync('certutil', ['-A', '-d', `sql:${nssdb}`, '-t', 'C,,', '-n', 'OncoBoard test CA', '-i', caPath]);
  return home;
}
