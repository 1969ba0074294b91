/**
 * The attendance setup as the engine needs it. The rules of reading the setup tables live in the
 * schedules module (shiftDefFromRow, policyFromRow, resolveMemberships, scheduleFor); this file
 * only adapts them for bulk use and adds what-if drafts on top.
 */
import type { Policy } from '../../engine/index.js';
import type { Row } from '../../db/schema.js';
import { dateOfDayIndex, dayIndexOf } from '../../engine/index.js';
import { MAX_ITERATION_DAYS } from '../../shared/bounds.js';
import { AppError } from '../../shared/errors.js';
import { DEFAULT_POLICY as DEFAULT_RULES, policyFromRow, storedFromPolicy } from '../schedules/policy.js';
import { calendarFromRows, scheduleGroupFromRow, type ScheduleCalendar, type ScheduleGroup } from '../schedules/schedule.js';

/** The engine view of the default group policy: the template of what-if policy drafts. */
export const DEFAULT_ENGINE_POLICY: Policy = (() => {
  const { approvalMode: _a, corrections: _c, ...policy } = storedFromPolicy(DEFAULT_RULES);
  return policy;
})();

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep merge of plain objects: `patch` wins, arrays and nulls replace. */
export function mergeDeep<T>(base: T, patch: unknown): T {
  if (!isObj(base) || !isObj(patch)) return (patch === undefined ? base : patch) as T;
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    out[k] = isObj(out[k]) && isObj(v) ? mergeDeep(out[k], v) : v;
  }
  return out as T;
}

export interface GroupSetup {
  id: number;
  timeZone: string | null;
  policy: Policy;
  schedule: ScheduleGroup;
  calendar: ScheduleCalendar | null;
}

export function groupFromRow(
  row: Row<'attendance_groups'>,
  calendar: { row: Pick<Row<'holiday_calendars'>, 'weekend_days'>; days: Pick<Row<'calendar_days'>, 'date' | 'day_type'>[] } | null,
): GroupSetup {
  return {
    id: row.id,
    timeZone: row.time_zone,
    policy: policyFromRow(row),
    schedule: scheduleGroupFromRow(row),
    calendar: calendar ? calendarFromRows(calendar.row, calendar.days) : null,
  };
}

/** Every date from `from` to `to` inclusive; a span over MAX_ITERATION_DAYS is refused, not walked. */
export function datesBetween(from: string, to: string): string[] {
  const start = dayIndexOf(from);
  const end = dayIndexOf(to);
  if (!(end - start < MAX_ITERATION_DAYS)) {
    if (!(end >= start)) return [];
    throw new AppError('RANGE_TOO_LONG', `${from}..${to} is longer than ${MAX_ITERATION_DAYS} days`, 400, { maxDays: MAX_ITERATION_DAYS });
  }
  const out: string[] = [];
  for (let i = start; i <= end; i++) out.push(dateOfDayIndex(i));
  return out;
}

export const shiftKey = (id: number | null) => (id === null ? null : String(id));
