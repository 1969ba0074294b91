/**
 * SQL of the connectors module: connectors, their cursors, runs, metered usage, callback nonces,
 * the identities connectors resolve employees by, and reconciliation differences. Sealed secrets
 * pass through here untouched; nothing here opens them.
 */
import type { Kysely } from 'kysely';
import type { DB, NewRow, Row } from '../../db/schema.js';
import { countRows } from '../../db/count.js';

export type ConnectorRow = Row<'connectors'>;
export type RunRow = Row<'connector_runs'>;
export type RunKind = RunRow['kind'];

export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (text === null || text === undefined || text === '') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export class ConnectorsRepo {
  constructor(private readonly db: Kysely<DB>) {}

  /** A live connector; a deleted one is not found. */
  find(id: number, db: Kysely<DB> = this.db): Promise<ConnectorRow | undefined> {
    return db.selectFrom('connectors').selectAll().where('id', '=', id).where('deleted_at_ms', 'is', null).executeTakeFirst();
  }

  /** A connector, deleted or not (its run history outlives it). */
  findWithDeleted(id: number): Promise<ConnectorRow | undefined> {
    return this.db.selectFrom('connectors').selectAll().where('id', '=', id).executeTakeFirst();
  }

  list(companyIds: number[] | null, companyId?: number): Promise<ConnectorRow[]> {
    let q = this.db.selectFrom('connectors').selectAll().where('deleted_at_ms', 'is', null);
    if (companyIds) q = q.where('company_id', 'in', companyIds.length ? companyIds : [-1]);
    if (companyId !== undefined) q = q.where('company_id', '=', companyId);
    return q.orderBy('id').execute();
  }

  active(): Promise<ConnectorRow[]> {
    return this.db.selectFrom('connectors').selectAll().where('status', '!=', 'paused').where('deleted_at_ms', 'is', null).orderBy('id').execute();
  }

  async insert(db: Kysely<DB>, row: NewRow<'connectors'>): Promise<ConnectorRow> {
    return db.insertInto('connectors').values(row).returningAll().executeTakeFirstOrThrow();
  }

  async update(db: Kysely<DB>, id: number, patch: Partial<Omit<ConnectorRow, 'id'>>): Promise<ConnectorRow> {
    return db.updateTable('connectors').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  /** Health only: updated_at_ms tracks configuration (the client cache keys on it). */
  async setHealth(id: number, status: 'active' | 'error', lastError: string | null, trx: Kysely<DB> = this.db): Promise<void> {
    // A paused connector stays paused whatever a run reports.
    await trx.updateTable('connectors').set({ status, last_error: lastError }).where('id', '=', id).where('status', '!=', 'paused').where('deleted_at_ms', 'is', null).execute();
  }

  /**
   * Turns the connector into a tombstone: paused, secrets overwritten, sync cursors, callback
   * nonces and open reconciliation differences gone. Runs and metered usage stay (history).
   */
  async tombstone(db: Kysely<DB>, id: number, now: number): Promise<void> {
    await db.updateTable('connectors').set({ status: 'paused', secrets_sealed: '', last_error: null, deleted_at_ms: now, updated_at_ms: now }).where('id', '=', id).execute();
    await db.deleteFrom('connector_cursors').where('connector_id', '=', id).execute();
    await db.deleteFrom('callback_nonces').where('connector_id', '=', id).execute();
    await db.deleteFrom('reconciliation_diffs').where('connector_id', '=', id).where('resolved_at_ms', 'is', null).execute();
  }

  // ── cursors ────────────────────────────────────────────────────────────────

  async getCursor<T>(connectorId: number, kind: string): Promise<T | null> {
    const row = await this.db.selectFrom('connector_cursors').select('cursor').where('connector_id', '=', connectorId).where('kind', '=', kind).executeTakeFirst();
    return row ? parseJson<T | null>(row.cursor, null) : null;
  }

  async putCursor(connectorId: number, kind: string, value: unknown, now: number): Promise<void> {
    const cursor = JSON.stringify(value);
    await this.db
      .insertInto('connector_cursors')
      .values({ connector_id: connectorId, kind, cursor, updated_at_ms: now })
      .onConflict((oc) => oc.columns(['connector_id', 'kind']).doUpdateSet({ cursor, updated_at_ms: now }))
      .execute();
  }

  // ── runs ───────────────────────────────────────────────────────────────────

  async startRun(connectorId: number, kind: RunKind, params: unknown, now: number): Promise<number> {
    const row = await this.db
      .insertInto('connector_runs')
      .values({ connector_id: connectorId, kind, status: 'running', params: JSON.stringify(params ?? null), counts: null, error: null, started_at_ms: now, finished_at_ms: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async progressRun(id: number, counts: unknown): Promise<void> {
    await this.db.updateTable('connector_runs').set({ counts: JSON.stringify(counts) }).where('id', '=', id).execute();
  }

  async finishRun(id: number, status: 'succeeded' | 'failed', counts: unknown, error: string | null, now: number, trx: Kysely<DB> = this.db): Promise<void> {
    await trx.updateTable('connector_runs').set({ status, counts: JSON.stringify(counts), error, finished_at_ms: now }).where('id', '=', id).execute();
  }

  async runs(connectorId: number, limit: number, offset: number, kind?: RunKind): Promise<{ rows: RunRow[]; total: number }> {
    let base = this.db.selectFrom('connector_runs').where('connector_id', '=', connectorId);
    if (kind) base = base.where('kind', '=', kind);
    const [rows, total] = await Promise.all([
      base.selectAll().orderBy('id', 'desc').limit(limit).offset(offset).execute(),
      countRows(base),
    ]);
    return { rows, total };
  }

  // ── metered usage ──────────────────────────────────────────────────────────

  async addUsage(connectorId: number, month: string, n: number): Promise<number> {
    await this.db
      .insertInto('connector_usage')
      .values({ connector_id: connectorId, month, calls: n })
      .onConflict((oc) => oc.columns(['connector_id', 'month']).doUpdateSet((eb) => ({ calls: eb('connector_usage.calls', '+', n) })))
      .execute();
    return this.usage(connectorId, month);
  }

  async usage(connectorId: number, month: string): Promise<number> {
    const row = await this.db.selectFrom('connector_usage').select('calls').where('connector_id', '=', connectorId).where('month', '=', month).executeTakeFirst();
    return row ? Number(row.calls) : 0;
  }

  /**
   * Counts one call of a day-capped API unless the day's count has reached `limit`; false when it
   * has (one statement, so concurrent callers on several instances never pass the cap together).
   */
  async takeDailyCall(connectorId: number, day: string, api: string, limit: number): Promise<boolean> {
    const row = await this.db
      .insertInto('connector_daily_calls')
      .values({ connector_id: connectorId, day, api, calls: 1 })
      .onConflict((oc) =>
        oc
          .columns(['connector_id', 'day', 'api'])
          .doUpdateSet((eb) => ({ calls: eb('connector_daily_calls.calls', '+', 1) }))
          .where('connector_daily_calls.calls', '<', limit),
      )
      .returning('calls')
      .executeTakeFirst();
    return row !== undefined;
  }

  async dailyCalls(connectorId: number, day: string, api: string): Promise<number> {
    const row = await this.db.selectFrom('connector_daily_calls').select('calls').where('connector_id', '=', connectorId).where('day', '=', day).where('api', '=', api).executeTakeFirst();
    return row ? Number(row.calls) : 0;
  }

  // ── callback nonces ────────────────────────────────────────────────────────

  /** true when the key is new (and now remembered); false for a replay. */
  async rememberNonce(connectorId: number, key: string, atMs: number): Promise<boolean> {
    const r = await this.db
      .insertInto('callback_nonces')
      .values({ connector_id: connectorId, nonce: key, at_ms: atMs })
      .onConflict((oc) => oc.columns(['connector_id', 'nonce']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  async sweepNonces(connectorId: number, beforeMs: number): Promise<void> {
    await this.db.deleteFrom('callback_nonces').where('connector_id', '=', connectorId).where('at_ms', '<', beforeMs).execute();
  }

  // ── identities of a connector ──────────────────────────────────────────────

  /** external id → employee id for the connector's identity space (provider + corpId). */
  async identityMap(companyId: number, provider: string, tenant: string, db: Kysely<DB> = this.db): Promise<Map<string, number>> {
    const rows = await db
      .selectFrom('external_identities')
      .select(['external_id', 'employee_id'])
      .where('company_id', '=', companyId)
      .where('provider', '=', provider)
      .where('tenant', '=', tenant)
      .execute();
    return new Map(rows.map((r) => [r.external_id, r.employee_id]));
  }

  /** The ids among `employeeIds` that are employees of the company. */
  async companyEmployeeIds(companyId: number, employeeIds: number[]): Promise<number[]> {
    const rows = await this.db.selectFrom('employees').select('id').where('company_id', '=', companyId).where('id', 'in', employeeIds).execute();
    return rows.map((r) => r.id);
  }

  /** The identities of some employees in the connector's identity space (provider + corpId), oldest first. */
  employeeIdentities(companyId: number, provider: string, tenant: string, employeeIds: number[]): Promise<{ employee_id: number; external_id: string }[]> {
    return this.db
      .selectFrom('external_identities')
      .select(['employee_id', 'external_id'])
      .where('company_id', '=', companyId)
      .where('provider', '=', provider)
      .where('tenant', '=', tenant)
      .where('employee_id', 'in', employeeIds)
      .orderBy('id')
      .execute();
  }


  // ── companies ──────────────────────────────────────────────────────────────

  // ── reconciliation ─────────────────────────────────────────────────────────

  async replaceDiffs(connectorId: number, fromDate: string, toDate: string, rows: NewRow<'reconciliation_diffs'>[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('reconciliation_diffs')
        .where('connector_id', '=', connectorId)
        .where('date', '>=', fromDate)
        .where('date', '<=', toDate)
        .where('resolved_at_ms', 'is', null)
        .execute();
      for (let i = 0; i < rows.length; i += 300) await trx.insertInto('reconciliation_diffs').values(rows.slice(i, i + 300)).execute();
    });
  }

  async diffs(connectorId: number, q: { fromDate?: string; toDate?: string; kind?: string; employeeId?: number; limit: number; offset: number }) {
    let base = this.db.selectFrom('reconciliation_diffs').where('connector_id', '=', connectorId).where('resolved_at_ms', 'is', null);
    if (q.fromDate) base = base.where('date', '>=', q.fromDate);
    if (q.toDate) base = base.where('date', '<=', q.toDate);
    if (q.kind) base = base.where('kind', '=', q.kind as Row<'reconciliation_diffs'>['kind']);
    if (q.employeeId !== undefined) base = base.where('employee_id', '=', q.employeeId);
    const [rows, total] = await Promise.all([
      base.selectAll().orderBy('date').orderBy('external_user_id').limit(q.limit).offset(q.offset).execute(),
      countRows(base),
    ]);
    return { rows, total };
  }
}
