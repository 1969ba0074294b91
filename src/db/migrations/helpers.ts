/** Column helpers so one migration produces the right DDL on SQLite and PostgreSQL. */
import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

export interface MigrationContext {
  db: Kysely<any>;
  dialect: Dialect;
}

export interface DakaMigration {
  name: string;
  up(ctx: MigrationContext): Promise<void>;
}

/** Integer surrogate key: AUTOINCREMENT on SQLite, an identity column on PostgreSQL. */
export function withId<T extends string>(t: CreateTableBuilder<T, any>, dialect: Dialect) {
  return dialect === 'sqlite'
    ? t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    : t.addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity());
}

export const ref =
  (target: string, onDelete: 'cascade' | 'set null' | 'restrict' = 'restrict') =>
  (c: ColumnDefinitionBuilder) =>
    c.references(target).onDelete(onDelete);

/** Epoch ms and foreign keys are 64-bit. */
export const BIG = 'bigint' as const;
