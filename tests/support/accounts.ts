import { randomBytes } from 'node:crypto';
import type { Database } from '../../server/db/database';
import { hashPassword } from '../../server/domain/passwords';
import type { CenterKind } from '../../shared/centers';
import type { MexicanState } from '../../shared/mexico';
import type { AccountRole } from '../../shared/roles';

export const TEST_PASSWORD = 'Contraseña-de-prueba-1';
let passwordHash: Promise<string> | undefined;

export interface TestAccount {
  id: string;
  email: string;
  name: string;
  centerId: string;
}

/** A centre in the test database, with a unique code. */
export async function createCenter(db: Database, state: MexicanState = 'YUC', kind: CenterKind = 'oncocrean'): Promise<string> {
  const code = `T-${randomBytes(4).toString('hex').toUpperCase()}`;
  const center = await db.models.centers.create({ code, name: `Centro de prueba ${code}`, state, kind });
  return String(center._id);
}

/** An account with the given roles at the given centre, signed in with TEST_PASSWORD. */
export async function createAccount(db: Database, roles: AccountRole[], centerId: string, name = `Dra. ${roles.join('/')}`): Promise<TestAccount> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const email = `${roles.join('-')}.${randomBytes(4).toString('hex')}@prueba.mx`;
  const user = await db.models.users.create({ name, email, roles, centerId, passwordHash: await passwordHash });
  return { id: String(user._id), email, name, centerId };
}

/** Signs in over HTTP and returns the session cookie to send with later requests. */
export async function signIn(baseUrl: string, email: string, password = TEST_PASSWORD): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed with ${response.status}: ${await response.text()}`);
  return response.headers.getSetCookie()[0]!.split(';')[0]!;
}

/**
 * Signs many accounts in from this address, one after another: the sign-in throttle counts each
 * attempt as failed until it succeeds, so a few dozen at once would be refused as guessing.
 */
export async function signInEach(baseUrl: string, emails: string[]): Promise<string[]> {
  const cookies: string[] = [];
  for (const email of emails) cookies.push(await signIn(baseUrl, email));
  return cookies;
}

/** A response's JSON body, untyped like apiClient's: Node's fetch types `json()` as unknown. */
export async function jsonOf(response: Response) {
  return JSON.parse(await response.text());
}

/** A small fetch wrapper for JSON APIs with a cookie. */
export function apiClient(baseUrl: string, cookie?: string) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers as untyped JSON until the REST contract types them
  return async (method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> => {
    const response = await fetch(`${baseUrl}/api${path}`, {
      method,
      headers: { ...(cookie ? { cookie } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
}
