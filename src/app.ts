/**
 * The Fastify application: one port for the API, device pushes, platform callbacks,
 * health, metrics and the web UI. Modules register as encapsulated plugins.
 */
import Fastify, { LogController, type FastifyInstance, type RouteOptions } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { eventSchemaComponents } from './modules/webhooks/event-schemas.js';
import { calendarFeedFileRoute } from './modules/calendar-feeds/calendar-feeds.routes.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { installErrorHandling } from './http/errors.js';
import { registerWebUi } from './http/web-ui.js';
import { clientErrorHandler, frameworkErrors, installHostileInputGuards } from './http/hostile-input.js';
import { documentRoute } from './http/route-docs.js';
import { installActorResolution } from './http/request-actor.js';
import { installCrossSiteGuard } from './http/cross-site.js';
import { validatorCompiler } from './http/validation.js';
import { lazySerializers } from './http/serialization.js';
import { apiRoutes } from './modules/api.routes.js';
import type { Services } from './modules/index.js';
import { systemRoutes, type Metrics } from './modules/system/system.routes.js';
import { VERSION } from './version.js';

export interface AppOptions {
  config: Config;
  database: Database;
  services: Services;
  metrics?: Metrics;
  /** Extra plugins registered at the root (device and callback routes). */
  extraPlugins?: ((app: FastifyInstance) => Promise<void>)[];
  /** A pino logger instance for request logs; none in tests. */
  loggerInstance?: import('fastify').FastifyBaseLogger;
  /** The built web app's folder; by default dist/web (tests pass their own). */
  webRoot?: string | null;
  /** Called for every route as it is registered (route inventories, tests). */
  onRoute?: (route: RouteOptions) => void;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { config, services } = opts;
  const app = Fastify({
    ...(opts.loggerInstance ? { loggerInstance: opts.loggerInstance } : { logger: false }),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    // Devices poll every few seconds: per-request log lines would drown everything else.
    logController: new LogController({ disableRequestLogging: true }),
    ajv: { customOptions: { removeAdditional: false } },
    schemaController: { compilersFactory: { buildSerializer: lazySerializers } },
    // A body that trickles in is cut off (408) once the whole request has taken this long.
    requestTimeout: config.requestTimeoutMs,
    http: {
      headersTimeout: Math.min(config.requestTimeoutMs, 60_000),
      connectionsCheckingInterval: Math.min(30_000, Math.max(250, Math.floor(config.requestTimeoutMs / 4))),
    },
    frameworkErrors,
    clientErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  if (opts.onRoute) app.addHook('onRoute', opts.onRoute);
  installErrorHandling(app);
  installHostileInputGuards(app);
  app.addHook('onRoute', documentRoute);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Daka API', version: VERSION, description: 'Self-hosted attendance hub' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'daka_session' },
          bearer: { type: 'http', scheme: 'bearer', description: 'API token (dk_…)' },
        },
        // What webhook receivers get, one schema per event type (from the payload contract).
        schemas: eventSchemaComponents() as never,
      },
      security: [{ session: [] }, { bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  installCrossSiteGuard(app, config.publicUrl);
  installActorResolution(app, services.auth);
  const metrics = opts.metrics ?? services.metrics;
  await app.register(systemRoutes, { database: opts.database, metrics, version: VERSION });
  await app.register(apiRoutes, { prefix: '/api/v1', services, metrics });
  await app.register(calendarFeedFileRoute, { calendarFeeds: services.calendarFeeds });
  for (const plugin of opts.extraPlugins ?? []) await app.register(plugin);
  await registerWebUi(app, opts.webRoot);
  return app;
}
