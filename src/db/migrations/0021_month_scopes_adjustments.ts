import { sql } from 'kysely';
import { BIG, withId, type DakaMigration } from './helpers.js';

/**
 * Closing by scope and late changes to closed months:
 * - `month_closes.scope` / `department_id`: a close covers a company, a department with its
 *   sub-departments, or is one company's part of closing everyone.
 * - `month_close_employees`: which close holds each employee-month; the key makes an employee
 *   closed at most once, and reopening deletes exactly the close's rows.
 * - `payroll_adjustments`: a late punch, correction or leave change that touched a closed day,
 *   kept as before/after and carried into the next open month's payroll.
 * - `leave_ledger.for_month`: the month of the leave days an entry books (a span across months is
 *   booked per month; a late entry for a closed month is dated in the open month it is carried into).
 * - `leave_request_costs.months`: the price of a leave request per month (JSON `{ "YYYY-MM": amount }`).
 */
export const monthScopesAdjustments: DakaMigration = {
  name: '0021_month_scopes_adjustments',
  async up({ db, dialect }) {
    const REAL = dialect === 'sqlite' ? 'real' : 'double precision';
    await db.schema.alterTable('month_closes').addColumn('scope', 'text', (c) => c.notNull().defaultTo('company')).execute();
    await db.schema.alterTable('month_closes').addColumn('department_id', BIG).execute();
    await db.schema
      .createTable('month_close_employees')
      .addColumn('employee_id', BIG, (c) => c.notNull().references('employees.id').onDelete('cascade'))
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('close_id', BIG, (c) => c.notNull().references('month_closes.id').onDelete('cascade'))
      .addColumn('company_id', BIG, (c) => c.notNull())
      .addPrimaryKeyConstraint('month_close_employees_pk', ['employee_id', 'month'])
      .execute();
    await db.schema.createIndex('month_close_employees_company').on('month_close_employees').columns(['company_id', 'month']).execute();
    await db.schema.createIndex('month_close_employees_close').on('month_close_employees').columns(['close_id']).execute();
    // Months closed before scopes existed held the whole company: their employees are closed by them.
    await sql`
      insert into month_close_employees (employee_id, month, close_id, company_id)
      select e.id, mc.month, mc.id, mc.company_id
      from month_closes mc join employees e on e.company_id = mc.company_id
      where mc.status = 'closed'
        and (e.hire_date is null or e.hire_date <= mc.month || '-31')
        and (e.leave_date is null or e.leave_date >= mc.month || '-01')`.execute(db);
    await withId(db.schema.createTable('payroll_adjustments'), dialect)
      .addColumn('company_id', BIG, (c) => c.notNull().references('companies.id').onDelete('cascade'))
      .addColumn('employee_id', BIG, (c) => c.notNull().references('employees.id').onDelete('cascade'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('closed_month', 'text', (c) => c.notNull())
      .addColumn('carried_into_month', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('source_ref', 'text')
      .addColumn('request_id', BIG)
      .addColumn('before', 'text')
      .addColumn('after', 'text')
      .addColumn('after_hash', BIG)
      .addColumn('leave_type', 'text')
      .addColumn('leave_units_before', REAL)
      .addColumn('leave_units_after', REAL)
      .addColumn('created_at_ms', BIG, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('payroll_adjustments_carried').on('payroll_adjustments').columns(['company_id', 'carried_into_month', 'id']).execute();
    await db.schema.createIndex('payroll_adjustments_day').on('payroll_adjustments').columns(['employee_id', 'date', 'kind', 'id']).execute();
    await db.schema.alterTable('leave_ledger').addColumn('for_month', 'text').execute();
    await db.schema.alterTable('leave_request_costs').addColumn('months', 'text').execute();
  },
};
