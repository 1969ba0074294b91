/** SQL of WeCom leave schedules: which connectors mirror leave, the request, and the schedule_id mapping. */
import type { Kysely, Transaction } from 'kysely';
import type { DB, Row } from '../../db/schema.js';

type Exec = Kysely<DB> | Transaction<DB>;
export type LeaveScheduleRow = Row<'wecom_leave_schedules'>;

const LEAVE_CALENDAR = 'wecom-leave-calendar';

export class LeaveSchedulesRepo {
  constructor(private readonly db: Kysely<DB>) {}

  /** WeCom connectors of these companies that are not deleted, with their settings (JSON). */
  async wecomConnectors(db: Exec, companyIds: number[]): Promise<Pick<Row<'connectors'>, 'id' | 'company_id' | 'settings'>[]> {
    if (!companyIds.length) return [];
    return db.selectFrom('connectors').select(['id', 'company_id', 'settings']).where('company_id', 'in', companyIds).where('platform', '=', 'wecom').where('deleted_at_ms', 'is', null).orderBy('id').execute();
  }

  async connector(id: number): Promise<Row<'connectors'> | undefined> {
    return this.db.selectFrom('connectors').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async request(id: number): Promise<Row<'requests'> | undefined> {
    return this.db.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async leaveTypeName(companyId: number, code: string): Promise<string | null> {
    const r = await this.db.selectFrom('leave_types').select('name').where('company_id', '=', companyId).where('code', '=', code).executeTakeFirst();
    return r?.name ?? null;
  }

  async companyZone(companyId: number): Promise<string | null> {
    const r = await this.db.selectFrom('companies').select('time_zone').where('id', '=', companyId).executeTakeFirst();
    return r?.time_zone ?? null;
  }

  /** The employee's user id on the connector's corp (its first link), or null. */
  async externalUserId(connector: Pick<Row<'connectors'>, 'company_id' | 'platform' | 'corp_id'>, employeeId: number): Promise<string | null> {
    const r = await this.db
      .selectFrom('external_identities')
      .select('external_id')
      .where('company_id', '=', connector.company_id)
      .where('provider', '=', connector.platform)
      .where('tenant', '=', connector.corp_id)
      .where('employee_id', '=', employeeId)
      .orderBy('id')
      .executeTakeFirst();
    return r?.external_id ?? null;
  }

  async mapping(connectorId: number, requestId: number): Promise<LeaveScheduleRow | undefined> {
    return this.db.selectFrom('wecom_leave_schedules').selectAll().where('connector_id', '=', connectorId).where('request_id', '=', requestId).executeTakeFirst();
  }

  /** Records what the schedule of a request now is (insert or replace). */
  async save(row: LeaveScheduleRow): Promise<void> {
    await this.db
      .insertInto('wecom_leave_schedules')
      .values(row)
      .onConflict((oc) => oc.columns(['connector_id', 'request_id']).doUpdateSet({ schedule_id: row.schedule_id, content_hash: row.content_hash, status: row.status, employee_id: row.employee_id, updated_at_ms: row.updated_at_ms, add_marker: row.add_marker }))
      .execute();
  }

  /** The connector's own WeCom calendar for leave schedules (its cal_id), or null before the first. */
  async leaveCalendar(connectorId: number): Promise<string | null> {
    const r = await this.db.selectFrom('connector_cursors').select('cursor').where('connector_id', '=', connectorId).where('kind', '=', LEAVE_CALENDAR).executeTakeFirst();
    return r ? ((JSON.parse(r.cursor) as { calId?: string }).calId ?? null) : null;
  }

  /** Keeps the first calendar stored for the connector (a concurrent second one stays unused); returns the kept one. */
  async keepLeaveCalendar(connectorId: number, calId: string, atMs: number): Promise<string> {
    await this.db
      .insertInto('connector_cursors')
      .values({ connector_id: connectorId, kind: LEAVE_CALENDAR, cursor: JSON.stringify({ calId }), updated_at_ms: atMs })
      .onConflict((oc) => oc.columns(['connector_id', 'kind']).doNothing())
      .execute();
    return (await this.leaveCalendar(connectorId)) ?? calId;
  }
}
