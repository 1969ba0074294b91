/**
 * Checkin storage. Ingest is the hottest write path in Daka (devices upload in batches,
 * platforms back-fill months), so inserts bypass the query builder: one prepared statement
 * in one transaction on SQLite; on PostgreSQL the keys already stored are looked up, ids are
 * reserved from the sequence and only new rows are streamed with COPY. Re-delivery is
 * absorbed by the unique (company_id, idempotency_key) constraint either way.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import type SQLite from 'better-sqlite3';
import { from as copyFrom } from 'pg-copy-streams';
import type { RawHandle } from '../../db/database.js';
import type { DB, Row } from '../../db/schema.js';
import type { CheckinInput } from '../../sources/types.js';
import { countRows } from '../../db/count.js';
import { appendEventsPostgres, appendEventsSqlite, type StampedEvent } from '../outbox/outbox-append.repo.js';
import { outsideOpenTransaction } from '../../db/sqlite-raw.js';

/**
 * Builds the domain events of the punches just stored, from the outcome of the insert; it runs
 * inside the insert's transaction, so the events exist exactly when the punches do.
 */
export type IngestEvents = (outcome: InsertOutcome) => StampedEvent[];

/** A checkin as stored, before the database assigns its id. */
export type CheckinRow = Omit<Row<'checkins'>, 'id'>;

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

/**
 * Punches of one company to store. Values are read straight from the inputs into each
 * statement's parameters: no intermediate row objects, which at 10,000 punches a request
 * would mostly feed the garbage collector.
 */
export interface NewCheckins {
  companyId: number;
  receivedAtMs: number;
  holdReason: string | null;
  /** Per item, a reason that overrides `holdReason` (a punch from the future is quarantined). */
  holdReasons?: (string | null)[];
  items: CheckinInput[];
  /** The employee of each item, or null while its identity is unmatched. */
  employeeIds: (number | null)[];
}

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

/** Writes item i's column values, in CHECKIN_COLUMNS order, into `out`. */
export function fillRow(b: NewCheckins, i: number, out: unknown[]): void {
  const it = b.items[i];
  out[0] = b.companyId;
  out[1] = b.employeeIds[i];
  out[2] = it.identity.provider;
  out[3] = it.identity.tenant;
  out[4] = it.identity.externalId;
  out[5] = it.atMs;
  out[6] = it.wallTime;
  out[7] = it.utcOffsetMin;
  out[8] = it.timeZone;
  out[9] = it.source;
  out[10] = it.sourceRecordId;
  out[11] = it.deviceSn ?? null;
  out[12] = it.verifyMethod ?? null;
  out[13] = it.direction ?? null;
  out[14] = json(it.location);
  out[15] = it.photoRef ?? null;
  out[16] = it.platformResult ?? null;
  out[17] = json(it.raw);
  out[18] = b.receivedAtMs;
  out[19] = it.idempotencyKey;
  out[20] = b.holdReasons?.[i] ?? b.holdReason;
}

export class CheckinsRepo {
  private sqliteInsert: SQLite.Statement | null = null;

  constructor(private readonly raw: RawHandle) {}

  /** Audit entries of punches refused at ingest (`checkin.rejected`), newest first. */
  async rejectedBatches(db: Kysely<DB>, companyId: number, limit: number, offset: number) {
    const base = db.selectFrom('audit_log').where('action', '=', 'checkin.rejected').where('company_id', '=', companyId);
    const [rows, total] = await Promise.all([base.select(['at_ms', 'actor_name', 'after']).orderBy('id', 'desc').limit(limit).offset(offset).execute(), countRows(base)]);
    return { rows, total };
  }

  /** Id and time zone of those of the employees that belong to the company. */
  employeeTimeZones(db: Kysely<DB>, companyId: number, employeeIds: number[]) {
    return db.selectFrom('employees').select(['id', 'time_zone']).where('company_id', '=', companyId).where('id', 'in', employeeIds).execute();
  }

  /** One checkin with its employee's name and department. */
  findWithEmployee(db: Kysely<DB>, id: number) {
    return db.selectFrom('checkins').leftJoin('employees', 'employees.id', 'checkins.employee_id').selectAll('checkins').select(['employees.name as employee_name', 'employees.department_id']).where('checkins.id', '=', id).executeTakeFirst();
  }

  async insertMany(batch: NewCheckins, events?: IngestEvents): Promise<InsertOutcome> {
    if (!batch.items.length) return [];
    if (this.raw.kind === 'postgres') return this.insertPostgres(this.raw.pool, batch, events);
    await outsideOpenTransaction(this.raw.db);
    return this.insertSqlite(this.raw.db, batch, events);
  }

  private insertSqlite(db: SQLite.Database, batch: NewCheckins, events?: IngestEvents): InsertOutcome {
    this.sqliteInsert ??= db.prepare(
      `insert into checkins (${CHECKIN_COLUMNS.join(', ')}) values (${CHECKIN_COLUMNS.map(() => '?').join(', ')})
       on conflict (company_id, idempotency_key) do nothing`,
    );
    const stmt = this.sqliteInsert;
    const run = db.transaction((b: NewCheckins) => {
      const out: InsertOutcome = new Array(b.items.length);
      const values: unknown[] = new Array(CHECKIN_COLUMNS.length);
      for (let i = 0; i < b.items.length; i++) {
        fillRow(b, i, values);
        const info = stmt.run(values);
        out[i] = info.changes === 1 ? Number(info.lastInsertRowid) : null;
      }
      if (events) appendEventsSqlite(db, events(out));
      return out;
    });
    return run(batch);
  }

  /**
   * Most batches are new punches, so the first try COPYs every row without looking keys up. If
   * one is stored already (a re-sent batch), the transaction is rolled back and the rows whose
   * keys are not stored are COPYed; if a concurrent writer stores one of those in between, the
   * race-proof INSERT … ON CONFLICT decides.
   */
  private async insertPostgres(pool: pg.Pool, batch: NewCheckins, events?: IngestEvents): Promise<InsertOutcome> {
    const client = await pool.connect();
    try {
      for (const lookup of [false, true]) {
        await client.query('begin');
        try {
          const out = await this.copyNewRows(client, batch, lookup);
          if (events) await appendEventsPostgres(client, events(out));
          await client.query('commit');
          return out;
        } catch (err) {
          await client.query('rollback');
          if ((err as { code?: string }).code !== '23505') throw err;
        }
      }
      if (!events) return await this.insertPostgresOnConflict(client, batch);
      await client.query('begin');
      try {
        const out = await this.insertPostgresOnConflict(client, batch);
        await appendEventsPostgres(client, events(out));
        await client.query('commit');
        return out;
      } catch (err) {
        await client.query('rollback').catch(() => {});
        throw err;
      }
    } finally {
      client.release();
    }
  }

  private async copyNewRows(client: pg.PoolClient, batch: NewCheckins, lookup: boolean): Promise<InsertOutcome> {
    const n = batch.items.length;
    const out: InsertOutcome = new Array(n).fill(null);
    const keys = batch.items.map((it) => it.idempotencyKey);
    const seen = new Set<string>();
    if (lookup) {
      const { rows: existing } = await client.query<{ idempotency_key: string }>(
        'select idempotency_key from checkins where company_id = $1 and idempotency_key = any($2::text[])',
        [batch.companyId, keys],
      );
      for (const e of existing) seen.add(e.idempotency_key);
    }
    const fresh: number[] = [];
    for (let i = 0; i < n; i++) {
      if (seen.has(keys[i])) continue;
      seen.add(keys[i]); // a key repeated inside the batch: only the first is new
      fresh.push(i);
    }
    if (!fresh.length) return out;
    // The sequence is looked up once per statement, not once per id.
    const { rows: ids } = await client.query<{ id: number }>(
      `select nextval((select pg_get_serial_sequence('checkins', 'id'))::regclass) as id from generate_series(1, $1)`,
      [fresh.length],
    );
    const values: unknown[] = new Array(CHECKIN_COLUMNS.length);
    const lines: string[] = new Array(fresh.length);
    for (let j = 0; j < fresh.length; j++) {
      const id = Number(ids[j].id);
      out[fresh[j]] = id;
      fillRow(batch, fresh[j], values);
      let line = String(id);
      for (let c = 0; c < values.length; c++) line += '\t' + copyValue(values[c]);
      lines[j] = line;
    }
    await pipeline(Readable.from([lines.join('\n') + '\n']), client.query(copyFrom(`copy checkins (id, ${CHECKIN_COLUMNS.join(', ')}) from stdin`)));
    return out;
  }

  /** The slow but race-proof path: one INSERT … SELECT unnest() … ON CONFLICT DO NOTHING. */
  private async insertPostgresOnConflict(client: pg.PoolClient, batch: NewCheckins): Promise<InsertOutcome> {
    const arrays: unknown[][] = CHECKIN_COLUMNS.map(() => new Array(batch.items.length));
    const values: unknown[] = new Array(CHECKIN_COLUMNS.length);
    for (let i = 0; i < batch.items.length; i++) {
      fillRow(batch, i, values);
      for (let c = 0; c < values.length; c++) arrays[c][i] = values[c];
    }
    const params = CHECKIN_COLUMNS.map((c, i) => `$${i + 1}::${PG_TYPES[c]}[]`).join(', ');
    const { rows: inserted } = await client.query<{ id: number; idempotency_key: string }>(
      `insert into checkins (${CHECKIN_COLUMNS.join(', ')})
       select * from unnest(${params})
       on conflict (company_id, idempotency_key) do nothing
       returning id, idempotency_key`,
      arrays,
    );
    const byKey = new Map<string, number>();
    for (const r of inserted) byKey.set(r.idempotency_key, Number(r.id));
    return batch.items.map((it) => {
      const id = byKey.get(it.idempotencyKey);
      if (id === undefined) return null;
      byKey.delete(it.idempotencyKey);
      return id;
    });
  }

  async list(db: Kysely<DB>, q: CheckinQuery) {
    let base = db
      .selectFrom('checkins')
      .leftJoin('employees', 'employees.id', 'checkins.employee_id')
      .leftJoin('departments', 'departments.id', 'employees.department_id')
      .where('checkins.company_id', '=', q.companyId);
    if (q.employeeIds) base = base.where('checkins.employee_id', 'in', q.employeeIds.length ? q.employeeIds : [-1]);
    if (q.departmentIds) base = base.where('employees.department_id', 'in', q.departmentIds.length ? q.departmentIds : [-1]);
    if (q.fromMs !== undefined) base = base.where('checkins.at_ms', '>=', q.fromMs);
    if (q.toMs !== undefined) base = base.where('checkins.at_ms', '<', q.toMs);
    if (q.source) base = base.where('checkins.source', '=', q.source);
    if (q.unmatchedOnly) base = base.where('checkins.employee_id', 'is', null);
    if (q.heldOnly) base = base.where('checkins.hold_reason', 'is not', null);
    const [rows, total] = await Promise.all([
      base
        .selectAll('checkins')
        .select(['employees.name as employee_name', 'employees.job_number', 'departments.name as department_name'])
        // The machine's name and site, by its serial in this company (a serial names one device).
        .select((eb) => [
          eb.selectFrom('devices as dv').select('dv.name').whereRef('dv.serial_number', '=', 'checkins.device_sn').whereRef('dv.company_id', '=', 'checkins.company_id').limit(1).as('device_name'),
          eb
            .selectFrom('devices as dv')
            .innerJoin('sites as st', 'st.id', 'dv.site_id')
            .select('st.name')
            .whereRef('dv.serial_number', '=', 'checkins.device_sn')
            .whereRef('dv.company_id', '=', 'checkins.company_id')
            .limit(1)
            .as('device_site_name'),
        ])
        .orderBy('checkins.at_ms', 'desc').orderBy('checkins.id', 'desc').limit(q.limit).offset(q.offset).execute(),
      countRows(base),
    ]);
    return { rows, total };
  }
}

/** COPY text format: \N for null, backslash escapes for the characters that delimit. */
export function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  const text = String(v);
  return /[\\\t\n\r]/.test(text) ? text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : text;
}

export interface CheckinQuery {
  companyId: number;
  employeeIds?: number[];
  departmentIds?: number[];
  fromMs?: number;
  toMs?: number;
  source?: string;
  unmatchedOnly?: boolean;
  heldOnly?: boolean;
  limit: number;
  offset: number;
}
