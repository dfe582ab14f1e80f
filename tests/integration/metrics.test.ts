import type { PipelineStage } from 'mongoose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import type { EnteredMedia, MediaCapabilities } from '../../shared/media';
import { createAccount, createCenter, signIn, type TestAccount } from '../support/accounts';
import { cameraRtpParameters, microphoneRtpParameters } from '../support/rtp';
import { createSessionSoon } from '../support/sessions';
import { connect, send, type TestSocket } from '../support/socketClient';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

const TOKEN = 'token-de-prometheus-para-pruebas';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Prometheus' text format, one sample per line (comments skipped). */
function parseSamples(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
      if (!match) throw new Error(`not a sample: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, key, value]) => [key!, value!]));
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

/** The value of the one sample of `name` whose labels include `labels`. */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samples.filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value));
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} ${JSON.stringify(labels)}`);
  return found[0]?.value;
}

let db: Database;
let server: TestServer;
let disabled: TestServer;
let presenter: TestAccount;
let expert: TestAccount;
let sessionId: string;
const sockets: TestSocket[] = [];

const scrape = (url = server.url, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) => fetch(`${url}/metrics`, { headers });
const samples = async () => {
  const response = await scrape();
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await response.text();
  return { text, samples: parseSamples(text) };
};

async function enter(
  account: TestAccount,
  media: { rtpCapabilities: MediaCapabilities['routerRtpCapabilities']; send: boolean },
): Promise<{ socket: TestSocket; media: EnteredMedia }> {
  const socket = await connect(server.url, await signIn(server.url, account.email));
  sockets.push(socket);
  const joined = await send(socket, 'room:join', { sessionId, media });
  if (!joined.ok) throw new Error(`could not enter: ${JSON.stringify(joined)}`);
  return { socket, media: (joined.data as { media: EnteredMedia }).media };
}

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db, { env: { METRICS_TOKEN: TOKEN } });
  disabled = await startTestServer(db);
  const host = await createCenter(db, 'CDMX');
  presenter = await createAccount(db, ['presenter'], host, 'Dr. Presentador');
  expert = await createAccount(db, ['expert'], host, 'Dra. Experta');
  sessionId = await createSessionSoon(db, { hostCenterId: host, createdBy: presenter.id });
});
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect();
});
afterAll(async () => {
  await server.close();
  await disabled.close();
  await dropTestDatabase(db);
});

describe('/metrics', () => {
  it('reports the live room, its media, the requests that made it and the workers, in Prometheus format', async () => {
    const cookie = await signIn(server.url, presenter.email);
    expect((await fetch(`${server.url}/api/sessions/${sessionId}`, { headers: { cookie } })).status).toBe(200);

    const first = await connect(server.url, cookie);
    sockets.push(first);
    const capabilities = (await send(first, 'media:capabilities', {})) as { ok: true; data: MediaCapabilities };
    const rtpCapabilities = capabilities.data.routerRtpCapabilities;
    first.disconnect();
    const sender = await enter(presenter, { rtpCapabilities, send: true });
    const transportId = sender.media.transports.send!.id;
    for (const [kind, rtpParameters, source] of [
      ['video', cameraRtpParameters(), 'camera'],
      ['audio', microphoneRtpParameters(), 'microphone'],
    ] as const) {
      expect(await send(sender.socket, 'media:produce', { transportId, kind, rtpParameters, source })).toMatchObject({ ok: true });
    }
    expect(await send(sender.socket, 'media:produce', { transportId: 'no-such-transport', kind: 'video', rtpParameters: cameraRtpParameters(), source: 'screen' })).toMatchObject({
      ok: false,
    });
    // Entering after the presenter, the viewer receives both at once.
    const viewer = await enter(expert, { rtpCapabilities, send: false });
    expect(viewer.media.consumers.map((consumer) => consumer.kind).sort()).toEqual(['audio', 'video']);

    const { text, samples: now } = await samples();
    expect(valueOf(now, 'oncoboard_rooms_open')).toBe(1);
    expect(valueOf(now, 'oncoboard_room_peers')).toBe(2);
    expect(valueOf(now, 'oncoboard_media_producers', { kind: 'video' })).toBe(1);
    expect(valueOf(now, 'oncoboard_media_producers', { kind: 'audio' })).toBe(1);
    expect(valueOf(now, 'oncoboard_media_consumers', { kind: 'video' })).toBe(1);
    expect(valueOf(now, 'oncoboard_media_consumers', { kind: 'audio' })).toBe(1);
    // A send and a receive transport for the presenter, a receive one for the viewer.
    expect(valueOf(now, 'oncoboard_media_transports')).toBe(3);
    // No browser here: nothing flows (no DTLS), but both directions are reported.
    expect(valueOf(now, 'oncoboard_media_bitrate_bits_per_second', { direction: 'in' })).toBeGreaterThanOrEqual(0);
    expect(valueOf(now, 'oncoboard_media_bitrate_bits_per_second', { direction: 'out' })).toBeGreaterThanOrEqual(0);

    expect(valueOf(now, 'oncoboard_mediasoup_worker_max_rss_bytes', { worker: '0' })).toBeGreaterThan(1_000_000);
    expect(valueOf(now, 'oncoboard_mediasoup_worker_cpu_seconds_total', { worker: '0', mode: 'user' })).toBeGreaterThanOrEqual(0);
    expect(valueOf(now, 'oncoboard_mediasoup_worker_cpu_seconds_total', { worker: '0', mode: 'system' })).toBeGreaterThanOrEqual(0);
    expect(valueOf(now, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(valueOf(now, 'process_resident_memory_bytes')).toBeGreaterThan(0);

    // Requests by route pattern, never by their ids.
    expect(valueOf(now, 'oncoboard_http_request_duration_seconds_count', { method: 'GET', route: '/api/sessions/:id', status: '200' })).toBe(1);
    expect(valueOf(now, 'oncoboard_http_request_duration_seconds_count', { method: 'POST', route: '/api/auth/login', status: '200' })).toBe(3);
    expect(text).not.toContain(sessionId);
    const socketCount = (event: string, outcome: string) => valueOf(now, 'oncoboard_socket_request_duration_seconds_count', { event, outcome });
    expect(socketCount('media:capabilities', 'ok')).toBe(1);
    expect(socketCount('room:join', 'ok')).toBe(2);
    expect(socketCount('media:produce', 'ok')).toBe(2);
    expect(socketCount('media:produce', 'error')).toBe(1);
    expect(valueOf(now, 'oncoboard_database_errors_total')).toBe(0);

    // The gauges follow the room: the viewer leaves, and with them what they received.
    expect(await send(viewer.socket, 'room:leave', {})).toMatchObject({ ok: true });
    const after = (await samples()).samples;
    expect(valueOf(after, 'oncoboard_room_peers')).toBe(1);
    expect(valueOf(after, 'oncoboard_media_consumers', { kind: 'video' })).toBe(0);
    expect(valueOf(after, 'oncoboard_media_producers', { kind: 'video' })).toBe(1);
    expect(valueOf(after, 'oncoboard_http_request_duration_seconds_count', { method: 'GET', route: '/metrics', status: '200' })).toBe(1);
  });

  it('counts the operations the database fails, not the ones it refuses for what they ask', async () => {
    const before = valueOf((await samples()).samples, 'oncoboard_database_errors_total') ?? 0;
    await expect(db.models.sessions.aggregate([{ $noSuchStage: {} } as unknown as PipelineStage])).rejects.toThrow();
    await expect(db.models.users.create({ ...(await db.models.users.findById(presenter.id).lean()) })).rejects.toMatchObject({ code: 11000 });
    await expect(db.models.sessions.findById('not-an-id')).rejects.toThrow();
    expect(valueOf((await samples()).samples, 'oncoboard_database_errors_total')).toBe(before + 1);
  });

  it('answers only the bearer of the token: 401 without it or with another, 404 when metrics are off', async () => {
    const without = await scrape(server.url, {});
    expect(without.status).toBe(401);
    expect(without.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    expect((await scrape(server.url, { authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
    expect((await scrape(server.url, { authorization: `Basic ${TOKEN}` })).status).toBe(401);
    expect(await (await scrape(server.url, {})).text()).not.toContain('oncoboard_');
    expect((await scrape(disabled.url)).status).toBe(404);
  });
});
