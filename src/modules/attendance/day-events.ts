/**
 * `attendance_day.changed`: one event per stored day whose result fields changed, with the result
 * before (null for a new day) and after. A recompute that only rewrites what is already there (a
 * changed group id, a re-ordered explanation) emits nothing.
 */
import type { DayResultFields, EmployeeRef } from '../outbox/event-payloads.js';
import { domainEvent } from '../outbox/event-payloads.js';
import type { Outbox } from '../outbox/outbox.js';
import type { StampedEvent } from '../outbox/outbox.repo.js';
import type { NewEvent } from '../outbox/outbox.types.js';
import { DAY_COLUMNS, type DayRowValues } from './results.repo.js';

export { DAY_COLUMNS, type DayRowValues };

const col = (name: (typeof DAY_COLUMNS)[number]) => DAY_COLUMNS.indexOf(name);
const C = {
  employee: col('employee_id'), date: col('date'), status: col('status'), dayType: col('day_type'), late: col('late'), lateMinutes: col('late_minutes'),
  lateLevel: col('late_level'), early: col('early'), earlyMinutes: col('early_minutes'), missingIn: col('missing_in'), missingOut: col('missing_out'),
  worked: col('worked_minutes'), overtime: col('overtime_minutes'), leaveType: col('leave_type'), leaveMinutes: col('leave_minutes'),
  inTime: col('in_time'), outTime: col('out_time'), explanation: col('explanation'),
};

/** A stored or computed day row (DAY_COLUMNS order) as the fields receivers compare. */
export function dayResultFields(row: DayRowValues): DayResultFields {
  const explanation = row[C.explanation];
  const parsed = typeof explanation === 'string' ? (JSON.parse(explanation) as { field: string; code: string; params?: Record<string, unknown> }[]) : [];
  return {
    status: String(row[C.status]),
    dayType: String(row[C.dayType]),
    late: Number(row[C.late]) === 1,
    lateMinutes: Number(row[C.lateMinutes] ?? 0),
    lateLevel: String(row[C.lateLevel]),
    early: Number(row[C.early]) === 1,
    earlyMinutes: Number(row[C.earlyMinutes] ?? 0),
    missingIn: Number(row[C.missingIn]) === 1,
    missingOut: Number(row[C.missingOut]) === 1,
    workedMinutes: Number(row[C.worked] ?? 0),
    overtimeMinutes: Number(row[C.overtime] ?? 0),
    leaveType: (row[C.leaveType] as string | null) ?? null,
    leaveMinutes: Number(row[C.leaveMinutes] ?? 0),
    inTime: (row[C.inTime] as string | null) ?? null,
    outTime: (row[C.outTime] as string | null) ?? null,
    reasons: parsed.map((e) => ({ field: e.field, code: e.code, params: e.params ?? {} })),
  };
}

/** Key of a day in the map of stored rows. */
export const dayKey = (employeeId: number, date: string) => `${employeeId}|${date}`;

/**
 * Builds the events of a written chunk: `before` holds the stored rows of the days that existed.
 * Runs inside the write's transaction.
 */
export type DayEvents = (written: DayRowValues[], before: Map<string, DayRowValues>) => StampedEvent[];

export function dayEvents(outbox: Outbox, companyId: number, refs: Map<number, EmployeeRef>, occurredAtMs: number): DayEvents {
  return (written, before) => {
    const list: NewEvent[] = [];
    for (const row of written) {
      const employeeId = Number(row[C.employee]);
      const date = String(row[C.date]);
      const ref = refs.get(employeeId);
      if (!ref) continue;
      const old = before.get(dayKey(employeeId, date));
      const after = dayResultFields(row);
      const prior = old ? dayResultFields(old) : null;
      if (prior && JSON.stringify(prior) === JSON.stringify(after)) continue;
      list.push(domainEvent(companyId, 'attendance_day.changed', `employee:${employeeId}`, { ...ref, date, before: prior, after }, occurredAtMs));
    }
    return outbox.stamp(list);
  };
}
