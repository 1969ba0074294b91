/** Attendance setup (shift types, groups, rosters, calendars, leave types, requests) and results. */
import type { Generated } from 'kysely';
import type { Id, Json } from './core.js';

export interface ShiftTypesTable {
  id: Id;
  company_id: number;
  code: string;
  name: string;
  /** JSON: the engine's ShiftDef without `name` (wall times in minutes since midnight). */
  definition: Json;
  color: string | null;
  active: number;
  created_at_ms: number;
  updated_at_ms: number;
}

export interface HolidayCalendarsTable {
  id: Id;
  /** Null for a calendar shared by every company (e.g. China's statutory holidays). */
  company_id: number | null;
  code: string;
  name: string;
  /** JSON array of weekday numbers that are rest days when not listed (0 = Sunday … 6 = Saturday). */
  weekend_days: Json;
  created_at_ms: number;
  updated_at_ms: number;
}

export interface CalendarDaysTable {
  calendar_id: number;
  date: string;
  day_type: 'workday' | 'makeup_workday' | 'rest_day' | 'statutory_holiday';
  name: string | null;
  source: 'chinese-days' | 'manual';
}

export interface AttendanceGroupsTable {
  id: Id;
  company_id: number;
  name: string;
  /** fixed: same shift per weekday; roster: per-day entries or a cycle; free: no shift, worked time only. */
  kind: 'fixed' | 'roster' | 'free';
  time_zone: string | null;
  holiday_calendar_id: number | null;
  /** JSON: the engine's Policy plus approval and correction settings of the group. */
  policy: Json;
  /** JSON for fixed groups: { "0": shiftTypeId|null, …, "6": … } by weekday (0 = Sunday). */
  weekly: Json | null;
  /** JSON for roster groups with a cycle: { startDate, shiftTypeIds: (id|null)[] }. */
  roster_cycle: Json | null;
  /** JSON for free groups: { dayStartsAt: 'HH:mm', requiredMinutes }. */
  free_hours: Json | null;
  active: number;
  created_at_ms: number;
  updated_at_ms: number;
}

export interface GroupMembersTable {
  id: Id;
  company_id: number;
  group_id: number;
  /** Exactly one of department_id / employee_id. An individual membership beats a department one. */
  department_id: number | null;
  employee_id: number | null;
  effective_from: string;
  effective_to: string | null;
  created_at_ms: number;
}

export interface RosterEntriesTable {
  company_id: number;
  employee_id: number;
  date: string;
  /** Null means a rest day in the roster. */
  shift_type_id: number | null;
  updated_at_ms: number;
}

export interface LeaveTypesTable {
  id: Id;
  company_id: number;
  code: string;
  name: string;
  paid: number;
  unit: 'day' | 'half_day' | 'hour';
  active: number;
  /** JSON BalanceRules (engine/leave); null when the type keeps no balance. */
  balance_rules: Json | null;
}

export interface RequestsTable {
  id: Id;
  company_id: number;
  employee_id: number;
  kind: 'leave' | 'overtime' | 'correction';
  status: 'pending' | 'approved' | 'rejected' | 'cancelled';
  leave_type: string | null;
  from_date: string | null;
  to_date: string | null;
  half: 'am' | 'pm' | null;
  hours: number | null;
  from_ms: number | null;
  to_ms: number | null;
  correction_at_ms: number | null;
  reason: string | null;
  source: 'web' | 'api' | 'dingtalk' | 'wecom';
  external_id: string | null;
  created_by_user_id: number | null;
  decided_by_user_id: number | null;
  decided_at_ms: number | null;
  decision_note: string | null;
  created_at_ms: number;
  updated_at_ms: number;
}

export interface AttendanceDaysTable {
  company_id: number;
  employee_id: number;
  date: string;
  group_id: number | null;
  shift_type_id: number | null;
  day_type: string;
  status: string;
  late: number;
  late_minutes: number;
  late_level: string;
  early: number;
  early_minutes: number;
  missing_in: number;
  missing_out: number;
  worked_minutes: number;
  overtime_minutes: number;
  overtime_category: string;
  overtime_pay_multiplier: number;
  unapproved_overtime_minutes: number | null;
  in_time: string | null;
  out_time: string | null;
  ignored_punch_count: number;
  duplicate_punch_count: number;
  leave_type: string | null;
  /** 'am' | 'pm' for half-day leave, 'hours' for a day whose only leave is hourly, else null. */
  leave_half: string | null;
  corrections_used: number;
  /** Minutes of approved hourly leave inside the shift (R11a). */
  leave_minutes: Generated<number>;
  /** Comma-separated DayFlag values, e.g. `punches_on_leave`; null when none. */
  flags: string | null;
  /** JSON array of the engine's explanations: reason codes with parameters. */
  explanation: Json | null;
  computed_at_ms: number;
  /** 52-bit hash of the result columns (see ResultsRepo); null when unknown. */
  result_hash: number | null;
  /** The outbox row that announced this result (migration 0029); null when none did. */
  announced_seq: number | null;
}
