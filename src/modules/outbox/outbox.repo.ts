/** SQL of the outbox: events, deliveries (planned once, claimed under a lease) and attempts. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, Row } from '../../db/schema.js';
import type { NewEvent, PlannedDelivery } from './outbox.types.js';
import { inTransaction, promoteHeads } from './delivery-heads.repo.js';
import { settleDeliveredBatch, type DeliveredRecord } from './delivery-settle.repo.js';

export type { StampedEvent } from './outbox-append.repo.js';

type Exec = Kysely<DB> | Transaction<DB>;
const INSERT_CHUNK = 200;
/** Deliveries planned in this process between two refreshes of the table's statistics (PostgreSQL). */
const ANALYZE_AFTER_INSERTS = 10_000;

export type DeliveryRow = Row<'outbox_deliveries'>;

export type { DeliveredRecord } from './delivery-settle.repo.js';

export interface DeliveryFilter {
  companyId: number;
  consumer: string;
  status?: DeliveryRow['status'];
  eventId?: string;
  /** Matches the start of the ordering key (e.g. an endpoint's prefix). */
  orderingPrefix?: string;
  /** Matches the start of the dedupe key (a consumer's per-target prefix). */
  dedupePrefix?: string;
  beforeId?: number;
  limit: number;
}

export class OutboxRepo {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly dialect: 'sqlite' | 'postgres',
  ) {}

  async appendEvents(trx: Exec, events: (NewEvent & { eventId: string })[]): Promise<void> {
    for (let i = 0; i < events.length; i += INSERT_CHUNK) {
      await trx
        .insertInto('outbox_events')
        .values(
          events.slice(i, i + INSERT_CHUNK).map((e) => ({
            event_id: e.eventId,
            company_id: e.companyId,
            type: e.type,
            subject: e.subject ?? null,
            payload: JSON.stringify(e.payload),
            occurred_at_ms: e.occurredAtMs,
            dispatched_at_ms: null,
          })),
        )
        .execute();
    }
  }

  /** The oldest undispatched events; on PostgreSQL locked for this transaction and skipped by others. */
  async takeUndispatched(trx: Transaction<DB>, limit: number): Promise<Row<'outbox_events'>[]> {
    let q = trx.selectFrom('outbox_events').selectAll().where('dispatched_at_ms', 'is', null).orderBy('id').limit(limit);
    if (this.dialect === 'postgres') q = q.forUpdate().skipLocked();
    return q.execute();
  }

  async markDispatched(trx: Transaction<DB>, ids: number[], nowMs: number): Promise<void> {
    if (ids.length) await trx.updateTable('outbox_events').set({ dispatched_at_ms: nowMs }).where('id', 'in', ids).execute();
  }

  /**
   * Inserts what is not planned yet; returns how many were new. A delivery with an ordering key
   * is stored waiting, and its key's head is then promoted (see delivery-heads.repo.ts).
   */
  async insertDeliveries(db: Exec, consumer: string, planned: PlannedDelivery[], nowMs: number): Promise<number> {
    return inTransaction(db, async (trx) => {
      let added = 0;
      const keys: (string | null)[] = [];
      for (let i = 0; i < planned.length; i += INSERT_CHUNK) {
        const rows = await trx
          .insertInto('outbox_deliveries')
          .values(
            planned.slice(i, i + INSERT_CHUNK).map((p) => ({
              consumer,
              company_id: p.companyId,
              event_id: p.eventId,
              dedupe_key: p.dedupeKey,
              ordering_key: p.orderingKey ?? null,
              target: JSON.stringify(p.target),
              status: 'pending' as const,
              waiting: p.orderingKey ? 1 : 0,
              attempts: 0,
              next_attempt_at_ms: p.notBeforeMs ?? nowMs,
              created_at_ms: nowMs,
            })),
          )
          .onConflict((oc) => oc.columns(['consumer', 'dedupe_key']).doNothing())
          .returning(['id', 'ordering_key'])
          .execute();
        added += rows.length;
        for (const r of rows) keys.push(r.ordering_key);
      }
      await promoteHeads(trx, this.dialect, consumer, keys);
      return added;
    });
  }

  private insertedSinceAnalyze = 0;

  /**
   * After many deliveries were planned at once, refreshes PostgreSQL's statistics of the table
   * instead of waiting for autovacuum: with a table grown from a few rows to many, stale estimates
   * make claimDue check each delivery's earlier ones through the wrong index, and a claim that
   * takes milliseconds took seconds until the next automatic analyze.
   */
  async noteInserted(count: number): Promise<void> {
    if (this.dialect !== 'postgres' || count <= 0) return;
    this.insertedSinceAnalyze += count;
    if (this.insertedSinceAnalyze < ANALYZE_AFTER_INSERTS) return;
    this.insertedSinceAnalyze = 0;
    await sql`analyze outbox_deliveries`.execute(this.db);
  }

  /**
   * Leases up to `limit` due deliveries of one consumer. A delivery with an ordering key is taken
   * only while no earlier pending delivery has the same key, so one subject's deliveries leave one
   * at a time and in order. The outer condition repeats the lease test: on PostgreSQL a row that
   * another instance leased meanwhile is re-checked after its commit and skipped.
   */
  async claimDue(consumer: string, nowMs: number, limit: number, leaseMs: number, token: string): Promise<DeliveryRow[]> {
    // The pick runs once, as a materialized CTE: inside `id in (subquery)` PostgreSQL may re-run a
    // LIMIT … SKIP LOCKED subquery and lease far more than `limit` rows, starving other instances.
    const lock = this.dialect === 'postgres' ? sql`for update skip locked` : sql``;
    const materialized = this.dialect === 'postgres' ? sql`materialized` : sql``;
    // On SQLite the due-time index made the planner sort every pending row on each claim (quadratic
    // over a large backlog); `+column` keeps that index out, so the pick walks (consumer, id) in
    // order and stops at the limit.
    const dueColumn = this.dialect === 'sqlite' ? sql`+d.next_attempt_at_ms` : sql`d.next_attempt_at_ms`;
    const res = await sql<DeliveryRow>`
      with picked as ${materialized} (
        select d.id from outbox_deliveries d
        where d.consumer = ${consumer} and d.status = 'pending' and d.waiting = 0 and ${dueColumn} <= ${nowMs}
          and (d.lease_until_ms is null or d.lease_until_ms < ${nowMs})
          and (d.ordering_key is null or not exists (
            select 1 from outbox_deliveries p
            where p.consumer = d.consumer and p.ordering_key = d.ordering_key and p.status = 'pending' and p.id < d.id))
        order by d.id limit ${limit} ${lock}
      )
      update outbox_deliveries set lease_until_ms = ${nowMs + leaseMs}, lease_token = ${token}, attempts = attempts + 1
      where id in (select id from picked) and status = 'pending' and (lease_until_ms is null or lease_until_ms < ${nowMs})
      returning *`.execute(this.db);
    return res.rows.map((r) => ({ ...r, id: Number(r.id), company_id: Number(r.company_id), created_at_ms: Number(r.created_at_ms), next_attempt_at_ms: Number(r.next_attempt_at_ms) }));
  }

  /** Ends or reschedules a leased delivery; false when the lease was lost to another worker. */
  async settle(
    id: number,
    token: string,
    patch: { status: DeliveryRow['status']; nextAttemptAtMs?: number; error?: string | null; responseStatus?: number | null; remoteId?: string | null; finishedAtMs?: number | null },
  ): Promise<boolean> {
    const update = (db: Exec) =>
      db
        .updateTable('outbox_deliveries')
        .set({
          status: patch.status,
          lease_until_ms: null,
          lease_token: null,
          ...(patch.nextAttemptAtMs !== undefined ? { next_attempt_at_ms: patch.nextAttemptAtMs } : {}),
          last_error: patch.error ?? null,
          last_response_status: patch.responseStatus ?? null,
          ...(patch.remoteId !== undefined ? { remote_id: patch.remoteId } : {}),
          finished_at_ms: patch.finishedAtMs ?? null,
        })
        .where('id', '=', id)
        .where('lease_token', '=', token)
        .returning(['consumer', 'ordering_key'])
        .executeTakeFirst();
    // A retry stays its key's head: one statement, no transaction.
    if (patch.status === 'pending') return (await update(this.db)) !== undefined;
    return this.db.transaction().execute(async (trx) => {
      const row = await update(trx);
      if (!row) return false;
      // Its key's next delivery may go once this one no longer waits to be sent.
      await promoteHeads(trx, this.dialect, row.consumer, [row.ordering_key]);
      return true;
    });
  }

  /**
   * Logs and settles a batch of successful sends in one transaction (see settleDeliveredBatch).
   */
  settleDelivered(done: DeliveredRecord[], token: string): Promise<void> {
    return settleDeliveredBatch(this.db, this.dialect, done, token);
  }

  async recordAttempt(a: { deliveryId: number; attempt: number; startedAtMs: number; durationMs: number; outcome: 'delivered' | 'failed' | 'rejected'; responseStatus: number | null; error: string | null }): Promise<void> {
    await this.db
      .insertInto('outbox_attempts')
      .values({ delivery_id: a.deliveryId, attempt: a.attempt, started_at_ms: a.startedAtMs, duration_ms: a.durationMs, outcome: a.outcome, response_status: a.responseStatus, error: a.error })
      .execute();
  }

  async firstAttemptAt(deliveryId: number): Promise<number | null> {
    const r = await this.db.selectFrom('outbox_attempts').select((eb) => eb.fn.min('started_at_ms').as('first')).where('delivery_id', '=', deliveryId).executeTakeFirst();
    return r?.first == null ? null : Number(r.first);
  }

  /** The earliest instant a pending delivery of this consumer becomes due, or null. */
  async nextDueAt(consumer: string): Promise<number | null> {
    const r = await this.db
      .selectFrom('outbox_deliveries')
      .select((eb) => eb.fn.min('next_attempt_at_ms').as('at'))
      .where('consumer', '=', consumer)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return r?.at == null ? null : Number(r.at);
  }

  async hasUndispatched(): Promise<boolean> {
    return !!(await this.db.selectFrom('outbox_events').select('id').where('dispatched_at_ms', 'is', null).limit(1).executeTakeFirst());
  }

  async listDeliveries(f: DeliveryFilter): Promise<DeliveryRow[]> {
    let q = this.db.selectFrom('outbox_deliveries').selectAll().where('company_id', '=', f.companyId).where('consumer', '=', f.consumer);
    if (f.status) q = q.where('status', '=', f.status);
    if (f.eventId) q = q.where('event_id', '=', f.eventId);
    if (f.orderingPrefix) q = q.where('ordering_key', 'like', `${f.orderingPrefix.replace(/[\\%_]/g, '\\$&')}%`);
    if (f.dedupePrefix) q = q.where('dedupe_key', 'like', `${f.dedupePrefix.replace(/[\\%_]/g, '\\$&')}%`);
    if (f.beforeId) q = q.where('id', '<', f.beforeId);
    return q.orderBy('id', 'desc').limit(f.limit).execute();
  }

  async getDelivery(id: number): Promise<DeliveryRow | undefined> {
    return this.db.selectFrom('outbox_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async attempts(deliveryId: number): Promise<Row<'outbox_attempts'>[]> {
    return this.db.selectFrom('outbox_attempts').selectAll().where('delivery_id', '=', deliveryId).orderBy('attempt').execute();
  }

  async event(eventId: string): Promise<Row<'outbox_events'> | undefined> {
    return this.db.selectFrom('outbox_events').selectAll().where('event_id', '=', eventId).executeTakeFirst();
  }

  /** Puts a finished delivery back in line (manual redelivery); the attempt log is kept. */
  async requeue(id: number, nowMs: number): Promise<boolean> {
    const res = await this.db
      .updateTable('outbox_deliveries')
      // A head at once: the claim's own check still keeps it behind earlier pending ones of its key.
      .set({ status: 'pending', waiting: 0, next_attempt_at_ms: nowMs, lease_until_ms: null, lease_token: null, finished_at_ms: null })
      .where('id', '=', id)
      .where('status', 'in', ['delivered', 'dead', 'cancelled'])
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  /**
   * Cancels the pending deliveries of one consumer whose dedupe key starts with `prefix` (an
   * endpoint that was disabled or deleted). Leased ones are left to finish their attempt.
   */
  async cancelPending(consumer: string, prefix: string, nowMs: number, db: Exec = this.db): Promise<number> {
    return inTransaction(db, async (trx) => {
      const rows = await trx
        .updateTable('outbox_deliveries')
        .set({ status: 'cancelled', finished_at_ms: nowMs, last_error: 'cancelled: the endpoint was disabled or removed' })
        .where('consumer', '=', consumer)
        .where('status', '=', 'pending')
        .where('dedupe_key', 'like', `${prefix.replace(/[\\%_]/g, '\\$&')}%`)
        .where((eb) => eb.or([eb('lease_until_ms', 'is', null), eb('lease_until_ms', '<', nowMs)]))
        .returning('ordering_key')
        .execute();
      await promoteHeads(trx, this.dialect, consumer, rows.map((r) => r.ordering_key));
      return rows.length;
    });
  }

  /** Drops what is finished and older than the retention; pending deliveries are never pruned. */
  async prune(beforeMs: number): Promise<{ events: number; deliveries: number }> {
    const d = await this.db.deleteFrom('outbox_deliveries').where('status', '!=', 'pending').where('finished_at_ms', '<', beforeMs).executeTakeFirst();
    const e = await this.db.deleteFrom('outbox_events').where('dispatched_at_ms', '<', beforeMs).executeTakeFirst();
    return { events: Number(e.numDeletedRows), deliveries: Number(d.numDeletedRows) };
  }
}
