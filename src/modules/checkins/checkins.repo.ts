/**
 * Checkin storage. Ingest is the hottest write path in Daka (devices upload in batches,
 * platforms back-fill months), so inserts bypass the query builder: one prepared statement
 * in one transaction on SQLite, one array-parameter INSERT … SELECT unnest() on PostgreSQL.
 * Re-delivery is absorbed by the unique (company_id, idempotency_key) constraint.
 */
import type { Kysely } from 'kysely';
import type pg from 'pg';
import type SQLite from 'better-sqlite3';
import type { RawHandle } from '../../db/database.js';
import type { DB } from '../../db/schema.js';

export interface CheckinRow {
  company_id: number;
  employee_id: number | null;
  provider: string;
  tenant: string;
  external_id: string;
  at_ms: number;
  wall_time: string;
  utc_offset_min: number;
  time_zone: string;
  source: string;
  source_record_id: string | null;
  device_sn: string | null;
  verify_method: string | null;
  direction: string | null;
  location: string | null;
  photo_ref: string | null;
  platform_result: string | null;
  raw: string | null;
  received_at_ms: number;
  idempotency_key: string;
  hold_reason: string | null;
}

export const CHECKIN_COLUMNS = [
  'company_id', 'employee_id', 'provider', 'tenant', 'external_id', 'at_ms', 'wall_time', 'utc_offset_min', 'time_zone', 'source',
  'source_record_id', 'device_sn', 'verify_method', 'direction', 'location', 'photo_ref', 'platform_result', 'raw', 'received_at_ms',
  'idempotency_key', 'hold_reason',
] as const satisfies readonly (keyof CheckinRow)[];

const PG_TYPES: Record<(typeof CHECKIN_COLUMNS)[number], string> = {
  company_id: 'bigint', employee_id: 'bigint', provider: 'text', tenant: 'text', external_id: 'text', at_ms: 'bigint', wall_time: 'text',
  utc_offset_min: 'int', time_zone: 'text', source: 'text', source_record_id: 'text', device_sn: 'text', verify_method: 'text',
  direction: 'text', location: 'text', photo_ref: 'text', platform_result: 'text', raw: 'text', received_at_ms: 'bigint',
  idempotency_key: 'text', hold_reason: 'text',
};

/** For each row in order: the new id, or null when the idempotency key existed already. */
export type InsertOutcome = (number | null)[];

export class CheckinsRepo {
  private sqliteInsert: SQLite.Statement | null = null;

  constructor(private readonly raw: RawHandle) {}

  async insertMany(rows: CheckinRow[]): Promise<InsertOutcome> {
    if (!rows.length) return [];
    return this.raw.kind === 'sqlite' ? this.insertSqlite(this.raw.db, rows) : this.insertPostgres(this.raw.pool, rows);
  }

  private insertSqlite(db: SQLite.Database, rows: CheckinRow[]): InsertOutcome {
    this.sqliteInsert ??= db.prepare(
      `insert into checkins (${CHECKIN_COLUMNS.join(', ')}) values (${CHECKIN_COLUMNS.map((c) => '@' + c).join(', ')})
       on conflict (company_id, idempotency_key) do nothing`,
    );
    const stmt = this.sqliteInsert;
    const run = db.transaction((batch: CheckinRow[]) => {
      const out: InsertOutcome = new Array(batch.length);
      for (let i = 0; i < batch.length; i++) {
        const info = stmt.run(batch[i]);
        out[i] = info.changes === 1 ? Number(info.lastInsertRowid) : null;
      }
      return out;
    });
    return run(rows);
  }

  private async insertPostgres(pool: pg.Pool, rows: CheckinRow[]): Promise<InsertOutcome> {
    const arrays = CHECKIN_COLUMNS.map((c) => rows.map((r) => r[c]));
    const params = CHECKIN_COLUMNS.map((c, i) => `$${i + 1}::${PG_TYPES[c]}[]`).join(', ');
    // ON CONFLICT skips existing keys; RETURNING tells which rows were new, matched back by key.
    const { rows: inserted } = await pool.query<{ id: number; idempotency_key: string }>(
      `insert into checkins (${CHECKIN_COLUMNS.join(', ')})
       select * from unnest(${params})
       on conflict (company_id, idempotency_key) do nothing
       returning id, idempotency_key`,
      arrays,
    );
    const byKey = new Map<string, number>();
    for (const r of inserted) byKey.set(r.idempotency_key, Number(r.id));
    // A key repeated inside one batch is inserted once: only its first occurrence is "new".
    return rows.map((r) => {
      const id = byKey.get(r.idempotency_key);
      if (id === undefined) return null;
      byKey.delete(r.idempotency_key);
      return id;
    });
  }

  async list(db: Kysely<DB>, q: CheckinQuery) {
    let base = db.selectFrom('checkins').leftJoin('employees', 'employees.id', 'checkins.employee_id').where('checkins.company_id', '=', q.companyId);
    if (q.employeeIds) base = base.where('checkins.employee_id', 'in', q.employeeIds.length ? q.employeeIds : [-1]);
    if (q.departmentIds) base = base.where('employees.department_id', 'in', q.departmentIds.length ? q.departmentIds : [-1]);
    if (q.fromMs !== undefined) base = base.where('checkins.at_ms', '>=', q.fromMs);
    if (q.toMs !== undefined) base = base.where('checkins.at_ms', '<', q.toMs);
    if (q.source) base = base.where('checkins.source', '=', q.source);
    if (q.unmatchedOnly) base = base.where('checkins.employee_id', 'is', null);
    const [rows, count] = await Promise.all([
      base.selectAll('checkins').select('employees.name as employee_name').orderBy('checkins.at_ms', 'desc').orderBy('checkins.id', 'desc').limit(q.limit).offset(q.offset).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }
}

export interface CheckinQuery {
  companyId: number;
  employeeIds?: number[];
  departmentIds?: number[];
  fromMs?: number;
  toMs?: number;
  source?: string;
  unmatchedOnly?: boolean;
  limit: number;
  offset: number;
}
