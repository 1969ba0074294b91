/** SQL of webhook endpoints. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, NewRow, Row, RowPatch } from '../../db/schema.js';

export type EndpointRow = Row<'webhook_endpoints'>;
type Exec = Kysely<DB> | Transaction<DB>;

export class WebhooksRepo {
  /** `channel`: the NOTIFY channel other instances listen on (PostgreSQL), null on SQLite. */
  constructor(
    private readonly db: Kysely<DB>,
    private readonly channel: string | null = null,
  ) {}

  /** Tells every instance, once `db`'s transaction commits, that the subscriptions changed. */
  async notifyChanged(db: Exec): Promise<void> {
    if (this.channel) await sql`select pg_notify(${this.channel}, '')`.execute(db);
  }

  async enabledSummary(purpose: EndpointRow['purpose']): Promise<Pick<EndpointRow, 'company_id' | 'event_types'>[]> {
    return this.db.selectFrom('webhook_endpoints').select(['company_id', 'event_types']).where('enabled', '=', 1).where('purpose', '=', purpose).execute();
  }

  async enabledForCompanies(db: Exec, companyIds: number[], purpose: EndpointRow['purpose']): Promise<EndpointRow[]> {
    if (!companyIds.length) return [];
    return db.selectFrom('webhook_endpoints').selectAll().where('company_id', 'in', companyIds).where('enabled', '=', 1).where('purpose', '=', purpose).orderBy('id').execute();
  }

  async get(id: number, db: Exec = this.db): Promise<EndpointRow | undefined> {
    return db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async list(companyIds: number[] | null, limit: number, offset: number): Promise<EndpointRow[]> {
    let q = this.db.selectFrom('webhook_endpoints').selectAll();
    if (companyIds) q = q.where('company_id', 'in', companyIds.length ? companyIds : [-1]);
    return q.orderBy('company_id').orderBy('id').limit(limit).offset(offset).execute();
  }

  async count(companyIds: number[] | null): Promise<number> {
    let q = this.db.selectFrom('webhook_endpoints').select((eb) => eb.fn.countAll().as('n'));
    if (companyIds) q = q.where('company_id', 'in', companyIds.length ? companyIds : [-1]);
    return Number((await q.executeTakeFirst())?.n ?? 0);
  }

  async countForCompany(db: Exec, companyId: number): Promise<number> {
    const r = await db.selectFrom('webhook_endpoints').select((eb) => eb.fn.countAll().as('n')).where('company_id', '=', companyId).executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  async insert(db: Exec, row: NewRow<'webhook_endpoints'>): Promise<EndpointRow> {
    return db.insertInto('webhook_endpoints').values(row).returningAll().executeTakeFirstOrThrow();
  }

  async update(db: Exec, id: number, patch: RowPatch<'webhook_endpoints'>): Promise<EndpointRow> {
    return db.updateTable('webhook_endpoints').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  /** Disables an enabled endpoint; false when it was disabled already (another instance did it). */
  async disable(db: Exec, id: number, reason: string, nowMs: number): Promise<boolean> {
    const r = await db.updateTable('webhook_endpoints').set({ enabled: 0, disabled_reason: reason, disabled_at_ms: nowMs, updated_at_ms: nowMs }).where('id', '=', id).where('enabled', '=', 1).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** A month close's status (closed, reopened), or null when there is no such close. */
  async monthCloseStatus(companyId: number, closeId: number): Promise<string | null> {
    const r = await this.db.selectFrom('month_closes').select('status').where('id', '=', closeId).where('company_id', '=', companyId).executeTakeFirst();
    return r?.status ?? null;
  }

  async companyCode(companyId: number): Promise<string | null> {
    const r = await this.db.selectFrom('companies').select('code').where('id', '=', companyId).executeTakeFirst();
    return r?.code ?? null;
  }

  async delete(db: Exec, id: number): Promise<void> {
    await db.deleteFrom('webhook_endpoints').where('id', '=', id).execute();
  }
}
