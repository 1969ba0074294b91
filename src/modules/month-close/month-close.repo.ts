/** SQL of closed months (考勤锁定), which close holds each employee-month, and month confirmations (考勤确认). */
import type { Kysely, Transaction } from 'kysely';
import type { DB, Row } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;
/** Bound parameters per IN list: safe on both drivers. */
const IN_CHUNK = 900;

/** Key of a closed employee-month in the sets below. */
export const closedKey = (employeeId: number, month: string) => `${employeeId}:${month}`;

export class MonthCloseRepo {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * The closed employee-months of a company between two months (inclusive), optionally only of
   * some employees, as `closedKey`s.
   */
  async closedKeys(companyId: number, fromMonth: string, toMonth: string, employeeIds?: number[] | null, db: Db = this.db): Promise<Set<string>> {
    const out = new Set<string>();
    const run = async (ids: number[] | null) => {
      let q = db.selectFrom('month_close_employees').select(['employee_id', 'month']).where('company_id', '=', companyId).where('month', '>=', fromMonth).where('month', '<=', toMonth);
      if (ids) q = q.where('employee_id', 'in', ids);
      for (const r of await q.execute()) out.add(closedKey(Number(r.employee_id), r.month));
    };
    if (!employeeIds) await run(null);
    else for (let i = 0; i < employeeIds.length; i += IN_CHUNK) await run(employeeIds.slice(i, i + IN_CHUNK));
    return out;
  }

  /** Months closed for one employee from a month on, ascending. */
  async closedMonthsOf(employeeId: number, fromMonth: string, db: Db = this.db): Promise<string[]> {
    const rows = await db.selectFrom('month_close_employees').select('month').where('employee_id', '=', employeeId).where('month', '>=', fromMonth).orderBy('month').execute();
    return rows.map((r) => r.month);
  }

  byId(id: number, db: Db = this.db): Promise<Row<'month_closes'> | undefined> {
    return db.selectFrom('month_closes').selectAll().where('id', '=', id).executeTakeFirst();
  }

  list(companyId: number, limit: number): Promise<Row<'month_closes'>[]> {
    return this.db.selectFrom('month_closes').selectAll().where('company_id', '=', companyId).orderBy('month', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  /** Closes of a month still closed, in the given companies, with the given scope. */
  closedOf(db: Db, companyIds: number[], month: string, scope: Row<'month_closes'>['scope'], departmentId: number | null): Promise<Row<'month_closes'>[]> {
    let q = db.selectFrom('month_closes').selectAll().where('company_id', 'in', companyIds.length ? companyIds : [-1]).where('month', '=', month).where('status', '=', 'closed').where('scope', '=', scope);
    if (departmentId !== null) q = q.where('department_id', '=', departmentId);
    return q.orderBy('id').execute();
  }

  insert(db: Db, row: Omit<Row<'month_closes'>, 'id'>): Promise<Row<'month_closes'>> {
    return db.insertInto('month_closes').values(row).returningAll().executeTakeFirstOrThrow();
  }

  /** Reopens only a closed row: two concurrent reopens change it once. Its employee-months open with it. */
  async reopen(db: Db, id: number, atMs: number, userId: number | null, reason: string): Promise<Row<'month_closes'> | undefined> {
    const r = await db
      .updateTable('month_closes')
      .set({ status: 'reopened', reopened_at_ms: atMs, reopened_by_user_id: userId, reopen_reason: reason })
      .where('id', '=', id)
      .where('status', '=', 'closed')
      .returningAll()
      .executeTakeFirst();
    if (r) await db.deleteFrom('month_close_employees').where('close_id', '=', id).execute();
    return r;
  }

  /** Employees of a company (of some departments when given) employed at some point of the month. */
  async employeesInMonth(db: Db, companyId: number, departmentIds: number[] | null, monthStart: string, monthEnd: string): Promise<number[]> {
    let q = db
      .selectFrom('employees')
      .select('id')
      .where('company_id', '=', companyId)
      .where((eb) => eb.or([eb('hire_date', 'is', null), eb('hire_date', '<=', monthEnd)]))
      .where((eb) => eb.or([eb('leave_date', 'is', null), eb('leave_date', '>=', monthStart)]));
    if (departmentIds) q = q.where('department_id', 'in', departmentIds.length ? departmentIds : [-1]);
    return (await q.orderBy('id').execute()).map((r) => Number(r.id));
  }

  /**
   * Records the employees a close holds. The key (employee, month) makes a second close of the same
   * employee-month fail, so two concurrent closes cannot both hold one employee.
   */
  async hold(db: Db, closeId: number, companyId: number, month: string, employeeIds: number[]): Promise<void> {
    for (let i = 0; i < employeeIds.length; i += 500) {
      await db.insertInto('month_close_employees').values(employeeIds.slice(i, i + 500).map((employee_id) => ({ employee_id, month, close_id: closeId, company_id: companyId }))).execute();
    }
  }

  async departments(db: Db, companyId: number): Promise<{ id: number; parent_id: number | null }[]> {
    const rows = await db.selectFrom('departments').select(['id', 'parent_id']).where('company_id', '=', companyId).execute();
    return rows.map((r) => ({ id: Number(r.id), parent_id: r.parent_id === null ? null : Number(r.parent_id) }));
  }

  async confirm(db: Db, row: Row<'month_confirmations'>): Promise<void> {
    await db
      .insertInto('month_confirmations')
      .values(row)
      .onConflict((oc) => oc.columns(['employee_id', 'month']).doUpdateSet({ status: row.status, objection: row.objection, at_ms: row.at_ms }))
      .execute();
  }

  confirmations(companyId: number, month: string): Promise<Row<'month_confirmations'>[]> {
    return this.db.selectFrom('month_confirmations').selectAll().where('company_id', '=', companyId).where('month', '=', month).orderBy('employee_id').execute();
  }
}
