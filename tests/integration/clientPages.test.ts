import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gunzipSync } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientPages } from '../../server/http/clientPages';

let dir: string;
let url: string;
let close: () => void;
const script = `export const words = '${'palabra '.repeat(2000)}';`;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'oncoboard-dist-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>OncoBoard</title>');
  writeFileSync(path.join(dir, 'assets', 'app-abc123.js'), script);
  writeFileSync(path.join(dir, 'assets', 'app-abc123.js.br'), brotliCompressSync(script));
  writeFileSync(path.join(dir, 'assets', 'plain-abc123.js'), 'export {};');
  const app = express().use(clientPages(dir));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => {
  close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the built client as served', () => {
  it('sends a compressed copy to browsers that accept it, which they keep for a year', async () => {
    const response = await fetch(`${url}/assets/app-abc123.js`, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('vary')).toMatch(/accept-encoding/i);
    // fetch decodes Brotli itself: the page gets the same script.
    expect(await response.text()).toBe(script);
  });

  it('sends the plain file where no compressed copy fits, and gzip is not invented', async () => {
    const plain = await fetch(`${url}/assets/app-abc123.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(script);
    const onlyGzip = await fetch(`${url}/assets/app-abc123.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(onlyGzip.headers.get('content-encoding')).toBeNull();
    const small = await fetch(`${url}/assets/plain-abc123.js`, { headers: { 'accept-encoding': 'br' } });
    expect(small.headers.get('content-encoding')).toBeNull();
    expect(small.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('serves gzip when the build wrote it and the browser takes only gzip', async () => {
    writeFileSync(path.join(dir, 'assets', 'app-abc123.js.gz'), (await import('node:zlib')).gzipSync(script));
    const response = await fetch(`${url}/assets/app-abc123.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(await response.text()).toBe(script);
    expect(gunzipSync(Buffer.from(await (await fetch(`${url}/assets/app-abc123.js.gz`)).arrayBuffer())).toString()).toBe(script);
  });

  it('has the page itself checked on every visit, and refuses paths that leave the assets', async () => {
    const page = await fetch(`${url}/sesiones/123`);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await page.text()).toContain('OncoBoard');
    for (const hostile of ['/assets/%2e%2e/%2e%2e/etc/passwd', '/assets/%E0%A4%A', '/assets/..%2findex.html']) {
      const response = await fetch(`${url}${hostile}`, { headers: { 'accept-encoding': 'br' } });
      expect(response.headers.get('content-encoding')).toBeNull();
      expect(await response.text()).not.toContain('root:');
    }
  });
});
