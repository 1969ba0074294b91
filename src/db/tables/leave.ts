/** Leave balances (ledger, request costs, 调休 policy) and closed months. */
import type { ColumnType } from 'kysely';
import type { Id, Json } from './core.js';

export type LeaveLedgerKind = 'grant' | 'accrual' | 'carry_over' | 'expiry' | 'leave_taken' | 'leave_cancelled' | 'adjustment' | 'overtime_credit' | 'import';

export interface LeaveLedgerTable {
  id: Id;
  company_id: number;
  employee_id: number;
  /** The leave type's code (requests name types by code). */
  leave_type: string;
  kind: LeaveLedgerKind;
  /** In the type's unit: days (halves allowed) or hours. Negative deducts. */
  amount: number;
  effective_date: string;
  expires_on: string | null;
  /** Idempotency key of scheduled postings, unique per employee and type; null for manual ones. */
  ref: string | null;
  request_id: number | null;
  reason: string;
  created_by_user_id: number | null;
  created_at_ms: number;
  /** `YYYY-MM` of the leave days a request's entry books; null: the month of `effective_date`. */
  for_month: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface LeaveRequestCostsTable {
  request_id: number;
  company_id: number;
  employee_id: number;
  leave_type: string;
  amount: number;
  unit: 'day' | 'half_day' | 'hour';
  priced_at_ms: number;
  /** JSON `{ "YYYY-MM": amount }`: the price per month of the leave's days (null: all in the first month). */
  months: ColumnType<Json | null, Json | null | undefined, Json | null>;
}

export interface OvertimeCompensationTable {
  group_id: number;
  company_id: number;
  workday: 'pay' | 'leave';
  restday: 'pay' | 'leave';
  holiday: 'pay' | 'leave';
  credit_expiry_days: number;
  updated_at_ms: number;
}

export interface MonthClosesTable {
  id: Id;
  company_id: number;
  /** `YYYY-MM`. */
  month: string;
  status: 'closed' | 'reopened';
  closed_at_ms: number;
  closed_by_user_id: number | null;
  employee_count: number;
  reopened_at_ms: number | null;
  reopened_by_user_id: number | null;
  reopen_reason: string | null;
  /** company: the whole company; department: `department_id` and its sub-departments; all: this company's part of closing everyone. */
  scope: ColumnType<MonthCloseScope, MonthCloseScope | undefined, MonthCloseScope>;
  department_id: number | null;
}

export type MonthCloseScope = 'company' | 'department' | 'all';

/** The close that holds an employee's month; one row per employee-month at most. */
export interface MonthCloseEmployeesTable {
  employee_id: number;
  month: string;
  close_id: number;
  company_id: number;
}

/** A late change to a closed day, carried into an open month's payroll. */
export interface PayrollAdjustmentsTable {
  id: Id;
  company_id: number;
  employee_id: number;
  /** The closed day (for leave: the first day of the leave in that month). */
  date: string;
  closed_month: string;
  carried_into_month: string;
  /** result: the day's attendance result changed; leave: the leave units booked for the month changed. */
  kind: 'result' | 'leave';
  /** What caused it: punch, correction, leave (a leave request), request (another kind), recompute (a setup change). */
  source: 'punch' | 'correction' | 'leave' | 'request' | 'recompute';
  /** `checkin:<id>`, `request:<id>` or null. */
  source_ref: string | null;
  request_id: number | null;
  /** JSON DayResultFields (kind result); null before: the closed month had no result for the day. */
  before: Json | null;
  after: Json | null;
  /** Result hash of `after` (kind result): an unchanged recompute records nothing. */
  after_hash: number | null;
  leave_type: string | null;
  leave_units_before: number | null;
  leave_units_after: number | null;
  created_at_ms: number;
}

export interface MonthConfirmationsTable {
  company_id: number;
  employee_id: number;
  month: string;
  status: 'confirmed' | 'objected';
  objection: string | null;
  at_ms: number;
}

