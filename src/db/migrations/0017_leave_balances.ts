import { BIG, withId, type DakaMigration } from './helpers.js';

/**
 * Leave balances and month close:
 * - `employees.work_start_date` (参加工作日期): start of cumulative working years, for statutory annual leave.
 * - `leave_types.balance_rules`: JSON accrual, carry-over, expiry and negative-balance rules; null = not tracked.
 * - `leave_ledger`: every grant, accrual, carry-over, expiry, leave taken or given back and manual
 *   adjustment, dated; a balance is the sum up to a date. `ref` makes scheduled postings idempotent.
 * - `leave_request_costs`: what a leave request was priced at when filed (pending time shows as such).
 * - `overtime_compensation`: per attendance group, whether overtime is paid or credited as 调休.
 * - `month_closes` and `month_confirmations`: a company's closed months and employees' 考勤确认.
 */
export const leaveBalances: DakaMigration = {
  name: '0017_leave_balances',
  async up({ db, dialect }) {
    const REAL = dialect === 'sqlite' ? 'real' : 'double precision';
    await db.schema.alterTable('employees').addColumn('work_start_date', 'text').execute();
    await db.schema.alterTable('leave_types').addColumn('balance_rules', 'text').execute();
    await withId(db.schema.createTable('leave_ledger'), dialect)
      .addColumn('company_id', BIG, (c) => c.notNull().references('companies.id').onDelete('cascade'))
      .addColumn('employee_id', BIG, (c) => c.notNull().references('employees.id').onDelete('cascade'))
      .addColumn('leave_type', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('amount', REAL, (c) => c.notNull())
      .addColumn('effective_date', 'text', (c) => c.notNull())
      .addColumn('expires_on', 'text')
      .addColumn('ref', 'text')
      .addColumn('request_id', BIG)
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('created_by_user_id', BIG)
      .addColumn('created_at_ms', BIG, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('leave_ledger_employee').on('leave_ledger').columns(['employee_id', 'leave_type', 'effective_date']).execute();
    // A run reads one type's ledger for a page of employees (ids in a range) of one company.
    await db.schema.createIndex('leave_ledger_company').on('leave_ledger').columns(['company_id', 'leave_type', 'employee_id', 'effective_date']).execute();
    // Scheduled postings (grant:2026, expire:2026-12-31 …) exist once per employee and type.
    await db.schema.createIndex('leave_ledger_ref').on('leave_ledger').columns(['employee_id', 'leave_type', 'ref']).unique().execute();
    await db.schema
      .createTable('leave_request_costs')
      .addColumn('request_id', BIG, (c) => c.primaryKey().references('requests.id').onDelete('cascade'))
      .addColumn('company_id', BIG, (c) => c.notNull())
      .addColumn('employee_id', BIG, (c) => c.notNull())
      .addColumn('leave_type', 'text', (c) => c.notNull())
      .addColumn('amount', REAL, (c) => c.notNull())
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('priced_at_ms', BIG, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('leave_request_costs_employee').on('leave_request_costs').columns(['employee_id', 'leave_type']).execute();
    await db.schema
      .createTable('overtime_compensation')
      .addColumn('group_id', BIG, (c) => c.primaryKey().references('attendance_groups.id').onDelete('cascade'))
      .addColumn('company_id', BIG, (c) => c.notNull())
      .addColumn('workday', 'text', (c) => c.notNull())
      .addColumn('restday', 'text', (c) => c.notNull())
      .addColumn('holiday', 'text', (c) => c.notNull())
      .addColumn('credit_expiry_days', 'integer', (c) => c.notNull())
      .addColumn('updated_at_ms', BIG, (c) => c.notNull())
      .execute();
    await withId(db.schema.createTable('month_closes'), dialect)
      .addColumn('company_id', BIG, (c) => c.notNull().references('companies.id').onDelete('cascade'))
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('closed_at_ms', BIG, (c) => c.notNull())
      .addColumn('closed_by_user_id', BIG)
      .addColumn('employee_count', 'integer', (c) => c.notNull())
      .addColumn('reopened_at_ms', BIG)
      .addColumn('reopened_by_user_id', BIG)
      .addColumn('reopen_reason', 'text')
      .execute();
    await db.schema.createIndex('month_closes_company').on('month_closes').columns(['company_id', 'month', 'status']).execute();
    await db.schema
      .createTable('month_confirmations')
      .addColumn('company_id', BIG, (c) => c.notNull())
      .addColumn('employee_id', BIG, (c) => c.notNull().references('employees.id').onDelete('cascade'))
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('objection', 'text')
      .addColumn('at_ms', BIG, (c) => c.notNull())
      .addPrimaryKeyConstraint('month_confirmations_pk', ['employee_id', 'month'])
      .execute();
  },
};
