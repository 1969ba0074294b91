/** Opens the configured database for one-shot commands, with config errors printed plainly. */
import { ConfigError, ensureDataDir, loadConfig, type Config } from '../config.js';
import { openDatabase, type Database } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';

export async function withDatabase<T>(fn: (database: Database, config: Config) => Promise<T>): Promise<T> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(err.message + '\n');
      process.exit(2);
    }
    throw err;
  }
  ensureDataDir(config);
  const database = openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(database);
    return await fn(database, config);
  } finally {
    await database.close();
  }
}

/**
 * The services over the configured database, for commands that change data the way the API
 * does (validated, audited, recomputes queued for the server's workers).
 */
export async function withServices<T>(fn: (services: import('../modules/index.js').Services) => Promise<T>): Promise<T> {
  return withDatabase(async (database, config) => {
    const { createServices } = await import('../modules/index.js');
    const { subscribeEvents } = await import('../jobs/definitions/index.js');
    const { loadOrCreateKey, SecretBox } = await import('../shared/secret-box.js');
    const queue =
      database.dialect === 'postgres'
        ? new (await import('../jobs/pgboss-queue.js')).PgBossQueue(config.databaseUrl, { cronWorker: false })
        : new (await import('../jobs/local-queue.js')).LocalQueue(database.db);
    // pg-boss sends only once started; the local queue writes jobs to its table without polling.
    if (queue.kind === 'pg-boss') await queue.start();
    try {
      const services = createServices({ config, database, queue, secrets: new SecretBox(loadOrCreateKey(config.secretKey, config.dataDir)) });
      subscribeEvents(queue, services);
      return await fn(services);
    } finally {
      if (queue.kind === 'pg-boss') await queue.stop();
    }
  });
}
