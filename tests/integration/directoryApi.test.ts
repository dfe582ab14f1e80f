import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { apiClient, createAccount, createCenter, signIn } from '../support/accounts';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';
import { startTestServer, type TestServer } from '../support/testServer';

let db: Database;
let server: TestServer;
let center: string;
let admin: ReturnType<typeof apiClient>;
let coordinator: ReturnType<typeof apiClient>;

beforeAll(async () => {
  db = await openTestDatabase();
  server = await startTestServer(db);
  center = await createCenter(db, 'SLP');
  admin = apiClient(server.url, await signIn(server.url, (await createAccount(db, ['admin'], center)).email));
  coordinator = apiClient(server.url, await signIn(server.url, (await createAccount(db, ['coordinator'], center)).email));
});
afterAll(async () => {
  await server.close();
  await dropTestDatabase(db);
});

describe('centres', () => {
  it('an administrator adds a centre; its code is unique and upper-cased', async () => {
    const created = await admin('POST', '/centers', { code: 'hg-zac', name: 'Hospital General de Zacatecas', state: 'ZAC', kind: 'hospital' });
    expect(created).toMatchObject({ status: 201, body: { center: { code: 'HG-ZAC', active: true } } });
    expect((await admin('POST', '/centers', { code: 'HG-ZAC', name: 'Otro', state: 'ZAC', kind: 'hospital' })).body.error).toMatchObject({
      code: 'conflict',
      field: 'code',
    });
    expect((await admin('POST', '/centers', { code: 'X', name: 'Hospital', state: 'ZAC', kind: 'hospital' })).body.error.field).toBe('code');
    expect((await admin('POST', '/centers', { code: 'HG-ATL', name: 'Hospital', state: 'ATL', kind: 'hospital' })).body.error.field).toBe('state');
    const deactivated = await admin('PATCH', `/centers/${created.body.center.id}`, { active: false });
    expect(deactivated.body.center.active).toBe(false);
    expect((await server.services.audit.history('center', created.body.center.id)).map((entry) => entry.action)).toEqual(['create', 'update']);
  });
});

describe('accounts', () => {
  it('an administrator creates an account that can sign in; the password is never returned', async () => {
    const created = await admin('POST', '/users', {
      name: 'Dra. Lucía Torres',
      email: 'Lucia.Torres@Hospital.mx',
      roles: ['expert'],
      centerId: center,
      specialty: 'Patología',
      password: 'clave-segura-2026',
    });
    expect(created).toMatchObject({ status: 201, body: { user: { email: 'lucia.torres@hospital.mx', roles: ['expert'], specialty: 'Patología' } } });
    expect(JSON.stringify(created.body)).not.toMatch(/clave-segura|passwordHash/);
    const stored = await db.models.users.findById(created.body.user.id).lean();
    expect(stored!.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    await signIn(server.url, 'lucia.torres@hospital.mx', 'clave-segura-2026');

    const history = await server.services.audit.history('user', created.body.user.id);
    expect(JSON.stringify(history)).not.toMatch(/clave-segura/);
  });

  it.each([
    ['a short password', { password: 'corta' }, 'password'],
    ['a common password', { password: '1234567890' }, 'password'],
    ['another common password', { password: 'password12' }, 'password'],
    ['the person’s own email as password', { email: 'ana.ruiz@hospital.mx', password: 'ana.ruiz@hospital.mx' }, 'password'],
    ['the person’s own name and a year', { name: 'Dra. Ana Ruiz', email: 'ana.ruiz@hospital.mx', password: 'anaruiz2026' }, 'password'],
    ['no roles', { roles: [] }, 'roles'],
    ['an unknown role', { roles: ['superuser'] }, 'roles.0'],
    ['an unknown centre', { centerId: '0123456789abcdef01234567' }, 'centerId'],
    ['a bad email', { email: 'lucia' }, 'email'],
  ])('refuses %s, naming the field', async (_case, overrides, field) => {
    const response = await admin('POST', '/users', {
      name: 'Dr. Nuevo',
      email: `nuevo.${Date.now()}@hospital.mx`,
      roles: ['attendee'],
      centerId: center,
      password: 'clave-segura-2026',
      ...overrides,
    });
    expect(response).toMatchObject({ status: 400, body: { error: { field } } });
  });

  it('refuses a second account with the same email, and deactivation stops sign-in', async () => {
    const input = { name: 'Dr. Repetido', email: 'repetido@hospital.mx', roles: ['attendee'], centerId: center, password: 'clave-segura-2026' };
    const first = await admin('POST', '/users', input);
    expect((await admin('POST', '/users', input)).body.error).toMatchObject({ code: 'conflict', field: 'email' });
    expect((await admin('PATCH', `/users/${first.body.user.id}`, { active: false })).body.user.active).toBe(false);
    await expect(signIn(server.url, 'repetido@hospital.mx', 'clave-segura-2026')).rejects.toThrow(/401/);
  });

  it('lets coordinators read the directory but not change it', async () => {
    expect((await coordinator('GET', '/users')).status).toBe(200);
    expect((await coordinator('POST', '/users', { name: 'X' })).status).toBe(403);
    const valid = { name: 'Dr. Intento', email: 'intento@hospital.mx', roles: ['admin'], centerId: center, password: 'clave-segura-2026' };
    expect((await coordinator('POST', '/users', valid)).status).toBe(403);
    expect((await coordinator('PATCH', `/centers/${center}`, { active: false })).status).toBe(403);
  });
});
