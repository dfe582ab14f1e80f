import type { ErrorBody } from '../../shared/ack';
import { routeParts, routeUrl, type QueryValue } from '../../shared/routePaths';
import type { FileRouteKey, JsonRouteKey, RouteAnswer, RouteInput, RouteKey } from '../../shared/routes';
import { RequestError } from './socket';

/** The input argument, left out where a route takes none. */
export type RouteArgs<K extends RouteKey> = object extends RouteInput<K> ? [input?: RouteInput<K>] : [input: RouteInput<K>];

interface LooseInput {
  params?: Record<string, string>;
  query?: Record<string, QueryValue>;
  body?: unknown;
}

/** The URL of a route with its parameters and query filled in. */
export function urlOf<K extends RouteKey>(key: K, ...[input]: RouteArgs<K>): string {
  const { params, query } = (input ?? {}) as LooseInput;
  return routeUrl(key, params, query);
}

/** Where a file route's document is: a link's href or an image's src. */
export const fileUrl = <K extends FileRouteKey>(key: K, ...input: RouteArgs<K>): string => urlOf(key, ...input);

/**
 * Calls one route of shared/routes.ts, JSON over fetch with the session cookie, typed by the table;
 * a refusal becomes a RequestError with its field, as a refused socket request does.
 */
export async function api<K extends JsonRouteKey>(key: K, ...args: RouteArgs<K>): Promise<RouteAnswer<K>> {
  const { method } = routeParts(key);
  const url = urlOf(key, ...args);
  const body = (args[0] as LooseInput | undefined)?.body;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new RequestError('timeout', `${method} ${url}: the server cannot be reached`);
  }
  if (response.status === 204) return undefined as RouteAnswer<K>;
  const payload = (await response.json().catch(() => ({}))) as { error?: ErrorBody } & RouteAnswer<K>;
  if (!response.ok) {
    const error = payload.error ?? { code: 'internal', message: response.statusText };
    throw RequestError.fromBody(error);
  }
  return payload;
}
