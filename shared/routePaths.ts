/*
 * How a route of routes.ts is named and reached, apart from its schemas: the client calls routes
 * with these alone, so its first pages do not load every request schema of the API.
 */
import type { RouteKey } from './routes';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A route name split into its method and path. */
export function routeParts(key: RouteKey): { method: Method; path: string } {
  const [method, path] = key.split(' ') as [Method, string];
  return { method, path };
}

/** Names of the path's parameters, in order. */
export const paramNamesOf = (path: string): string[] => [...path.matchAll(/:(\w+)/g)].map((match) => match[1]!);

/** What a query holds: scalars only, as its schemas say. */
export type QueryValue = string | number | boolean | undefined;

/** The URL of a call below /api: parameters encoded into the path, defined query values appended. */
export function routeUrl(key: RouteKey, params: Record<string, string> = {}, query: Record<string, QueryValue> = {}): string {
  const path = routeParts(key).path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
  const search = new URLSearchParams();
  // Empty values mean "not given".
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== '') search.set(name, String(value));
  const text = search.toString();
  return `/api${path}${text ? `?${text}` : ''}`;
}
