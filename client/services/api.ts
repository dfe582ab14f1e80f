import type { ErrorBody } from '../../shared/ack';
import { RequestError } from './socket';

/** JSON over fetch with the session cookie; a refusal becomes a RequestError with its field. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new RequestError('timeout', `${method} ${path}: the server cannot be reached`);
  }
  if (response.status === 204) return undefined as T;
  const payload = (await response.json().catch(() => ({}))) as { error?: ErrorBody } & T;
  if (!response.ok) {
    const error = payload.error ?? { code: 'internal', message: response.statusText };
    throw RequestError.fromBody(error);
  }
  return payload;
}
