import { createHash, randomBytes } from 'node:crypto';

/**
 * A secret handed to one browser (a sign-in's cookie, an invited guest's link): random beyond
 * guessing, URL-safe, and kept by the server only as its sha256, so a copy of the database opens
 * nothing.
 */
export function newSecret(bytes = 32): { token: string; hash: string } {
  const token = randomBytes(bytes).toString('base64url');
  return { token, hash: secretHash(token) };
}

/** How a secret is looked up: by the hash it was stored under. */
export const secretHash = (token: string) => createHash('sha256').update(token).digest('hex');
