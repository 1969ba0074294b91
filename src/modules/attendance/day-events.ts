/**
 * `attendance_day.changed`: one event per stored day whose result fields changed, with the result
 * before (null for a new day) and after. A recompute that only rewrites what is already there (a
 * changed group id, a re-ordered explanation) emits nothing.
 */
import { createHash } from 'node:crypto';
import type { DayResultFields, EmployeeRef } from '../outbox/event-payloads.js';
import type { Outbox } from '../outbox/outbox.js';
import type { StampedEvent } from '../outbox/outbox.repo.js';
import type { NewEvent, OutboxEvent } from '../outbox/outbox.types.js';
import { DAY_COLUMNS, type DayRowValues } from './results.repo.js';

export { DAY_COLUMNS, type DayRowValues };

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

/** Key of a day in the map of stored rows. */
export const dayKey = (employeeId: number, date: string) => `${employeeId}|${date}`;

/**
 * Builds the events of a written chunk: `before` holds the stored rows of the days that existed.
 * Runs inside the write's transaction.
 */
export type DayEvents = (written: DayRowValues[], before: Map<string, DayRowValues>) => StampedEvent[];

/**
 * The payload of one outbox row that carries a whole chunk's `attendance_day.changed` events. A
 * bulk recompute writes one such row per chunk instead of one row per day, with each day's result
 * columns as they are, so the recompute pays for one insert and one serialisation per chunk; the
 * dispatcher expands it into one event per day (`expandDayChanges`) before any consumer sees it.
 */
interface DayChangesPayload {
  dayChanges: 1;
  refs: Record<string, EmployeeRef>;
  /** [employeeId, date, before (null for a new day), after as picked result columns]. */
  days: [number, string, DayResultFields | null, PickedDay][];
}

export function dayEvents(outbox: Outbox, companyId: number, refs: Map<number, EmployeeRef>, occurredAtMs: number): DayEvents {
  return (written, before) => {
    const payload: DayChangesPayload = { dayChanges: 1, refs: {}, days: [] };
    for (const row of written) {
      const employeeId = Number(row[C.employee]);
      const date = String(row[C.date]);
      const ref = refs.get(employeeId);
      if (!ref) continue;
      const old = before.get(dayKey(employeeId, date));
      const picked = pickDay(row);
      let prior: DayResultFields | null = null;
      if (old) {
        // Only a day that existed pays for the comparison; a new day is always a change.
        prior = dayResultFields(old);
        if (JSON.stringify(prior) === JSON.stringify(fieldsOfPicked(picked))) continue;
      }
      payload.refs[employeeId] ??= ref;
      payload.days.push([employeeId, date, prior, picked]);
    }
    if (!payload.days.length) return [];
    const event: NewEvent = { companyId, type: 'attendance_day.changed', subject: null, payload: payload as unknown as Record<string, unknown>, occurredAtMs };
    return outbox.stamp([event]);
  };
}

/**
 * One event per day of a chunk row (see DayChangesPayload), or null for any other row. Each
 * day's event id is derived from the row's id and the day's place in it: the same on every
 * dispatch, so receivers deduplicate as with any other event.
 */
export function expandDayChanges(e: { seq: number; eventId: string; companyId: number; occurredAtMs: number; payload: Record<string, unknown> }): OutboxEvent[] | null {
  const p = e.payload as unknown as Partial<DayChangesPayload>;
  if (p.dayChanges !== 1 || !Array.isArray(p.days)) return null;
  return p.days.map(([employeeId, date, prior, picked], i) => ({
    seq: e.seq,
    eventId: derivedEventId(e.eventId, i),
    companyId: e.companyId,
    type: 'attendance_day.changed' as const,
    subject: `employee:${employeeId}`,
    payload: { ...p.refs![employeeId], date, before: prior, after: fieldsOfPicked(picked) } as unknown as Record<string, unknown>,
    occurredAtMs: e.occurredAtMs,
  }));
}

/** A UUID-shaped id for the `index`th day of a chunk row: the row's v7 id with its last 48 bits replaced by a hash. */
function derivedEventId(base: string, index: number): string {
  const tail = createHash('sha256').update(`${base}:${index}`).digest('hex').slice(0, 12);
  return `${base.slice(0, 24)}${tail}`;
}
