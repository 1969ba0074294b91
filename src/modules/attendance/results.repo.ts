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
import { outsideOpenTransaction } from '../../db/sqlite-raw.js';
import { copyColumns, sqlIntegers } from '../../db/pg-binary-copy.js';
import { idBounds } from './inputs.repo.js';
import { appendEventsPostgres, appendEventsSqlite } from '../outbox/outbox-append.repo.js';
import type { DayAnnouncement, DayEvents } from './day-events.js';
import { freezeAnnouncementsPostgres, freezeAnnouncementsSqlite, lockStoredRowsPostgres, storedRowsSqlite, type DayKeyRef } from './day-announcements.repo.js';
import { ANNOUNCED, COMPARED, DATE, DAY_COLUMNS, EMPLOYEE, HASH, UPDATED, type DayRowValues } from './day-row.js';

export { DAY_COLUMNS, dayRowValues, resultHash, type DayRowValues } from './day-row.js';

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Stored result hashes of a chunk's days, per employee and date (null: stored without one). */
export type StoredHashes = Map<number, Map<string, number | null>>;

const isStored = (stored: StoredHashes, employeeId: number, date: string): boolean => stored.get(employeeId)?.has(date) ?? false;

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

const keysOf = (rows: DayRowValues[], deletes: DayKeyRef[]): DayKeyRef[] =>
  rows.length ? rows.map((r): DayKeyRef => ({ employeeId: r[EMPLOYEE] as number, date: r[DATE] as string })).concat(deletes) : deletes;

/** Gives the announced rows the seq of the outbox row that announces them. */
const markAnnounced = (parts: DayAnnouncement[], seqs: number[]) => {
  parts.forEach((p, i) => {
    for (const r of p.days) r[ANNOUNCED] = seqs[i];
  });
};

/**
 * A chunk to write: `fresh` rows for days not stored when the chunk was read, `changed` rows for
 * stored days, and days to delete. The stored rows of changed and deleted days are read (on
 * PostgreSQL locked) first, in the write's transaction: pending announcements of those days are
 * frozen before the days change, and `events` compares each written day with its stored result.
 */
interface ChunkWrite {
  fresh: DayRowValues[];
  changed: DayRowValues[];
  deletes: DayKeyRef[];
  events?: DayEvents;
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
  async write(rows: DayRowValues[], deletes: DayKeyRef[], stored?: StoredHashes, events?: DayEvents): Promise<number> {
    const fresh: DayRowValues[] = [];
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
    const chunk: ChunkWrite = { fresh, changed, deletes, events };
    if (this.raw.kind === 'sqlite') {
      await outsideOpenTransaction(this.raw.db);
      return this.writeSqlite(this.raw.db, chunk);
    }
    return this.writePostgres(this.raw.pool, chunk);
  }

  private upsertSql(rowCount: number): string {
    const one = `(${DAY_COLUMNS.map(() => '?').join(', ')})`;
    return `insert into attendance_days (${DAY_COLUMNS.join(', ')}) values ${Array.from({ length: rowCount }, () => one).join(', ')}
       on conflict (employee_id, date) do update set ${UPDATED.map((c) => `${c} = excluded.${c}`).join(', ')}
       where (${COMPARED.map((c) => `attendance_days.${c}`).join(', ')}) is not (${COMPARED.map((c) => `excluded.${c}`).join(', ')})`;
  }

  private writeSqlite(db: SQLite.Database, chunk: ChunkWrite): number {
    // Many rows per statement: fewer crossings between JavaScript and SQLite per row.
    this.sqliteUpsert ??= db.prepare(this.upsertSql(SQLITE_ROWS_PER_STATEMENT));
    this.sqliteDelete ??= db.prepare('delete from attendance_days where employee_id = ? and date = ?');
    const upsertMany = this.sqliteUpsert;
    const del = this.sqliteDelete;
    // SQLite's upsert costs nothing extra when the key is new: one statement for both.
    const rows = chunk.fresh.length ? chunk.fresh.concat(chunk.changed) : chunk.changed;
    const run = db.transaction(() => {
      const before = storedRowsSqlite(db, keysOf(chunk.changed, chunk.deletes));
      if (before.size) freezeAnnouncementsSqlite(db, before);
      const parts = chunk.events?.(rows, before) ?? [];
      if (parts.length) markAnnounced(parts, appendEventsSqlite(db, parts.map((p) => p.event)));
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
      for (const d of chunk.deletes) n += del.run(d.employeeId, d.date).changes;
      return n;
    });
    return run();
  }

  private async writePostgres(pool: pg.Pool, chunk: ChunkWrite): Promise<number> {
    const client = await pool.connect();
    let { changed } = chunk;
    const { fresh, deletes } = chunk;
    let n = 0;
    try {
      await client.query('begin');
      const before = await lockStoredRowsPostgres(client, keysOf(changed, deletes));
      if (before.size) await freezeAnnouncementsPostgres(client, before);
      const parts = chunk.events?.(fresh.length ? fresh.concat(changed) : changed, before) ?? [];
      if (parts.length) markAnnounced(parts, await appendEventsPostgres(client, parts.map((p) => p.event)));
      if (fresh.length) {
        // Days not stored when the chunk was read: COPY straight into the table. A concurrent
        // recompute may have stored one since; then these rows take the upsert path too, after
        // their stored rows are locked and their pending announcements frozen.
        await client.query('savepoint fresh');
        try {
          await this.copy(client, 'attendance_days', fresh);
          n += fresh.length;
        } catch (err) {
          if ((err as { code?: string }).code !== '23505') throw err;
          await client.query('rollback to savepoint fresh');
          const raced = await lockStoredRowsPostgres(client, keysOf(fresh, []));
          if (raced.size) await freezeAnnouncementsPostgres(client, raced);
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
