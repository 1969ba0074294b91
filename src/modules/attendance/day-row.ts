/**
 * A stored attendance day as the bulk paths handle it: its values in DAY_COLUMNS order, and the
 * hash of its result that lets a recompute skip days whose result did not change.
 */
import type { DayResult, Explanation } from '../../engine/index.js';
import type { DayMeta } from './input-builder.js';

export const DAY_COLUMNS = [
  'company_id', 'employee_id', 'date', 'group_id', 'shift_type_id', 'day_type', 'status', 'late', 'late_minutes', 'late_level', 'early',
  'early_minutes', 'missing_in', 'missing_out', 'worked_minutes', 'overtime_minutes', 'overtime_category', 'overtime_pay_multiplier',
  'unapproved_overtime_minutes', 'in_time', 'out_time', 'ignored_punch_count', 'duplicate_punch_count', 'leave_type', 'leave_half',
  'corrections_used', 'leave_minutes', 'flags', 'explanation', 'computed_at_ms', 'result_hash', 'announced_seq',
] as const;

export const EMPLOYEE = DAY_COLUMNS.indexOf('employee_id');
export const DATE = DAY_COLUMNS.indexOf('date');
const COMPUTED_AT = DAY_COLUMNS.indexOf('computed_at_ms');
export const HASH = DAY_COLUMNS.indexOf('result_hash');
/** The outbox row that announced the row's result (see day-events.ts). */
export const ANNOUNCED = DAY_COLUMNS.indexOf('announced_seq');

/** Columns whose change makes a row worth rewriting (everything but the key, the timestamp, the hash and the announcement). */
export const COMPARED = DAY_COLUMNS.filter((c) => c !== 'employee_id' && c !== 'date' && c !== 'computed_at_ms' && c !== 'result_hash' && c !== 'announced_seq');
export const UPDATED = DAY_COLUMNS.filter((c) => c !== 'employee_id' && c !== 'date');

export type DayRowValues = unknown[];

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
    if (c === EMPLOYEE || c === DATE || c === COMPUTED_AT || c === HASH || c === ANNOUNCED) continue;
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
    m.correctionsUsed, r.leaveMinutes, r.flags ? r.flags.join(',') : null, explanation ? JSON.stringify(explanation) : null, computedAtMs, null, null,
  ];
  row[HASH] = resultHash(row);
  return row;
}

/** Key of a day in a map of rows. */
export const dayKey = (employeeId: number, date: string) => `${employeeId}|${date}`;
