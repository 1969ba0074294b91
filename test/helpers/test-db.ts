/**
 * Runs a suite once on SQLite and once on PostgreSQL. Each PostgreSQL suite gets its own
 * schema, dropped afterwards, so files run in parallel against one server.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe } from 'vitest';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

export const TEST_PG_URL = process.env.TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/test';
export type Dialect = 'sqlite' | 'postgres';
export const DIALECTS: Dialect[] = ['sqlite', 'postgres'];

export interface TestDb {
  database: Database;
  dialect: Dialect;
  /** The URL and schema to reach the same data from another connection (second server instance). */
  url: string;
  schema: string | null;
  /** Runs `fn` when the test database is dropped, before it closes (e.g. to stop a queue on it). */
  onDrop?(fn: () => Promise<void>): void;
}

export async function createTestDb(dialect: Dialect): Promise<TestDb & { drop(): Promise<void> }> {
  const cleanups: (() => Promise<void>)[] = [];
  const onDrop = (fn: () => Promise<void>) => void cleanups.push(fn);
  const cleanUp = async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn();
  };
  if (dialect === 'sqlite') {
    const database = openDatabase('sqlite::memory:');
    await migrateToLatest(database);
    return { database, dialect, url: 'sqlite::memory:', schema: null, onDrop, drop: async () => (await cleanUp(), await database.close()) };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const database = openDatabase(TEST_PG_URL, { schema, poolSize: 4 });
  await withSchemaLock(() => migrateToLatest(database));
  return {
    database,
    dialect,
    url: TEST_PG_URL,
    schema,
    onDrop,
    async drop() {
      await cleanUp();
      await database.close();
      await dropPgSchemas([schema, `${schema}_boss`]);
    },
  };
}

export async function dropPgSchemas(schemas: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    await withSchemaLock(async () => {
      for (const s of schemas) await client.query(`drop schema if exists "${s}" cascade`);
    });
  } finally {
    await client.end();
  }
}

/**
 * Test files run in parallel against one server. The migrator introspects the tables of every
 * schema, and that catalog query fails if another file drops its schema at the same moment, so
 * migrations and drops take turns under an advisory lock.
 */
async function withSchemaLock<T>(fn: () => Promise<T>): Promise<T> {
  const lock = new pg.Client({ connectionString: TEST_PG_URL });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock(72510)');
    return await fn();
  } finally {
    await lock.query('select pg_advisory_unlock(72510)').catch(() => {});
    await lock.end();
  }
}

/** `describe` once per dialect, with a fresh migrated database for the suite. */
export function describeEachDb(name: string, body: (ctx: () => TestDb) => void): void {
  for (const dialect of DIALECTS) {
    describe(`${name} [${dialect}]`, () => {
      let current: Awaited<ReturnType<typeof createTestDb>>;
      beforeAll(async () => {
        current = await createTestDb(dialect);
      });
      afterAll(async () => {
        await current?.drop();
      });
      body(() => current);
    });
  }
}
