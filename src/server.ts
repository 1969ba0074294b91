/**
 * Starts Daka: database, migrations, first admin, job queue, HTTP server.
 * Used by `npm start`, `daka serve` and the tests that need a real listening server.
 */
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from './app.js';
import { ensureFirstAdmin } from './bootstrap.js';
import { type Config, ensureDataDir } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { LocalQueue } from './jobs/local-queue.js';
import type { JobQueue } from './jobs/queue.js';
import { createServices, type Services } from './modules/index.js';
import { createMetrics } from './modules/system/system.routes.js';
import { registerJobs, subscribeEvents } from './jobs/definitions/index.js';
import { loadOrCreateKey, SecretBox } from './shared/secret-box.js';
import { sourcePlugins } from './sources/plugins.js';
import { securePrivateData } from './db/private-files.js';
import type { DemoOptions } from './demo/seed.js';

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  services: Services;
  queue: JobQueue;
  url: string;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Seed the demo company into an empty database (options: a smaller one, for tests). */
  demo?: boolean | DemoOptions;
  listen?: boolean;
  pgSchema?: string;
  log?: (line: string) => void;
}

export async function startServer(config: Config, opts: StartOptions = {}): Promise<RunningServer> {
  const say = opts.log ?? ((line: string) => process.stdout.write(line + '\n'));
  const logger = pino({ level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.secret', '*.appSecret', '*.token'] });
  ensureDataDir(config);
  const database = openDatabase(config.databaseUrl, { schema: opts.pgSchema });
  await migrateToLatest(database);
  const secrets = new SecretBox(loadOrCreateKey(config.secretKey, config.dataDir));
  const sqliteFile = config.databaseUrl.startsWith('sqlite:') ? config.databaseUrl.slice('sqlite:'.length) : null;
  for (const warning of securePrivateData(config.dataDir, sqliteFile)) logger.warn(warning);
  const onError = (err: unknown, queueName?: string) => logger.error({ err, queue: queueName }, 'job failed');
  const queue: JobQueue =
    database.dialect === 'postgres'
      ? new (await import('./jobs/pgboss-queue.js')).PgBossQueue(config.databaseUrl, { schema: opts.pgSchema ? `${opts.pgSchema}_boss` : 'pgboss', onError })
      : new LocalQueue(database.db, { onError });
  const metrics = createMetrics();
  const services = createServices({ config, database, queue, secrets, metrics });
  const firstAdmin = await ensureFirstAdmin(database.db, config.adminPassword);
  // Producers ask the webhooks consumer synchronously which events to write: load its view first.
  for (const consumer of [services.webhookConsumer, services.payrollConsumer]) {
    await consumer.refresh();
    consumer.startRefreshing();
  }
  // Other instances' subscription changes arrive by NOTIFY (PostgreSQL) within moments.
  await services.subscriptionWatch?.start();

  const app = await buildApp({ config, database, services, metrics, extraPlugins: sourcePlugins(services), loggerInstance: logger });
  // The queue starts on every instance (pg-boss cannot send before it starts); only workers process.
  await queue.start();
  const seeded = opts.demo ? await (await import('./demo/seed.js')).seedDemo(services, Date.now(), opts.demo === true ? {} : opts.demo) : null;
  if (seeded) say(seeded.created ? `Demo data: ${seeded.summary}` : `Demo data: the database is not empty, nothing added (${seeded.summary})`);
  subscribeEvents(queue, services);
  if (seeded?.recompute) await services.events.emit('attendance.inputs_changed', { ...seeded.recompute, employeeIds: 'all', reason: 'demo data' });
  services.connectorStreams.log = (level, fields, message) => logger[level](fields, message);
  if (config.workers) await registerJobs(queue, services);
  const demoPlatform = opts.demo ? await (await import('./demo/live-sync.js')).startDemoPlatform(services, say) : null;
  let url = '';
  let demoDevices: { close(): Promise<void> } | null = null;
  if (opts.listen !== false) {
    url = await app.listen({ port: config.port, host: config.host });
    const reachAt = loopbackUrl(app.server.address());
    if (opts.demo && reachAt) demoDevices = await (await import('./demo/devices.js')).startDemoDevices(services, reachAt, say);
    const shown = config.publicUrl ?? `http://localhost:${(app.server.address() as { port: number }).port}`;
    say(`Daka is running at ${shown} (database: ${database.dialect})`);
    if (firstAdmin) {
      say(
        firstAdmin.generatedPassword
          ? `First start: log in as '${firstAdmin.username}' with the one-time password ${firstAdmin.generatedPassword} (you will be asked to change it).`
          : `First start: log in as '${firstAdmin.username}' with the password from DAKA_ADMIN_PASSWORD.`,
      );
    }
  }
  return {
    app,
    database,
    services,
    queue,
    url,
    async close() {
      await demoDevices?.close();
      await app.close();
      await services.subscriptionWatch?.stop();
      await services.connectorStreams.stop();
      await services.deviceAlertStreams.stopAll();
      await demoPlatform?.close();
      await queue.stop();
      await database.close();
    },
  };
}

/** Where a process on this machine reaches the server just started (a wildcard address is reachable on loopback). */
function loopbackUrl(address: ReturnType<FastifyInstance['server']['address']>): string | null {
  if (!address || typeof address === 'string') return null;
  const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}
