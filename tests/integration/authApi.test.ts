import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { apiClient, createAccount, createCenter, jsonOf, signIn, TEST_PASSWORD, type TestAccount } from '../support/accounts';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

let db: Database;
let server: TestServer;
let expert: TestAccount;

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  expert = await createAccount(db, ['expert'], await createCenter(db), 'Dr. Ortiz');
});
afterAll(async () => {
  await server.close();
  await dropTestDatabase(db);
});

describe('signing in', () => {
  it('sets an httpOnly SameSite session cookie and knows who is signed in', async () => {
    const response = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: expert.email.toUpperCase(), password: TEST_PASSWORD }),
    });
    expect(response.status).toBe(200);
    const setCookie = response.headers.getSetCookie()[0]!;
    expect(setCookie).toMatch(/^oncoboard_session=[\w-]{40,};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const body = await jsonOf(response);
    expect(body.user).toMatchObject({ email: expert.email, name: 'Dr. Ortiz', roles: ['expert'] });
    expect(body.user.passwordHash).toBeUndefined();

    const me = await apiClient(server.url, setCookie.split(';')[0])('GET', '/auth/me');
    expect(me).toMatchObject({ status: 200, body: { user: { id: expert.id } } });
  });

  it('refuses a wrong password and an unknown email alike', async () => {
    const api = apiClient(server.url);
    const wrong = await api('POST', '/auth/login', { email: expert.email, password: 'incorrecta-123' });
    const unknown = await api('POST', '/auth/login', { email: 'nadie@prueba.mx', password: 'incorrecta-123' });
    expect(wrong).toEqual({ status: 401, body: { error: { code: 'unauthenticated', message: 'wrong email or password' } } });
    expect(unknown).toEqual(wrong);
  });

  it('names the bad field of a malformed sign-in, including smuggled operators', async () => {
    const api = apiClient(server.url);
    expect(await api('POST', '/auth/login', { email: 'no-es-correo', password: 'x' })).toMatchObject({ status: 400, body: { error: { field: 'email' } } });
    expect(await api('POST', '/auth/login', { email: expert.email, password: { $gt: '' } })).toMatchObject({
      status: 400,
      body: { error: { field: 'password' } },
    });
    expect(await api('POST', '/auth/login', { email: { $ne: null }, password: 'x' })).toMatchObject({ status: 400, body: { error: { field: 'email' } } });
  });

  it('slows down guessing: the sixth failure in a row for one email is refused with 429', async () => {
    const target = await createAccount(db, ['attendee'], expert.centerId);
    const api = apiClient(server.url);
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await api('POST', '/auth/login', { email: target.email, password: 'adivinanza-123' })).status).toBe(401);
    }
    const throttled = await api('POST', '/auth/login', { email: target.email, password: TEST_PASSWORD });
    expect(throttled).toMatchObject({ status: 429, body: { error: { code: 'rate_limited' } } });
  });

  it('signs out: the cookie stops working', async () => {
    const cookie = await signIn(server.url, expert.email);
    const api = apiClient(server.url, cookie);
    expect((await api('POST', '/auth/logout')).status).toBe(204);
    expect(await api('GET', '/auth/me')).toMatchObject({ status: 401, body: { error: { code: 'unauthenticated' } } });
  });

  it('tells a signed-in client the upload limit, and nobody else', async () => {
    const cookie = await signIn(server.url, expert.email);
    expect(await apiClient(server.url, cookie)('GET', '/settings')).toEqual({ status: 200, body: { uploadMaxBytes: 50 * 2 ** 20 } });
    expect((await apiClient(server.url)('GET', '/settings')).status).toBe(401);
  });

  it('refuses a deactivated account', async () => {
    const leaving = await createAccount(db, ['presenter'], expert.centerId);
    await db.models.users.updateOne({ _id: leaving.id }, { $set: { active: false } });
    expect((await apiClient(server.url)('POST', '/auth/login', { email: leaving.email, password: TEST_PASSWORD })).status).toBe(401);
  });
});
