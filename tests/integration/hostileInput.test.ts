import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { createAccount, createCenter, jsonOf, signIn, TEST_PASSWORD, type TestAccount } from '../support/accounts';
import { createCaseIn, createSessionSoon } from '../support/sessions';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

/** Requests an attacker or a broken client could send: each gets a 4xx and the server keeps serving. */
let db: Database;
let server: TestServer;
let presenter: TestAccount;
let presenterCookie: string;
let caseId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  const center = await createCenter(db, 'YUC');
  const coordinator = await createAccount(db, ['coordinator'], center);
  presenter = await createAccount(db, ['presenter'], center, 'Dra. Presenta');
  presenterCookie = await signIn(server.url, presenter.email);
  const sessionId = await createSessionSoon(db, { hostCenterId: center, createdBy: coordinator.id, startsInMinutes: 3 * 24 * 60 });
  caseId = await createCaseIn(db, sessionId, { centerId: center, createdBy: presenter.id, caseCode: 'YUC-2026-900' });
});
afterAll(async () => {
  await server?.close();
  if (db) await dropTestDatabase(db);
});

const healthy = async () => (await fetch(`${server.url}/api/health`)).status;

function handshake(transport: 'polling' | 'websocket', cookie: string): Promise<string> {
  const socket = io(server.url, { transports: [transport], forceNew: true, reconnection: false, extraHeaders: { cookie } });
  return new Promise((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (error) => resolve(error.message));
  }).finally(() => socket.disconnect()) as Promise<string>;
}

describe('hostile requests', () => {
  it('refuses a session cookie that is not valid percent-encoding, on either transport and on REST, and stays up', async () => {
    for (const transport of ['polling', 'websocket'] as const) expect(await handshake(transport, 'oncoboard_session=%E0')).toBe('unauthenticated');
    const me = await fetch(`${server.url}/api/auth/me`, { headers: { cookie: 'oncoboard_session=%E0%A4%A' } });
    expect(me.status).toBe(401);
    expect(await healthy()).toBe(200);
  });

  it('answers bodies it will not read with 4xx and a code: too large, another charset, broken JSON', async () => {
    const post = (body: string, contentType = 'application/json') => fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': contentType }, body });
    const tooLarge = await post(JSON.stringify({ email: 'a@b.mx', password: 'x'.repeat(1_100_000) }));
    expect(tooLarge.status).toBe(413);
    expect((await jsonOf(tooLarge)).error.code).toBe('too_large');
    const latin1 = await post('{"email":"a@b.mx"}', 'application/json; charset=latin1');
    expect(latin1.status).toBe(415);
    expect((await jsonOf(latin1)).error.code).toBe('unsupported_type');
    const broken = await post('{"email":');
    expect(broken.status).toBe(400);
    expect(await healthy()).toBe(200);
  });

  it('refuses an upload whose file name is not valid percent-encoding, naming the file', async () => {
    const response = await fetch(`${server.url}/api/cases/${caseId}/attachments`, {
      method: 'POST',
      headers: { cookie: presenterCookie, 'x-file-name': 'informe%E0.pdf', 'content-type': 'application/octet-stream' },
      body: Buffer.from('%PDF-1.4\n'),
    });
    expect(response.status).toBe(400);
    expect((await jsonOf(response)).error).toMatchObject({ code: 'invalid_input', field: 'file' });
  });

  it('sends the browser its defences: a content policy that forbids framing, no sniffing, a strict referrer policy', async () => {
    for (const path of ['/', '/api/health']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('same-origin');
    }
  });

  it('refuses another site’s page acting with the user’s cookie: a form post, a socket', async () => {
    const coordinator = await createAccount(db, ['coordinator'], presenter.centerId, 'Dra. Coordinadora');
    const cookie = await signIn(server.url, coordinator.email);
    const sessionId = await createSessionSoon(db, { hostCenterId: presenter.centerId, createdBy: coordinator.id });
    const forged = await fetch(`${server.url}/api/sessions/${sessionId}/end`, {
      method: 'POST',
      headers: { cookie, origin: 'https://sitio-ajeno.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'x=1',
    });
    expect(forged.status).toBe(403);
    expect((await db.models.sessions.findById(sessionId).lean())?.status).toBe('scheduled');

    const socket = io(server.url, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie, origin: 'https://sitio-ajeno.example' } });
    const outcome = await new Promise<string>((resolve) => {
      socket.once('connect', () => resolve('connected'));
      socket.once('connect_error', () => resolve('refused'));
    }).finally(() => socket.disconnect());
    expect(outcome).toBe('refused');
    expect(await handshake('websocket', cookie)).toBe('connected');
  });

  it('refuses a case body from someone who may not write cases before reading it', async () => {
    const attendee = await signIn(server.url, (await createAccount(db, ['attendee'], presenter.centerId, 'Sr. Asistente')).email);
    const body = JSON.stringify({ caseCode: 'YUC-1', clinicalSummary: 'a'.repeat(900_000) });
    for (const [method, path] of [
      ['POST', `/api/sessions/${(await db.models.cases.findById(caseId).lean())!.sessionId}/cases`],
      ['PATCH', `/api/cases/${caseId}`],
    ] as const) {
      const response = await fetch(`${server.url}${path}`, { method, headers: { cookie: attendee, 'content-type': 'application/json' }, body });
      expect(response.status).toBe(403);
    }
  });

  it('meets guesses sent in parallel with the same limit as guesses sent one by one', async () => {
    const guesses = await Promise.all(
      Array.from({ length: 40 }, () =>
        fetch(`${server.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: presenter.email, password: 'adivinanza-1234' }),
        }),
      ),
    );
    const statuses = guesses.map((guess) => guess.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(35);
    // The right password is refused too until the window passes: the account is being guessed at.
    expect(
      (
        await fetch(`${server.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: presenter.email, password: TEST_PASSWORD }),
        })
      ).status,
    ).toBe(429);
  });
});
