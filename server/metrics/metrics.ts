import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/database';
import type { MediaServer } from '../media/mediaServer';
import type { RequestObserver } from '../realtime/requestHandlers';
import { registerMediaMetrics } from './mediaMetrics';
import { metricsEndpoint } from './metricsEndpoint';

/** The label of requests no route of the table answered: client pages, built assets, unknown paths. */
export const OTHER_ROUTE = 'other';

export interface Metrics {
  /** GET /metrics, for the bearer of the token. */
  endpoint: RequestHandler;
  /** Times every HTTP request, by method, route pattern and status. */
  httpTiming: RequestHandler;
  /** Times every Socket.IO request, by event and outcome. */
  observeRequest: RequestObserver;
}

/**
 * One server's metrics, in a registry of its own: tests run several servers in one process, and
 * each must report its own rooms and requests (prom-client's global registry would mix them).
 */
export function createMetrics(deps: { db: Database; media: MediaServer; token: string }): Metrics {
  const registry = new Registry();
  // Node's own: CPU, memory, heap, event-loop lag (nodejs_eventloop_lag_seconds), handles, GC.
  collectDefaultMetrics({ register: registry });
  registerMediaMetrics(registry, deps.media);
  new Counter({
    name: 'oncoboard_database_errors_total',
    help: 'Operations the database failed or could not be reached for (duplicate keys and invalid documents are not errors here)',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(deps.db.failures.count);
    },
  });
  const http = new Histogram({
    name: 'oncoboard_http_request_duration_seconds',
    help: `HTTP requests by method, route pattern (${OTHER_ROUTE}: client pages, assets, unknown paths) and status`,
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const socket = new Histogram({
    name: 'oncoboard_socket_request_duration_seconds',
    help: 'Socket.IO requests by event and outcome (ok, error), from arrival to acknowledgement',
    labelNames: ['event', 'outcome'],
    registers: [registry],
  });
  return {
    endpoint: metricsEndpoint(registry, deps.token),
    httpTiming: (req, res, next) => {
      const end = http.startTimer();
      res.once('finish', () => end({ method: req.method, route: req.routePattern ?? OTHER_ROUTE, status: res.statusCode }));
      next();
    },
    observeRequest: (event, ok, seconds) => socket.observe({ event, outcome: ok ? 'ok' : 'error' }, seconds),
  };
}
