/** SQL of closed months (考勤锁定) and employees' month confirmations (考勤确认). */
import type { Kysely, Transaction } from 'kysely';
import type { DB, Row } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export class MonthCloseRepo {
  constructor(private readonly db: Kysely<DB>) {}

  /** The months (`YYYY-MM`) of a company that are closed now. */
  async closedMonths(companyId: number, db: Db = this.db): Promise<Set<string>> {
    const rows = await db.selectFrom('month_closes').select('month').where('company_id', '=', companyId).where('status', '=', 'closed').execute();
    return new Set(rows.map((r) => r.month));
  }

  current(db: Db, companyId: number, month: string): Promise<Row<'month_closes'> | undefined> {
    return db.selectFrom('month_closes').selectAll().where('company_id', '=', companyId).where('month', '=', month).where('status', '=', 'closed').executeTakeFirst();
  }

  byId(id: number): Promise<Row<'month_closes'> | undefined> {
    return this.db.selectFrom('month_closes').selectAll().where('id', '=', id).executeTakeFirst();
  }

  list(companyId: number, limit: number): Promise<Row<'month_closes'>[]> {
    return this.db.selectFrom('month_closes').selectAll().where('company_id', '=', companyId).orderBy('month', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  insert(db: Db, row: Omit<Row<'month_closes'>, 'id'>): Promise<Row<'month_closes'>> {
    return db.insertInto('month_closes').values(row).returningAll().executeTakeFirstOrThrow();
  }

  /** Reopens only a closed row: two concurrent reopens change it once. */
  reopen(db: Db, id: number, atMs: number, userId: number | null, reason: string): Promise<Row<'month_closes'> | undefined> {
    return db
      .updateTable('month_closes')
      .set({ status: 'reopened', reopened_at_ms: atMs, reopened_by_user_id: userId, reopen_reason: reason })
      .where('id', '=', id)
      .where('status', '=', 'closed')
      .returningAll()
      .executeTakeFirst();
  }

  async activeEmployeeCount(db: Db, companyId: number, monthStart: string, monthEnd: string): Promise<number> {
    const r = await db
      .selectFrom('employees')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('company_id', '=', companyId)
      .where((eb) => eb.or([eb('hire_date', 'is', null), eb('hire_date', '<=', monthEnd)]))
      .where((eb) => eb.or([eb('leave_date', 'is', null), eb('leave_date', '>=', monthStart)]))
      .executeTakeFirstOrThrow();
    return Number(r.n);
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
