/** SQL of notifications: settings, preferences, who people are and how to reach them, digests, caps. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, NewRow, Row } from '../../db/schema.js';

type Exec = Kysely<DB> | Transaction<DB>;

export interface Person {
  id: number;
  employeeNo: string;
  name: string;
  email: string | null;
  departmentId: number | null;
  managerId: number | null;
  active: boolean;
  /** The language of the person's user account, if any. */
  userLocale: string | null;
  identities: { provider: string; tenant: string; externalId: string }[];
}

export interface ConnectorRef {
  id: number;
  platform: 'dingtalk' | 'wecom';
  corpId: string;
  hasAgent: boolean;
  usable: boolean;
}

export class NotificationsRepo {
  constructor(readonly db: Kysely<DB>) {}

  settings(companyId: number, exec: Exec = this.db): Promise<Row<'notification_settings'> | undefined> {
    return exec.selectFrom('notification_settings').selectAll().where('company_id', '=', companyId).executeTakeFirst();
  }

  allSettings(): Promise<Row<'notification_settings'>[]> {
    return this.db.selectFrom('notification_settings').selectAll().execute();
  }

  async saveSettings(trx: Exec, row: NewRow<'notification_settings'>): Promise<void> {
    const { company_id, ...rest } = row;
    await trx.insertInto('notification_settings').values(row).onConflict((oc) => oc.column('company_id').doUpdateSet(rest)).execute();
  }

  async companyZone(companyId: number, exec: Exec = this.db): Promise<string | null> {
    return (await exec.selectFrom('companies').select('time_zone').where('id', '=', companyId).executeTakeFirst())?.time_zone ?? null;
  }

  preferences(employeeIds: number[], exec: Exec = this.db): Promise<Row<'notification_preferences'>[]> {
    if (!employeeIds.length) return Promise.resolve([]);
    return exec.selectFrom('notification_preferences').selectAll().where('employee_id', 'in', employeeIds).execute();
  }

  async savePreference(trx: Exec, row: NewRow<'notification_preferences'>): Promise<void> {
    const { employee_id, ...rest } = row;
    await trx.insertInto('notification_preferences').values(row).onConflict((oc) => oc.column('employee_id').doUpdateSet(rest)).execute();
  }

  /** The people of a company by id, with their identities and their user's language. */
  async people(companyId: number, ids: number[], exec: Exec = this.db): Promise<Map<number, Person>> {
    const out = new Map<number, Person>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 500) {
      const chunk = unique.slice(i, i + 500);
      const [rows, links, users] = await Promise.all([
        exec.selectFrom('employees').select(['id', 'job_number', 'name', 'email', 'department_id', 'manager_id', 'status']).where('company_id', '=', companyId).where('id', 'in', chunk).execute(),
        exec.selectFrom('external_identities').select(['employee_id', 'provider', 'tenant', 'external_id']).where('company_id', '=', companyId).where('employee_id', 'in', chunk).orderBy('id').execute(),
        exec.selectFrom('users').select(['employee_id', 'locale']).where('employee_id', 'in', chunk).where('status', '=', 'active').orderBy('id').execute(),
      ]);
      for (const r of rows) {
        out.set(Number(r.id), { id: Number(r.id), employeeNo: r.job_number, name: r.name, email: r.email, departmentId: r.department_id, managerId: r.manager_id, active: r.status === 'active', userLocale: null, identities: [] });
      }
      for (const l of links) out.get(Number(l.employee_id))?.identities.push({ provider: l.provider, tenant: l.tenant, externalId: l.external_id });
      for (const u of users) {
        const p = out.get(Number(u.employee_id));
        if (p && p.userLocale === null) p.userLocale = u.locale;
      }
    }
    return out;
  }

  async connectors(companyId: number, exec: Exec = this.db): Promise<ConnectorRef[]> {
    const rows = await exec.selectFrom('connectors').select(['id', 'platform', 'corp_id', 'agent_id', 'status', 'deleted_at_ms']).where('company_id', '=', companyId).orderBy('id').execute();
    return rows.map((r) => ({ id: Number(r.id), platform: r.platform, corpId: r.corp_id, hasAgent: r.agent_id !== null, usable: r.deleted_at_ms === null && r.status !== 'paused' }));
  }

  /** Whether the settings' notification webhook is an enabled endpoint of the company for notifications. */
  async notificationEndpointOn(s: { companyId: number; webhookEndpointId: number | null }, exec: Exec = this.db): Promise<boolean> {
    if (s.webhookEndpointId === null) return false;
    const r = await exec.selectFrom('webhook_endpoints').select('id').where('id', '=', s.webhookEndpointId).where('company_id', '=', s.companyId).where('purpose', '=', 'notifications').where('enabled', '=', 1).executeTakeFirst();
    return r !== undefined;
  }

  /** A company's own templates (kind, locale, title, body). */
  templates(companyId: number, exec: Exec = this.db) {
    return exec.selectFrom('notification_templates').selectAll().where('company_id', '=', companyId).orderBy('kind').orderBy('locale').execute();
  }

  async saveTemplate(trx: Exec, row: NewRow<'notification_templates'>): Promise<void> {
    const { company_id, kind, locale, ...rest } = row;
    await trx.insertInto('notification_templates').values(row).onConflict((oc) => oc.columns(['company_id', 'kind', 'locale']).doUpdateSet(rest)).execute();
  }

  async deleteTemplate(trx: Exec, companyId: number, kind: string, locale: string): Promise<boolean> {
    const r = await trx.deleteFrom('notification_templates').where('company_id', '=', companyId).where('kind', '=', kind).where('locale', '=', locale).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** The most recent delivery of a kind with its notice kept (for a preview with real data). */
  async lastNoticeOf(companyId: number, kind: string): Promise<{ notice: unknown } | null> {
    const rows = await this.db
      .selectFrom('outbox_deliveries')
      .select('target')
      .where('consumer', '=', 'notifications')
      .where('company_id', '=', companyId)
      .where('target', 'like', `%"kind":"${kind}"%"notice":%`)
      .orderBy('id', 'desc')
      .limit(1)
      .execute();
    if (!rows.length) return null;
    const t = JSON.parse(rows[0].target) as { notice?: unknown };
    return t.notice ? { notice: t.notice } : null;
  }

  departments(companyId: number, exec: Exec = this.db) {
    return exec.selectFrom('departments').select(['id', 'parent_id', 'name', 'manager_employee_id']).where('company_id', '=', companyId).execute();
  }

  /** Employees whose user is HR or an admin of the company: who hears of operations. */
  async staffEmployees(companyId: number, exec: Exec = this.db): Promise<number[]> {
    const rows = await exec
      .selectFrom('users')
      .innerJoin('employees', 'employees.id', 'users.employee_id')
      .select('users.employee_id')
      .where('employees.company_id', '=', companyId)
      .where('users.status', '=', 'active')
      .where('users.role', 'in', ['hr', 'admin'])
      .execute();
    return [...new Set(rows.map((r) => Number(r.employee_id)))];
  }

  /** Requests pending since before `beforeMs`, oldest first. */
  pendingRequests(companyId: number, beforeMs: number, limit: number) {
    return this.db
      .selectFrom('requests')
      .innerJoin('employees', 'employees.id', 'requests.employee_id')
      .select(['requests.id', 'requests.employee_id', 'requests.kind', 'requests.created_at_ms', 'employees.name', 'employees.department_id', 'employees.manager_id'])
      .where('requests.company_id', '=', companyId)
      .where('requests.status', '=', 'pending')
      .where('requests.source', 'in', ['web', 'api'])
      .where('requests.created_at_ms', '<', beforeMs)
      .orderBy('requests.id')
      .limit(limit)
      .execute();
  }

  async addDigestItem(item: NewRow<'notification_digest_items'>): Promise<void> {
    await this.db.insertInto('notification_digest_items').values(item).onConflict((oc) => oc.column('item_key').doNothing()).execute();
  }

  unsentDigestItems(managerEmployeeId: number, limit: number) {
    return this.db.selectFrom('notification_digest_items').selectAll().where('manager_employee_id', '=', managerEmployeeId).where('sent_at_ms', 'is', null).orderBy('id').limit(limit).execute();
  }

  async markDigestSent(ids: number[], atMs: number): Promise<void> {
    if (ids.length) await this.db.updateTable('notification_digest_items').set({ sent_at_ms: atMs }).where('id', 'in', ids).execute();
  }

  /** Counts one send for the person's day, unless the cap is reached; true when counted. */
  async takeDailySlot(employeeId: number, date: string, cap: number): Promise<boolean> {
    await this.db.insertInto('notification_counts').values({ employee_id: employeeId, date, sent: 0 }).onConflict((oc) => oc.columns(['employee_id', 'date']).doNothing()).execute();
    const res = await this.db
      .updateTable('notification_counts')
      .set({ sent: sql`sent + 1` })
      .where('employee_id', '=', employeeId)
      .where('date', '=', date)
      .where('sent', '<', cap)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  /** Whether the employee has any punch in [fromMs, toMs). */
  async hasPunch(companyId: number, employeeId: number, fromMs: number, toMs: number): Promise<boolean> {
    const r = await this.db.selectFrom('checkins').select('id').where('company_id', '=', companyId).where('employee_id', '=', employeeId).where('at_ms', '>=', fromMs).where('at_ms', '<', toMs).limit(1).executeTakeFirst();
    return r !== undefined;
  }
}
