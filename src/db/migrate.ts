/**
 * Runs pending migrations with Kysely's Migrator, which takes a lock so that
 * several instances starting together on PostgreSQL migrate once.
 */
import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Database } from './database.js';
import { ensureSchema } from './database.js';
import { migrations } from './migrations/index.js';

export async function migrateToLatest(database: Database): Promise<string[]> {
  await ensureSchema(database);
  const provider: MigrationProvider = {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const m of migrations) {
        out[m.name] = { up: (db) => m.up({ db, dialect: database.dialect }) };
      }
      return out;
    },
  };
  const migrator = new Migrator({
    db: database.db,
    provider,
    ...(database.raw.kind === 'postgres' && database.raw.schema ? { migrationTableSchema: database.raw.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
