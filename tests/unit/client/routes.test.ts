import { describe, expect, it } from 'vitest';
import { paramNamesOf, routeParts, routeUrl } from '../../../shared/routePaths';
import { routes, type RouteKey, type RouteSpec } from '../../../shared/routes';
import type { api } from '../../../client/services/api';

describe('the REST route table', () => {
  it('declares for every path parameter a schema, when it has one', () => {
    for (const key of Object.keys(routes) as RouteKey[]) {
      const spec = routes[key] as RouteSpec;
      if (spec.params) expect(Object.keys(spec.params.shape).sort(), key).toEqual(paramNamesOf(routeParts(key).path).sort());
    }
  });

  it('builds URLs with parameters encoded and empty query values left out', () => {
    expect(routeUrl('GET /certificates/:code', { code: 'AB/C D' })).toBe('/api/certificates/AB%2FC%20D');
    expect(routeUrl('GET /sessions', {}, { when: 'past', kind: undefined, centerId: '', limit: 20 })).toBe('/api/sessions?when=past&limit=20');
  });

  it('types the client’s calls: a wrong path, body or answer does not compile', () => {
    // Checked by `npm run typecheck`; the function is never called here.
    const calls = (call: typeof api) => async () => {
      // @ts-expect-error: no such route
      await call('GET /session/:id', { params: { id: 'x' } });
      // @ts-expect-error: the route takes a body the call does not give
      await call('POST /sessions/:id/cancel', { params: { id: 'x' } });
      // @ts-expect-error: the reason must be text
      await call('POST /sessions/:id/cancel', { params: { id: 'x' }, body: { version: 1, reason: 3 } });
      // @ts-expect-error: a file route is a link, not a call
      await call('GET /cases/:id/dictamen.pdf', { params: { id: 'x' } });
      const { session } = await call('GET /sessions/:id', { params: { id: 'x' } });
      // @ts-expect-error: a session has no `minutes`
      return session.minutes;
    };
    expect(typeof calls).toBe('function');
  });
});
