/**
 * Writes attendance days in bulk, touching only days whose result changed. Every row carries a
 * 52-bit hash of its result; a chunk first reads the stored hashes of its employees' days
 * (`storedHashes`), then new days go in with the cheapest insert (COPY straight into the table on
 * PostgreSQL), changed days are upserted, and unchanged days are not written at all, so
 * recomputing unchanged inputs rewrites nothing.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type SQLite from 'better-sqlite3';
import type { RawHandle } from '../../db/database.js';
import type { DayResult, Explanation } from '../../engine/index.js';
import type { DayMeta } from './input-builder.js';
import { copyColumns, sqlIntegers } from '../../db/pg-binary-copy.js';
import { idBounds } from './inputs.repo.js';
import { appendEventsPostgres, appendEventsSqlite } from '../outbox/outbox.repo.js';
import { dayKey, type DayEvents } from './day-events.js';

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export const DAY_COLUMNS = [
  'company_id', 'employee_id', 'date', 'group_id', 'shift_type_id', 'day_type', 'status', 'late', 'late_minutes', 'late_level', 'early',
  'early_minutes', 'missing_in', 'missing_out', 'worked_minutes', 'overtime_minutes', 'overtime_category', 'overtime_pay_multiplier',
  'unapproved_overtime_minutes', 'in_time', 'out_time', 'ignored_punch_count', 'duplicate_punch_count', 'leave_type', 'leave_half',
  'corrections_used', 'leave_minutes', 'flags', 'explanation', 'computed_at_ms', 'result_hash',
] as const;

const EMPLOYEE = 1;
const DATE = 2;
const COMPUTED_AT = DAY_COLUMNS.indexOf('computed_at_ms');
const HASH = DAY_COLUMNS.indexOf('result_hash');

/** Columns whose change makes a row worth rewriting (everything but the key, the timestamp and the hash). */
const COMPARED = DAY_COLUMNS.filter((c) => c !== 'employee_id' && c !== 'date' && c !== 'computed_at_ms' && c !== 'result_hash');
const UPDATED = DAY_COLUMNS.filter((c) => c !== 'employee_id' && c !== 'date');

export type DayRowValues = unknown[];

/** Stored result hashes of a chunk's days, per employee and date (null: stored without one). */
export type StoredHashes = Map<number, Map<string, number | null>>;

const isStored = (stored: StoredHashes, employeeId: number, date: string): boolean => stored.get(employeeId)?.has(date) ?? false;

/**
 * Two multiplicative lanes over the compared values (integers by value, other numbers by their
 * digits, strings by their UTF-16 units, with a marker per kind and a separator per value), folded
 * into 52 bits: an integer PostgreSQL's bigint and JavaScript both hold exactly. Two different
 * results share a hash with odds of about 2^-52.
 */
export function resultHash(row: DayRowValues): number {
  let a = 0x811c9dc5;
  let b = 0x5bd1e995;
  const mix = (u: number) => {
    a = Math.imul(a ^ u, 0x01000193);
    b = Math.imul(b ^ u, 0x5bd1e995) ^ (b >>> 15);
  };
  for (let c = 0; c < row.length; c++) {
    if (c === EMPLOYEE || c === DATE || c === COMPUTED_AT || c === HASH) continue;
    const v = row[c];
    if (v === null || v === undefined) mix(0x10001);
    else if (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 0x80000000) {
      mix(0x10002);
      mix(v | 0);
    } else {
      const text = typeof v === 'string' ? v : String(v);
      mix(typeof v === 'string' ? 0x10003 : 0x10004);
      for (let i = 0; i < text.length; i++) mix(text.charCodeAt(i));
    }
    mix(0x1001f);
  }
  return (a >>> 12) * 0x100000000 + (b >>> 0);
}

export function dayRowValues(companyId: number, employeeId: number, date: string, r: DayResult, m: DayMeta, explanation: Explanation[] | null, computedAtMs: number): DayRowValues {
  const row: DayRowValues = [
    companyId, employeeId, date, m.groupId, m.shiftTypeId, m.dayType, r.status, r.late ? 1 : 0, r.lateMinutes, r.lateLevel, r.early ? 1 : 0,
    r.earlyMinutes, r.missingIn ? 1 : 0, r.missingOut ? 1 : 0, r.workedMinutes, r.overtimeMinutes, r.overtimeCategory, r.overtimePayMultiplier,
    r.unapprovedOvertimeMinutes ?? null, r.inTime, r.outTime, r.ignoredPunchCount, r.duplicatePunchCount, m.leaveType, m.leaveHalf,
    m.correctionsUsed, r.leaveMinutes, r.flags ? r.flags.join(',') : null, explanation ? JSON.stringify(explanation) : null, computedAtMs, null,
  ];
  row[HASH] = resultHash(row);
  return row;
}

const copyText = (v: unknown): string =>
  v === null || v === undefined ? '\\N' : typeof v === 'string' ? v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : String(v);

/** COPY text format, in blocks of lines. */
function* copyLines(rows: DayRowValues[]): Generator<string> {
  for (let i = 0; i < rows.length; i += 5000) {
    let block = '';
    for (const r of rows.slice(i, i + 5000)) block += r.map(copyText).join('\t') + '\n';
    yield block;
  }
}
const SQLITE_ROWS_PER_STATEMENT = 32;

/** What a write announces: the rows written, and which of them may have a stored day to compare with. */
interface Announce {
  events: DayEvents;
  existing: DayRowValues[];
  written: DayRowValues[];
}

export class ResultsRepo {
  private sqliteUpsert: SQLite.Statement | null = null;
  private sqliteDelete: SQLite.Statement | null = null;

  constructor(private readonly raw: RawHandle) {}

  /** Stored hashes of the days of these employees in [fromDate, toDate]. */
  async storedHashes(employeeIds: number[], fromDate: string, toDate: string): Promise<StoredHashes> {
    const out: StoredHashes = new Map();
    if (!employeeIds.length) return out;
    let employee: (number | null)[];
    let date: (string | null)[];
    let hash: (number | null)[];
    if (this.raw.kind === 'sqlite') {
      const rows = this.raw.db
        .prepare(
          `select employee_id, date, result_hash from attendance_days
           where employee_id in (select value from json_each(?)) and date >= ? and date <= ?`,
        )
        .raw(true)
        .all(JSON.stringify(employeeIds), fromDate, toDate) as [number, string, number | null][];
      employee = rows.map((r) => r[0]);
      date = rows.map((r) => r[1]);
      hash = rows.map((r) => r[2]);
    } else {
      if (!DATE_PATTERN.test(fromDate) || !DATE_PATTERN.test(toDate)) throw new RangeError(`bad date range ${fromDate}..${toDate}`);
      const [lo, hi] = idBounds(employeeIds);
      [employee, date, hash] = await copyColumns(
        this.raw.pool,
        `select employee_id, date, result_hash from attendance_days
         where employee_id = any('{${sqlIntegers(employeeIds)}}'::bigint[]) and employee_id between ${sqlIntegers([lo])} and ${sqlIntegers([hi])}
           and date >= '${fromDate}' and date <= '${toDate}'`,
        ['int8', 'text', 'int8'] as const,
      );
    }
    for (let i = 0; i < employee.length; i++) {
      let days = out.get(employee[i]!);
      if (!days) out.set(employee[i]!, (days = new Map()));
      days.set(date[i]!, hash[i]);
    }
    return out;
  }

  /**
   * Writes a chunk's rows and deletes (employee, date) pairs; returns how many rows changed.
   * With `stored` (the hashes read before the chunk was evaluated) unchanged rows are skipped,
   * rows for new days are inserted, and deletes of days not stored are dropped.
   */
  async write(rows: DayRowValues[], deletes: { employeeId: number; date: string }[], stored?: StoredHashes, events?: DayEvents): Promise<number> {
    let fresh: DayRowValues[] = [];
    let changed = rows;
    if (stored) {
      changed = [];
      for (const r of rows) {
        const days = stored.get(r[EMPLOYEE] as number);
        const date = r[DATE] as string;
        if (!days?.has(date)) fresh.push(r);
        else if (days.get(date) !== r[HASH]) changed.push(r);
      }
      deletes = deletes.filter((d) => isStored(stored, d.employeeId, d.date));
    }
    if (!fresh.length && !changed.length && !deletes.length) return 0;
    // With events: the rows about to change are read first, in the write's transaction.
    const announce = events && { events, existing: changed, written: fresh.length ? fresh.concat(changed) : changed };
    if (this.raw.kind === 'sqlite') {
      // SQLite's upsert costs nothing extra when the key is new: one statement for both.
      if (fresh.length) changed = changed.length ? fresh.concat(changed) : fresh;
      fresh = [];
      return this.writeSqlite(this.raw.db, changed, deletes, announce);
    }
    return this.writePostgres(this.raw.pool, fresh, changed, deletes, announce);
  }

  private storedRowsSqlite(db: SQLite.Database, rows: DayRowValues[]): Map<string, DayRowValues> {
    const out = new Map<string, DayRowValues>();
    if (!rows.length) return out;
    const get = db.prepare(`select ${DAY_COLUMNS.join(', ')} from attendance_days where employee_id = ? and date = ?`).raw(true);
    for (const r of rows) {
      const found = get.get(r[EMPLOYEE], r[DATE]) as DayRowValues | undefined;
      if (found) out.set(dayKey(r[EMPLOYEE] as number, r[DATE] as string), found);
    }
    return out;
  }

  private async storedRowsPostgres(client: pg.PoolClient, rows: DayRowValues[]): Promise<Map<string, DayRowValues>> {
    const out = new Map<string, DayRowValues>();
    if (!rows.length) return out;
    const res = await client.query({
      text: `select ${DAY_COLUMNS.map((c) => `d.${c}`).join(', ')} from attendance_days d
             join unnest($1::bigint[], $2::text[]) as x(employee_id, date) on d.employee_id = x.employee_id and d.date = x.date`,
      values: [rows.map((r) => r[EMPLOYEE]), rows.map((r) => r[DATE])],
      rowMode: 'array',
    });
    for (const r of res.rows as DayRowValues[]) out.set(dayKey(Number(r[EMPLOYEE]), String(r[DATE])), r);
    return out;
  }

  private upsertSql(rowCount: number): string {
    const one = `(${DAY_COLUMNS.map(() => '?').join(', ')})`;
    return `insert into attendance_days (${DAY_COLUMNS.join(', ')}) values ${Array.from({ length: rowCount }, () => one).join(', ')}
       on conflict (employee_id, date) do update set ${UPDATED.map((c) => `${c} = excluded.${c}`).join(', ')}
       where (${COMPARED.map((c) => `attendance_days.${c}`).join(', ')}) is not (${COMPARED.map((c) => `excluded.${c}`).join(', ')})`;
  }

  private writeSqlite(db: SQLite.Database, rows: DayRowValues[], deletes: { employeeId: number; date: string }[], announce?: Announce): number {
    // Many rows per statement: fewer crossings between JavaScript and SQLite per row.
    this.sqliteUpsert ??= db.prepare(this.upsertSql(SQLITE_ROWS_PER_STATEMENT));
    this.sqliteDelete ??= db.prepare('delete from attendance_days where employee_id = ? and date = ?');
    const upsertMany = this.sqliteUpsert;
    const del = this.sqliteDelete;
    const run = db.transaction(() => {
      const before = announce ? this.storedRowsSqlite(db, announce.existing) : null;
      let n = 0;
      let i = 0;
      const width = DAY_COLUMNS.length;
      const params: unknown[] = new Array(SQLITE_ROWS_PER_STATEMENT * width);
      for (; i + SQLITE_ROWS_PER_STATEMENT <= rows.length; i += SQLITE_ROWS_PER_STATEMENT) {
        for (let k = 0; k < SQLITE_ROWS_PER_STATEMENT; k++) {
          const r = rows[i + k];
          for (let c = 0; c < width; c++) params[k * width + c] = r[c];
        }
        n += upsertMany.run(params).changes;
      }
      if (i < rows.length) n += db.prepare(this.upsertSql(rows.length - i)).run(rows.slice(i).flat()).changes;
      for (const d of deletes) n += del.run(d.employeeId, d.date).changes;
      if (announce) appendEventsSqlite(db, announce.events(announce.written, before!));
      return n;
    });
    return run();
  }

  private async writePostgres(pool: pg.Pool, fresh: DayRowValues[], changed: DayRowValues[], deletes: { employeeId: number; date: string }[], announce?: Announce): Promise<number> {
    const client = await pool.connect();
    let n = 0;
    try {
      await client.query('begin');
      const before = announce ? await this.storedRowsPostgres(client, announce.existing) : null;
      if (fresh.length) {
        // Days not stored when the chunk was read: COPY straight into the table. A concurrent
        // recompute may have stored one since; then these rows take the upsert path too.
        await client.query('savepoint fresh');
        try {
          await this.copy(client, 'attendance_days', fresh);
          n += fresh.length;
        } catch (err) {
          if ((err as { code?: string }).code !== '23505') throw err;
          await client.query('rollback to savepoint fresh');
          changed = changed.concat(fresh);
        }
      }
      if (changed.length) {
        // COPY into a per-session staging table, then one upsert whose update branch fires only
        // when a stored value differs.
        await client.query(`create temp table if not exists attendance_days_stage (like attendance_days) on commit delete rows`);
        await this.copy(client, 'attendance_days_stage', changed);
        const res = await client.query(
          `insert into attendance_days (${DAY_COLUMNS.join(', ')})
           select ${DAY_COLUMNS.join(', ')} from attendance_days_stage
           on conflict (employee_id, date) do update set ${UPDATED.map((c) => `${c} = excluded.${c}`).join(', ')}
           where (${COMPARED.map((c) => `attendance_days.${c}`).join(', ')}) is distinct from (${COMPARED.map((c) => `excluded.${c}`).join(', ')})`,
        );
        n += res.rowCount ?? 0;
      }
      if (deletes.length) {
        const res = await client.query(
          `delete from attendance_days d using unnest($1::bigint[], $2::text[]) as x(employee_id, date)
           where d.employee_id = x.employee_id and d.date = x.date`,
          [deletes.map((d) => d.employeeId), deletes.map((d) => d.date)],
        );
        n += res.rowCount ?? 0;
      }
      if (announce) await appendEventsPostgres(client, announce.events(announce.written, before!));
      await client.query('commit');
    } catch (err) {
      await client.query('rollback').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
    return n;
  }

  private copy(client: pg.PoolClient, table: string, rows: DayRowValues[]): Promise<void> {
    return pipeline(Readable.from(copyLines(rows)), client.query(copyFrom(`copy ${table} (${DAY_COLUMNS.join(', ')}) from stdin`)));
  }
}
