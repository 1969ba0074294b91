/**
 * Writes attendance days in bulk. One upsert per chunk (multi-row prepared statements in one
 * transaction on SQLite, a COPY into a staging table and one INSERT … SELECT on PostgreSQL) whose conflict branch only fires when a stored
 * value differs, so recomputing unchanged inputs rewrites nothing.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type SQLite from 'better-sqlite3';
import type { RawHandle } from '../../db/database.js';
import type { DayResult, Explanation } from '../../engine/index.js';
import type { DayMeta } from './input-builder.js';

export const DAY_COLUMNS = [
  'company_id', 'employee_id', 'date', 'group_id', 'shift_type_id', 'day_type', 'status', 'late', 'late_minutes', 'late_level', 'early',
  'early_minutes', 'missing_in', 'missing_out', 'worked_minutes', 'overtime_minutes', 'overtime_category', 'overtime_pay_multiplier',
  'unapproved_overtime_minutes', 'in_time', 'out_time', 'ignored_punch_count', 'duplicate_punch_count', 'leave_type', 'leave_half',
  'corrections_used', 'explanation', 'computed_at_ms',
] as const;


/** Columns whose change makes a row worth rewriting (everything but the key and the timestamp). */
const COMPARED = DAY_COLUMNS.filter((c) => c !== 'employee_id' && c !== 'date' && c !== 'computed_at_ms');
const UPDATED = DAY_COLUMNS.filter((c) => c !== 'employee_id' && c !== 'date');

export type DayRowValues = unknown[];

export function dayRowValues(companyId: number, employeeId: number, date: string, r: DayResult, m: DayMeta, explanation: Explanation[] | null, computedAtMs: number): DayRowValues {
  return [
    companyId, employeeId, date, m.groupId, m.shiftTypeId, m.dayType, r.status, r.late ? 1 : 0, r.lateMinutes, r.lateLevel, r.early ? 1 : 0,
    r.earlyMinutes, r.missingIn ? 1 : 0, r.missingOut ? 1 : 0, r.workedMinutes, r.overtimeMinutes, r.overtimeCategory, r.overtimePayMultiplier,
    r.unapprovedOvertimeMinutes ?? null, r.inTime, r.outTime, r.ignoredPunchCount, r.duplicatePunchCount, m.leaveType, m.leaveHalf,
    m.correctionsUsed, explanation ? JSON.stringify(explanation) : null, computedAtMs,
  ];
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

export class ResultsRepo {
  private sqliteUpsert: SQLite.Statement | null = null;
  private sqliteDelete: SQLite.Statement | null = null;

  constructor(private readonly raw: RawHandle) {}

  /** Upserts rows and deletes (employee, date) pairs; returns how many rows were written. */
  async write(rows: DayRowValues[], deletes: { employeeId: number; date: string }[]): Promise<number> {
    if (!rows.length && !deletes.length) return 0;
    return this.raw.kind === 'sqlite' ? this.writeSqlite(this.raw.db, rows, deletes) : this.writePostgres(this.raw.pool, rows, deletes);
  }

  private upsertSql(rowCount: number): string {
    const one = `(${DAY_COLUMNS.map(() => '?').join(', ')})`;
    return `insert into attendance_days (${DAY_COLUMNS.join(', ')}) values ${Array.from({ length: rowCount }, () => one).join(', ')}
       on conflict (employee_id, date) do update set ${UPDATED.map((c) => `${c} = excluded.${c}`).join(', ')}
       where (${COMPARED.map((c) => `attendance_days.${c}`).join(', ')}) is not (${COMPARED.map((c) => `excluded.${c}`).join(', ')})`;
  }

  private writeSqlite(db: SQLite.Database, rows: DayRowValues[], deletes: { employeeId: number; date: string }[]): number {
    // Many rows per statement: fewer crossings between JavaScript and SQLite per row.
    this.sqliteUpsert ??= db.prepare(this.upsertSql(SQLITE_ROWS_PER_STATEMENT));
    this.sqliteDelete ??= db.prepare('delete from attendance_days where employee_id = ? and date = ?');
    const upsertMany = this.sqliteUpsert;
    const del = this.sqliteDelete;
    const run = db.transaction(() => {
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
      return n;
    });
    return run();
  }

  private async writePostgres(pool: pg.Pool, rows: DayRowValues[], deletes: { employeeId: number; date: string }[]): Promise<number> {
    const client = await pool.connect();
    let n = 0;
    try {
      await client.query('begin');
      if (rows.length) {
        // COPY into a per-session staging table (PostgreSQL's fastest way in), then one statement
        // moves only new or changed rows: ON CONFLICT alone would lock, and so write, every row.
        await client.query(`create temp table if not exists attendance_days_stage (like attendance_days) on commit delete rows`);
        await pipeline(Readable.from(copyLines(rows)), client.query(copyFrom(`copy attendance_days_stage (${DAY_COLUMNS.join(', ')}) from stdin`)));
        const res = await client.query(
          `insert into attendance_days (${DAY_COLUMNS.join(', ')})
           select ${DAY_COLUMNS.map((c) => `i.${c}`).join(', ')} from attendance_days_stage i
           left join attendance_days a on a.employee_id = i.employee_id and a.date = i.date
           where a.employee_id is null or (${COMPARED.map((c) => `a.${c}`).join(', ')}) is distinct from (${COMPARED.map((c) => `i.${c}`).join(', ')})
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
      await client.query('commit');
    } catch (err) {
      await client.query('rollback').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
    return n;
  }
}
