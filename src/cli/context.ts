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
