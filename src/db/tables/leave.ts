/** Leave balances (ledger, request costs, 调休 policy) and closed months. */
import type { Id } from './core.js';

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
}

export interface LeaveRequestCostsTable {
  request_id: number;
  company_id: number;
  employee_id: number;
  leave_type: string;
  amount: number;
  unit: 'day' | 'half_day' | 'hour';
  priced_at_ms: number;
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
}

export interface MonthConfirmationsTable {
  company_id: number;
  employee_id: number;
  month: string;
  status: 'confirmed' | 'objected';
  objection: string | null;
  at_ms: number;
}

