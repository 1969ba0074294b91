/**
 * SQL of the days a recompute announces (see day-events.ts): the stored rows a write is about to
 * change, read (and on PostgreSQL locked) inside the write's transaction; the freezing of pending
 * announcements that refer to them; and the rows a dispatcher reads to expand a pending one.
 */
import type { Kysely, Transaction } from 'kysely';
import type pg from 'pg';
import type SQLite from 'better-sqlite3';
import type { DB } from '../../db/schema.js';
import {
  lockPendingPayloadsPostgres,
  pendingPayloadsSqlite,
  replacePayloadPostgres,
  replacePayloadSqlite,
  type PendingPayload,
} from '../outbox/outbox-append.repo.js';
import { freezeDayChanges, pendingDayKeys } from './day-events.js';
import { ANNOUNCED, DATE, DAY_COLUMNS, dayKey, EMPLOYEE, type DayRowValues } from './day-row.js';

export interface DayKeyRef {
  employeeId: number;
  date: string;
}

const IDS_PER_QUERY = 500;

/** The stored rows of these days, by dayKey (SQLite, inside the caller's transaction). */
export function storedRowsSqlite(db: SQLite.Database, keys: DayKeyRef[]): Map<string, DayRowValues> {
  const out = new Map<string, DayRowValues>();
  if (!keys.length) return out;
  const get = db.prepare(`select ${DAY_COLUMNS.join(', ')} from attendance_days where employee_id = ? and date = ?`).raw(true);
  for (const k of keys) {
    const found = get.get(k.employeeId, k.date) as DayRowValues | undefined;
    if (found) out.set(dayKey(k.employeeId, k.date), found);
  }
  return out;
}

/**
 * The stored rows of these days, locked until the caller's transaction ends: a concurrent writer
 * of the same days waits, so what is read here is what this write replaces.
 */
export async function lockStoredRowsPostgres(client: pg.PoolClient, keys: DayKeyRef[]): Promise<Map<string, DayRowValues>> {
  const out = new Map<string, DayRowValues>();
  if (!keys.length) return out;
  const res = await client.query({
    text: `select ${DAY_COLUMNS.map((c) => `d.${c}`).join(', ')} from attendance_days d
           join unnest($1::bigint[], $2::text[]) as x(employee_id, date) on d.employee_id = x.employee_id and d.date = x.date
           order by d.employee_id, d.date for update of d`,
    values: [keys.map((k) => k.employeeId), keys.map((k) => k.date)],
    rowMode: 'array',
  });
  for (const r of res.rows as DayRowValues[]) out.set(dayKey(Number(r[EMPLOYEE]), String(r[DATE])), r);
  return out;
}

/** The announcing rows of stored days. */
function announcers(stored: Map<string, DayRowValues>): number[] {
  const seqs = new Set<number>();
  for (const r of stored.values()) if (r[ANNOUNCED] !== null && r[ANNOUNCED] !== undefined) seqs.add(Number(r[ANNOUNCED]));
  return [...seqs];
}

/** Each pending announcement with the days it refers to. */
function pendingOf(rows: PendingPayload[]): { seq: number; payload: Record<string, unknown>; keys: DayKeyRef[] }[] {
  return rows.flatMap((r) => {
    const payload = JSON.parse(r.payload) as Record<string, unknown>;
    const keys = pendingDayKeys(payload);
    return keys ? [{ seq: r.seq, payload, keys }] : [];
  });
}

/**
 * Before a write changes or deletes `stored` days: the announcements of them not dispatched yet
 * take each of their days' result as it is now (SQLite, inside the write's transaction).
 */
export function freezeAnnouncementsSqlite(db: SQLite.Database, stored: Map<string, DayRowValues>): number {
  const pending = pendingOf(pendingPayloadsSqlite(db, announcers(stored)));
  for (const p of pending) replacePayloadSqlite(db, p.seq, freezeDayChanges(p.payload, storedRowsSqlite(db, p.keys)));
  return pending.length;
}

/** As freezeAnnouncementsSqlite, on PostgreSQL; the announcing rows are locked first, then their days. */
export async function freezeAnnouncementsPostgres(client: pg.PoolClient, stored: Map<string, DayRowValues>): Promise<number> {
  const pending = pendingOf(await lockPendingPayloadsPostgres(client, announcers(stored)));
  for (const p of pending) await replacePayloadPostgres(client, p.seq, freezeDayChanges(p.payload, await lockStoredRowsPostgres(client, p.keys)));
  return pending.length;
}

/** Stored rows of these days (a dispatcher expanding pending announcements, in its transaction). */
export async function readDayRows(db: Kysely<DB> | Transaction<DB>, keys: DayKeyRef[]): Promise<Map<string, DayRowValues>> {
  const out = new Map<string, DayRowValues>();
  const wanted = new Set(keys.map((k) => dayKey(k.employeeId, k.date)));
  const ids = [...new Set(keys.map((k) => k.employeeId))];
  const dates = keys.map((k) => k.date).sort();
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const rows = await db
      .selectFrom('attendance_days')
      .select([...DAY_COLUMNS])
      .where('employee_id', 'in', ids.slice(i, i + IDS_PER_QUERY))
      .where('date', '>=', dates[0])
      .where('date', '<=', dates[dates.length - 1])
      .execute();
    for (const r of rows) {
      const key = dayKey(Number(r.employee_id), r.date);
      if (wanted.has(key)) out.set(key, DAY_COLUMNS.map((c) => (r as Record<string, unknown>)[c]));
    }
  }
  return out;
}
