/** SQL of payroll adjustments: late changes to closed days, and what they are compared with. */
import type { Kysely, Transaction } from 'kysely';
import type { DB, NewRow, Row } from '../../db/schema.js';
// day-events and results.repo import each other; entering through day-events loads them in the order that works.
import { DAY_COLUMNS, type DayRowValues } from '../attendance/day-events.js';

type Db = Kysely<DB> | Transaction<DB>;
const IN_CHUNK = 900;

export type AdjustmentRow = Row<'payroll_adjustments'>;

export function numericAdjustment(r: AdjustmentRow): AdjustmentRow {
  return {
    ...r,
    id: Number(r.id),
    company_id: Number(r.company_id),
    employee_id: Number(r.employee_id),
    request_id: r.request_id === null ? null : Number(r.request_id),
    after_hash: r.after_hash === null ? null : Number(r.after_hash),
    leave_units_before: r.leave_units_before === null ? null : Number(r.leave_units_before),
    leave_units_after: r.leave_units_after === null ? null : Number(r.leave_units_after),
    created_at_ms: Number(r.created_at_ms),
  };
}

export class PayrollAdjustmentsRepo {
  constructor(private readonly db: Kysely<DB>) {}

  async insert(db: Db, row: NewRow<'payroll_adjustments'>): Promise<AdjustmentRow> {
    return numericAdjustment(await db.insertInto('payroll_adjustments').values(row).returningAll().executeTakeFirstOrThrow());
  }

  /** The latest result adjustment of each of these employees' days in [fromDate, toDate], by `employeeId|date`. */
  async latestResults(employeeIds: number[], fromDate: string, toDate: string): Promise<Map<string, AdjustmentRow>> {
    const out = new Map<string, AdjustmentRow>();
    for (let i = 0; i < employeeIds.length; i += IN_CHUNK) {
      const rows = await this.db
        .selectFrom('payroll_adjustments')
        .selectAll()
        .where('employee_id', 'in', employeeIds.slice(i, i + IN_CHUNK))
        .where('kind', '=', 'result')
        .where('date', '>=', fromDate)
        .where('date', '<=', toDate)
        .orderBy('id')
        .execute();
      for (const r of rows) out.set(`${Number(r.employee_id)}|${r.date}`, numericAdjustment(r));
    }
    return out;
  }

  /** Stored attendance days as rows in DAY_COLUMNS order, by `employeeId|date`. */
  async storedDays(keys: { employeeId: number; date: string }[]): Promise<Map<string, DayRowValues>> {
    const out = new Map<string, DayRowValues>();
    const byEmployee = new Map<number, string[]>();
    for (const k of keys) byEmployee.set(k.employeeId, [...(byEmployee.get(k.employeeId) ?? []), k.date]);
    for (const [employeeId, dates] of byEmployee) {
      const rows = await this.db.selectFrom('attendance_days').select([...DAY_COLUMNS]).where('employee_id', '=', employeeId).where('date', 'in', dates).execute();
      for (const r of rows) out.set(`${employeeId}|${r.date}`, DAY_COLUMNS.map((c) => (r as Record<string, unknown>)[c]));
    }
    return out;
  }

  /** When the close holding the employee's month was made (null: not closed). */
  async closedAtMs(employeeId: number, month: string): Promise<number | null> {
    const r = await this.db
      .selectFrom('month_close_employees as m')
      .innerJoin('month_closes as c', 'c.id', 'm.close_id')
      .select('c.closed_at_ms')
      .where('m.employee_id', '=', employeeId)
      .where('m.month', '=', month)
      .executeTakeFirst();
    return r ? Number(r.closed_at_ms) : null;
  }

  /** The request decided since `sinceMs` that covers the day, newest first. */
  async requestSince(employeeId: number, date: string, sinceMs: number): Promise<Pick<Row<'requests'>, 'id' | 'kind'> | undefined> {
    const r = await this.db
      .selectFrom('requests')
      .select(['id', 'kind'])
      .where('employee_id', '=', employeeId)
      .where('from_date', '<=', date)
      .where((eb) => eb.or([eb('to_date', '>=', date), eb.and([eb('to_date', 'is', null), eb('from_date', '=', date)])]))
      .where('updated_at_ms', '>=', sinceMs)
      .orderBy('updated_at_ms', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return r ? { id: Number(r.id), kind: r.kind } : undefined;
  }

  /** A punch of the employee around the day received since `sinceMs`, newest first. */
  async punchSince(employeeId: number, fromMs: number, toMs: number, sinceMs: number): Promise<number | null> {
    const r = await this.db
      .selectFrom('checkins')
      .select('id')
      .where('employee_id', '=', employeeId)
      .where('at_ms', '>=', fromMs)
      .where('at_ms', '<', toMs)
      .where('received_at_ms', '>=', sinceMs)
      .orderBy('received_at_ms', 'desc')
      .executeTakeFirst();
    return r ? Number(r.id) : null;
  }

  /** Adjustments carried into a month (or made for a closed month), oldest first. */
  async list(companyId: number, q: { carriedIntoMonth?: string; closedMonth?: string; employeeIds?: number[] | null; limit: number; offset: number }): Promise<{ rows: AdjustmentRow[]; total: number }> {
    let base = this.db.selectFrom('payroll_adjustments').where('company_id', '=', companyId);
    if (q.carriedIntoMonth) base = base.where('carried_into_month', '=', q.carriedIntoMonth);
    if (q.closedMonth) base = base.where('closed_month', '=', q.closedMonth);
    if (q.employeeIds) base = base.where('employee_id', 'in', q.employeeIds.length ? q.employeeIds : [-1]);
    const [rows, total] = await Promise.all([
      base.selectAll().orderBy('id').limit(q.limit).offset(q.offset).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows: rows.map(numericAdjustment), total: Number(total.n) };
  }

  /** Every adjustment carried into a month with its employee, for the payroll export (bounded). */
  async carriedInto(companyId: number, month: string, departmentIds: number[] | null, limit: number, closeId?: number): Promise<(AdjustmentRow & { job_number: string; name: string })[]> {
    let q = this.db
      .selectFrom('payroll_adjustments as a')
      .innerJoin('employees as e', 'e.id', 'a.employee_id')
      .selectAll('a')
      .select(['e.job_number', 'e.name'])
      .where('a.company_id', '=', companyId)
      .where('a.carried_into_month', '=', month);
    // One close's part: the employees it holds, wherever they work now.
    if (closeId !== undefined) q = q.where('a.employee_id', 'in', this.db.selectFrom('month_close_employees').select('employee_id').where('close_id', '=', closeId));
    else if (departmentIds) q = q.where('e.department_id', 'in', departmentIds.length ? departmentIds : [-1]);
    const rows = await q.orderBy('e.job_number').orderBy('a.date').orderBy('a.id').limit(limit).execute();
    return rows.map((r) => ({ ...numericAdjustment(r), job_number: r.job_number, name: r.name }));
  }

  async byId(id: number): Promise<AdjustmentRow | undefined> {
    const r = await this.db.selectFrom('payroll_adjustments').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? numericAdjustment(r) : undefined;
  }
}
