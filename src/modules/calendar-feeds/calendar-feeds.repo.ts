/** SQL of calendar feeds and the SEQUENCE of their items. */
import type { Kysely } from 'kysely';
import type { DB, NewRow, Row } from '../../db/schema.js';

export class CalendarFeedsRepo {
  constructor(private readonly db: Kysely<DB>) {}

  insert(row: NewRow<'calendar_feeds'>, db: Kysely<DB> = this.db) {
    return db.insertInto('calendar_feeds').values(row).returningAll().executeTakeFirstOrThrow();
  }

  byTokenHash(hash: string) {
    return this.db.selectFrom('calendar_feeds').selectAll().where('token_hash', '=', hash).where('revoked_at_ms', 'is', null).executeTakeFirst();
  }

  get(id: number) {
    return this.db.selectFrom('calendar_feeds').selectAll().where('id', '=', id).executeTakeFirst();
  }

  list(companyIds: number[] | null, employeeId: number | null) {
    let q = this.db.selectFrom('calendar_feeds').selectAll().where('revoked_at_ms', 'is', null);
    if (companyIds) q = q.where('company_id', 'in', companyIds.length ? companyIds : [-1]);
    if (employeeId !== null) q = q.where('employee_id', '=', employeeId);
    return q.orderBy('id').limit(500).execute();
  }

  async revoke(db: Kysely<DB>, id: number, nowMs: number) {
    await db.updateTable('calendar_feeds').set({ revoked_at_ms: nowMs }).where('id', '=', id).execute();
  }

  employees(companyId: number, ids: number[]) {
    if (!ids.length) return Promise.resolve([] as Pick<Row<'employees'>, 'id' | 'name' | 'department_id' | 'hire_date' | 'leave_date' | 'time_zone' | 'company_id' | 'status'>[]);
    return this.db.selectFrom('employees').select(['id', 'name', 'department_id', 'hire_date', 'leave_date', 'time_zone', 'company_id', 'status']).where('company_id', '=', companyId).where('id', 'in', ids).orderBy('id').execute();
  }

  teamEmployeeIds(companyId: number, departmentIds: number[], limit: number) {
    if (!departmentIds.length) return Promise.resolve([] as number[]);
    return this.db
      .selectFrom('employees')
      .select('id')
      .where('company_id', '=', companyId)
      .where('department_id', 'in', departmentIds)
      .where('status', '=', 'active')
      .orderBy('id')
      .limit(limit)
      .execute()
      .then((rows) => rows.map((r) => r.id));
  }

  leaveTypeNames(companyId: number) {
    return this.db.selectFrom('leave_types').select(['code', 'name']).where('company_id', '=', companyId).execute();
  }

  /** The SEQUENCE of each uid: raised where the hash changed, 0 for new ones; stored in one transaction. */
  async sequences(feedId: number, items: { uid: string; hash: string }[]): Promise<Map<string, number>> {
    return this.db.transaction().execute(async (trx) => {
      const known = new Map((await trx.selectFrom('calendar_feed_items').selectAll().where('feed_id', '=', feedId).execute()).map((r) => [r.uid, r]));
      const out = new Map<string, number>();
      for (const it of items) {
        const k = known.get(it.uid);
        if (!k) {
          await trx.insertInto('calendar_feed_items').values({ feed_id: feedId, uid: it.uid, hash: it.hash, sequence: 0 }).onConflict((oc) => oc.columns(['feed_id', 'uid']).doNothing()).execute();
          out.set(it.uid, 0);
        } else if (k.hash !== it.hash) {
          await trx.updateTable('calendar_feed_items').set({ hash: it.hash, sequence: k.sequence + 1 }).where('feed_id', '=', feedId).where('uid', '=', it.uid).execute();
          out.set(it.uid, k.sequence + 1);
        } else out.set(it.uid, k.sequence);
      }
      return out;
    });
  }
}
