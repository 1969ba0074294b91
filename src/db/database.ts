/**
 * Opens the database for either dialect behind one Kysely interface.
 * The raw handle is kept for the few bulk paths (checkin ingest) that bypass the
 * query builder for speed; they live in repos like every other SQL.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { DB } from './schema.js';
import { createPrivateFile, PRIVATE_DIR_MODE } from './private-files.js';

export type RawHandle =
  | { kind: 'sqlite'; db: SQLite.Database }
  | { kind: 'postgres'; pool: pg.Pool; schema: string | null };

export interface Database {
  db: Kysely<DB>;
  dialect: 'sqlite' | 'postgres';
  raw: RawHandle;
  close(): Promise<void>;
}

// int8 and numeric come back as strings by default; our int8 columns are epoch ms and ids, safe as numbers.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export interface OpenOptions {
  /** PostgreSQL schema to use (tests isolate each file in its own). */
  schema?: string;
  poolSize?: number;
}

export function openDatabase(url: string, opts: OpenOptions = {}): Database {
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length));
  return openPostgres(url, opts);
}

function openSqlite(file: string): Database {
  if (file !== ':memory:') {
    mkdirSync(path.dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
    createPrivateFile(file);
  }
  const handle = new SQLite(file);
  handle.pragma('journal_mode = WAL');
  handle.pragma('synchronous = NORMAL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('busy_timeout = 5000');
  handle.pragma('cache_size = -65536');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: handle }) });
  return {
    db,
    dialect: 'sqlite',
    raw: { kind: 'sqlite', db: handle },
    async close() {
      await db.destroy();
    },
  };
}

function openPostgres(url: string, opts: OpenOptions): Database {
  const schema = opts.schema ?? null;
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    raw: { kind: 'postgres', pool, schema },
    async close() {
      await db.destroy();
    },
  };
}

/** Creates the schema when a PostgreSQL schema name was given and does not exist yet. */
export async function ensureSchema(database: Database): Promise<void> {
  if (database.raw.kind === 'postgres' && database.raw.schema) {
    await sql`create schema if not exists ${sql.id(database.raw.schema)}`.execute(database.db);
  }
}

export async function pingDatabase(database: Database): Promise<boolean> {
  try {
    await sql`select 1`.execute(database.db);
    return true;
  } catch {
    return false;
  }
}
