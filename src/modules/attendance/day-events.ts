/**
 * `attendance_day.changed`: one event per stored day whose result fields changed, with the result
 * before (null for a new day) and after. A recompute that only rewrites what is already there (a
 * changed group id, a re-ordered explanation) emits nothing.
 */
import { createHash } from 'node:crypto';
import type { DayResultFields, EmployeeRef } from '../outbox/event-payloads.js';
import type { Outbox } from '../outbox/outbox.js';
import type { StampedEvent } from '../outbox/outbox-append.repo.js';
import type { NewEvent, OutboxEvent } from '../outbox/outbox.types.js';
import { DAY_COLUMNS, dayKey, type DayRowValues } from './day-row.js';

export { DAY_COLUMNS, dayKey, type DayRowValues };

const col = (name: (typeof DAY_COLUMNS)[number]) => DAY_COLUMNS.indexOf(name);
const C = {
  employee: col('employee_id'), date: col('date'), status: col('status'), dayType: col('day_type'), late: col('late'), lateMinutes: col('late_minutes'),
  lateLevel: col('late_level'), early: col('early'), earlyMinutes: col('early_minutes'), missingIn: col('missing_in'), missingOut: col('missing_out'),
  worked: col('worked_minutes'), overtime: col('overtime_minutes'), leaveType: col('leave_type'), leaveMinutes: col('leave_minutes'),
  inTime: col('in_time'), outTime: col('out_time'), explanation: col('explanation'),
};

/** The result columns of a day row, in the order `fieldsOfPicked` reads them. */
type PickedDay = unknown[];
const PICKED = [C.status, C.dayType, C.late, C.lateMinutes, C.lateLevel, C.early, C.earlyMinutes, C.missingIn, C.missingOut, C.worked, C.overtime, C.leaveType, C.leaveMinutes, C.inTime, C.outTime, C.explanation];
const pickDay = (row: DayRowValues): PickedDay => PICKED.map((i) => row[i]);

function fieldsOfPicked(p: PickedDay): DayResultFields {
  const explanation = p[15];
  const parsed = typeof explanation === 'string' ? (JSON.parse(explanation) as { field: string; code: string; params?: Record<string, unknown> }[]) : [];
  return {
    status: String(p[0]),
    dayType: String(p[1]),
    late: Number(p[2]) === 1,
    lateMinutes: Number(p[3] ?? 0),
    lateLevel: String(p[4]),
    early: Number(p[5]) === 1,
    earlyMinutes: Number(p[6] ?? 0),
    missingIn: Number(p[7]) === 1,
    missingOut: Number(p[8]) === 1,
    workedMinutes: Number(p[9] ?? 0),
    overtimeMinutes: Number(p[10] ?? 0),
    leaveType: (p[11] as string | null) ?? null,
    leaveMinutes: Number(p[12] ?? 0),
    inTime: (p[13] as string | null) ?? null,
    outTime: (p[14] as string | null) ?? null,
    reasons: parsed.map((e) => ({ field: e.field, code: e.code, params: e.params ?? {} })),
  };
}

/** A stored or computed day row (DAY_COLUMNS order) as the fields receivers compare. */
export function dayResultFields(row: DayRowValues): DayResultFields {
  return fieldsOfPicked(pickDay(row));
}

/** One row of a chunk's announcement: the outbox row, and the written rows it announces (they get its seq). */
export interface DayAnnouncement {
  event: StampedEvent;
  days: DayRowValues[];
}

/**
 * Builds the announcement of a written chunk, in rows of at most DAYS_PER_ROW days: `before`
 * holds the stored rows of the days that existed. Runs inside the write's transaction; empty when
 * no day's result changed.
 */
export type DayEvents = (written: DayRowValues[], before: Map<string, DayRowValues>) => DayAnnouncement[];

/**
 * The payload of one outbox row that carries a whole chunk's `attendance_day.changed` events; the
 * dispatcher expands it into one event per day (`expandDayChanges`) before any consumer sees it.
 * A recompute writes it pending (2): which days changed, per employee, and the result before of
 * those that existed, so the recompute pays for a dozen bytes a day; each day's result after is
 * read from the day at dispatch. A write that would change one of those days before the row is
 * dispatched first makes it frozen (1), with each day's result after as it was
 * (`freezeDayChanges`). Days are numbered in the order listed: employee by employee, date by date.
 */
interface DayChangesPayload {
  dayChanges: 1 | 2;
  refs: Record<string, EmployeeRef>;
  /** [employeeId, dates] per employee. */
  dates: [number, string[]][];
  /** The result before of the days that existed, by day number. */
  priors: Record<string, DayResultFields>;
  /** When frozen: each day's result after as picked columns (null: the day was gone), by day number. */
  after?: (PickedDay | null)[];
}

/** Rows written before payloads listed dates per employee: [employeeId, date, before, after as picked columns] a day. */
interface LegacyDayChanges {
  dayChanges: 1;
  refs: Record<string, EmployeeRef>;
  days: [number, string, DayResultFields | null, PickedDay][];
}

/** A legacy row read as a frozen one, so rows left undispatched by an upgrade still reach consumers. */
function fromLegacy(p: LegacyDayChanges): DayChangesPayload {
  const out: DayChangesPayload = { dayChanges: 1, refs: p.refs, dates: [], priors: {}, after: [] };
  p.days.forEach(([employeeId, date, prior, picked], i) => {
    const last = out.dates[out.dates.length - 1];
    if (last?.[0] === employeeId) last[1].push(date);
    else out.dates.push([employeeId, [date]]);
    if (prior) out.priors[i] = prior;
    out.after!.push(picked);
  });
  return out;
}

const asDayChanges = (payload: Record<string, unknown>): DayChangesPayload | null => {
  const p = payload as unknown as Partial<DayChangesPayload> & { days?: unknown };
  if (p.dayChanges === 1 && Array.isArray(p.days) && p.refs) return fromLegacy(p as unknown as LegacyDayChanges);
  return (p.dayChanges === 1 || p.dayChanges === 2) && Array.isArray(p.dates) && p.refs && p.priors ? (p as DayChangesPayload) : null;
};

/** The days of a payload in their numbered order. */
function daysOf(p: DayChangesPayload): { employeeId: number; date: string }[] {
  const out: { employeeId: number; date: string }[] = [];
  for (const [employeeId, dates] of p.dates) for (const date of dates) out.push({ employeeId, date });
  return out;
}

/**
 * Days per outbox row: a dispatch takes whole rows, so a row stays small enough for one dispatch
 * transaction (a 2,000-employee chunk of a year would otherwise be one row of 730,000 days).
 */
export const DAYS_PER_ROW = 1_000;

export function dayEvents(outbox: Outbox, companyId: number, refs: Map<number, EmployeeRef>, occurredAtMs: number): DayEvents {
  return (written, before) => {
    const parts: DayAnnouncement[] = [];
    let payload: DayChangesPayload | null = null;
    let days: DayRowValues[] = [];
    let current: [number, string[]] | null = null;
    const flush = () => {
      if (!payload) return;
      const event: NewEvent = { companyId, type: 'attendance_day.changed', subject: null, payload: payload as unknown as Record<string, unknown>, occurredAtMs };
      parts.push({ event: outbox.stamp([event])[0], days });
      payload = null;
      current = null;
      days = [];
    };
    for (const row of written) {
      const employeeId = row[C.employee] as number;
      const date = row[C.date] as string;
      const ref = refs.get(employeeId);
      if (!ref) continue;
      // A chunk of new days has no stored rows: no key to build per day.
      const old = before.size ? before.get(dayKey(employeeId, date)) : undefined;
      let prior: DayResultFields | null = null;
      if (old) {
        // Only a day that existed pays for the comparison; a new day is always a change.
        prior = dayResultFields(old);
        if (JSON.stringify(prior) === JSON.stringify(dayResultFields(row))) continue;
      }
      payload ??= { dayChanges: 2, refs: {}, dates: [], priors: {} };
      if (current?.[0] !== employeeId) {
        payload.refs[employeeId] ??= ref;
        payload.dates.push((current = [employeeId, []]));
      }
      if (prior) payload.priors[days.length] = prior;
      current![1].push(date);
      days.push(row);
      if (days.length >= DAYS_PER_ROW) flush();
    }
    flush();
    return parts;
  };
}

/** The days a pending day-changes payload refers to, or null when the payload is not one. */
export function pendingDayKeys(payload: Record<string, unknown>): { employeeId: number; date: string }[] | null {
  const p = asDayChanges(payload);
  return p && p.dayChanges === 2 ? daysOf(p) : null;
}

/** A pending day-changes payload made frozen: each day's result after taken from `current` (its stored row now). */
export function freezeDayChanges(payload: Record<string, unknown>, current: Map<string, DayRowValues>): Record<string, unknown> {
  const p = asDayChanges(payload)!;
  const after = daysOf(p).map(({ employeeId, date }) => {
    const row = current.get(dayKey(employeeId, date));
    return row ? pickDay(row) : null;
  });
  return { ...p, dayChanges: 1, after } as unknown as Record<string, unknown>;
}

/** How many events a row stands for when it is a day-changes row, else null. */
export function dayChangesSize(e: { payload: Record<string, unknown> }): number | null {
  const p = asDayChanges(e.payload);
  return p ? p.dates.reduce((n, [, dates]) => n + dates.length, 0) : null;
}

/** Reads stored day rows by key (in the dispatch transaction). */
export type DayRowReader = (keys: { employeeId: number; date: string }[]) => Promise<Map<string, DayRowValues>>;

/**
 * One event per day of each day-changes row (see DayChangesPayload). Each day's event id is
 * derived from the row's id and the day's place in it: the same on every dispatch, so receivers
 * deduplicate as with any other event. A day no longer stored (its employee deleted) has no event.
 */
export async function expandDayChanges(rows: OutboxEvent[], read: DayRowReader): Promise<OutboxEvent[][]> {
  const pending = rows.flatMap((r) => pendingDayKeys(r.payload) ?? []);
  const current = pending.length ? await read(pending) : new Map<string, DayRowValues>();
  return rows.map((e) => {
    const p = asDayChanges(e.payload)!;
    const out: OutboxEvent[] = [];
    daysOf(p).forEach(({ employeeId, date }, i) => {
      let after: DayResultFields | null = null;
      if (p.dayChanges === 1) {
        const picked = p.after?.[i];
        after = picked ? fieldsOfPicked(picked) : null;
      } else {
        const row = current.get(dayKey(employeeId, date));
        after = row ? dayResultFields(row) : null;
      }
      if (!after) return;
      out.push({
        seq: e.seq,
        eventId: derivedEventId(e.eventId, i),
        companyId: e.companyId,
        type: 'attendance_day.changed',
        subject: `employee:${employeeId}`,
        payload: { ...p.refs[employeeId], date, before: p.priors[i] ?? null, after } as unknown as Record<string, unknown>,
        occurredAtMs: e.occurredAtMs,
      });
    });
    return out;
  });
}

/** A UUID-shaped id for the `index`th day of a chunk row: the row's v7 id with its last 48 bits replaced by a hash. */
function derivedEventId(base: string, index: number): string {
  const tail = createHash('sha256').update(`${base}:${index}`).digest('hex').slice(0, 12);
  return `${base.slice(0, 24)}${tail}`;
}
