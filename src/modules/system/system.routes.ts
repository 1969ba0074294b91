/** Liveness, readiness and Prometheus metrics: unauthenticated, for load balancers and scrapers. */
import type { FastifyInstance } from 'fastify';
// The schema's `hide` option is @fastify/swagger's: its types must be in whatever compiles this file.
import type {} from '@fastify/swagger';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { pingDatabase, type Database } from '../../db/database.js';

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  checkinsIngested: Counter<'source' | 'outcome'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'daka_' });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'daka_http_request_duration_seconds',
      help: 'HTTP request duration by route',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    checkinsIngested: new Counter({
      name: 'daka_checkins_ingested_total',
      help: 'Punches received, by source and outcome (created, duplicate, rejected)',
      labelNames: ['source', 'outcome'],
      registers: [registry],
    }),
  };
}

export async function systemRoutes(app: FastifyInstance, opts: { database: Database; metrics: Metrics; version: string }) {
  const { database, metrics } = opts;
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok', version: opts.version }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    const db = await pingDatabase(database);
    reply.status(db ? 200 : 503);
    return { status: db ? 'ready' : 'not_ready', database: db ? 'ok' : 'unreachable' };
  });
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
