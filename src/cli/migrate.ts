import { ConfigError, ensureDataDir, loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';

export async function migrateCommand(): Promise<number> {
  try {
    const config = loadConfig();
    ensureDataDir(config);
    const database = openDatabase(config.databaseUrl);
    try {
      const applied = await migrateToLatest(database);
      process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Already up to date\n');
      return 0;
    } finally {
      await database.close();
    }
  } catch (err) {
    process.stderr.write(`${err instanceof ConfigError ? err.message : `Migration failed: ${(err as Error).message}`}\n`);
    return 1;
  }
}
