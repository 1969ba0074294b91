/**
 * The outbox of domain events, designed once for every consumer (notifications, webhooks, payroll
 * delivery, project worklogs):
 * - producers `append` events inside the transaction of their change, then `kick` after commit;
 * - the dispatcher turns undispatched events into each consumer's deliveries, deduplicated by key,
 *   in one transaction (on PostgreSQL several instances take disjoint batches);
 * - the delivery loop leases due deliveries, sends them, logs each attempt and retries with
 *   back-off; a lease that outlives its worker (a killed process) lets another instance take over,
 *   so delivery is at-least-once and a receiver deduplicates on the stable event id.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB, Row } from '../../db/schema.js';
import type { JobQueue } from '../../jobs/queue.js';
import { nextAttemptAt } from './backoff.js';
import { Expanders } from './expanders.js';
import { OutboxRepo, type DeliveredRecord, type DeliveryRow, type StampedEvent } from './outbox.repo.js';
import type { Delivery, DeliveryOutcome, EventType, NewEvent, OutboxConsumer, OutboxEvent, OutboxExpander } from './outbox.types.js';

export const DISPATCH_JOB = 'outbox.dispatch';
export const DELIVER_JOB = 'outbox.deliver';
export const SWEEP_JOB = 'outbox.sweep';

export interface OutboxOptions {
  dispatchBatch?: number;
  claimBatch?: number;
  /** A delivery's lease: longer than any single send may take (sends time out well before). */
  leaseMs?: number;
  /** Finished deliveries and dispatched events are kept this long for the logs. */
  retentionMs?: number;
  random?: () => number;
}

export class Outbox {
  readonly repo: OutboxRepo;
  private consumers = new Map<string, OutboxConsumer>();
  private queue: JobQueue | null = null;
  private kickPending = false;
  private readonly opts: Required<OutboxOptions>;

  constructor(
    private readonly db: Kysely<DB>,
    dialect: 'sqlite' | 'postgres',
    private readonly now: () => number,
    opts: OutboxOptions = {},
  ) {
    this.repo = new OutboxRepo(db, dialect);
    this.opts = { dispatchBatch: 500, claimBatch: 100, leaseMs: 60_000, retentionMs: 30 * 86_400_000, random: Math.random, ...opts };
  }

  register(consumer: OutboxConsumer): void {
    if (this.consumers.has(consumer.name)) throw new Error(`outbox consumer ${consumer.name} registered twice`);
    this.consumers.set(consumer.name, consumer);
  }

  consumer(name: string): OutboxConsumer | undefined {
    return this.consumers.get(name);
  }

  wants(companyId: number, type: EventType): boolean {
    for (const c of this.consumers.values()) if (c.wants(companyId, type)) return true;
    return false;
  }

  /**
   * Writes the events some consumer wants, in the caller's transaction. Returns their ids (null for
   * an event nobody wants, which is not written). Call `kick()` once the transaction has committed.
   */
  async append(trx: Kysely<DB> | Transaction<DB>, events: NewEvent[]): Promise<(string | null)[]> {
    const ids = events.map((e) => (this.wants(e.companyId, e.type) ? newEventId() : null));
    const rows = events.flatMap((e, i) => (ids[i] ? [{ ...e, eventId: ids[i]! }] : []));
    if (rows.length) await this.repo.appendEvents(trx, rows);
    return ids;
  }

  /**
   * The events some consumer wants, with their ids, for bulk writers that hold a raw connection
   * (ingest, recompute): they write them with `appendEventsSqlite` / `appendEventsPostgres` in
   * their own transaction, then call `kick()` after commit.
   */
  stamp(events: NewEvent[]): StampedEvent[] {
    const out: StampedEvent[] = [];
    for (const e of events) if (this.wants(e.companyId, e.type)) out.push({ ...e, eventId: newEventId() });
    return out;
  }

  /** Appends outside any other transaction and kicks: for changes that are not themselves a write. */
  async publish(events: NewEvent[]): Promise<(string | null)[]> {
    const ids = await this.append(this.db, events);
    if (ids.some(Boolean)) this.kick();
    return ids;
  }

  /** Asks for a dispatch soon; cheap to call often (one queued job at a time). */
  kick(): void {
    if (!this.queue || this.kickPending) return;
    this.kickPending = true;
    void this.queue
      .send(DISPATCH_JOB, {}, { singletonKey: 'dispatch', retryLimit: 0 })
      .catch(() => {})
      .finally(() => {
        this.kickPending = false;
      });
  }

  private readonly expanders = new Expanders();

  /**
   * Lets a bulk producer write many events as one row (e.g. a recompute chunk's day changes): the
   * expander turns such rows into their events, in the dispatch transaction, before any consumer
   * sees them.
   */
  expandWith(expander: OutboxExpander): void {
    this.expanders.add(expander);
  }

  /** Plans deliveries for one batch of events; returns how many rows it took and whether more may wait. */
  async dispatchOnce(): Promise<{ events: number; deliveries: Record<string, number>; more: boolean }> {
    const added: Record<string, number> = {};
    let more = false;
    const n = await this.db.transaction().execute(async (trx) => {
      const taken = await this.repo.takeUndispatched(trx, this.opts.dispatchBatch);
      if (!taken.length) return 0;
      // A row may stand for many events: take rows until the batch is full (at least one row).
      const rows: typeof taken = [];
      const stored: OutboxEvent[] = [];
      let size = 0;
      for (const r of taken) {
        if (rows.length && size >= this.opts.dispatchBatch) break;
        const e = toEvent(r);
        rows.push(r);
        stored.push(e);
        size += this.expanders.sizeOf(e);
      }
      const events = await this.expanders.expand(stored, trx);
      more = rows.length < taken.length || taken.length === this.opts.dispatchBatch;
      for (const c of this.consumers.values()) {
        const mine = events.filter((e) => c.wants(e.companyId, e.type));
        if (!mine.length) continue;
        const planned = await c.plan(mine, trx);
        added[c.name] = planned.length ? await this.repo.insertDeliveries(trx, c.name, planned, this.now()) : 0;
      }
      await this.repo.markDispatched(
        trx,
        rows.map((r) => Number(r.id)),
        this.now(),
      );
      return rows.length;
    });
    await this.repo.noteInserted(Object.values(added).reduce((a, b) => a + b, 0));
    return { events: n, deliveries: added, more };
  }

  /** Dispatches until nothing is left (bounded by `maxBatches`); then asks the delivery loops to run. */
  async dispatchAll(maxBatches = 1_000): Promise<number> {
    let total = 0;
    const touched = new Set<string>();
    for (let i = 0; i < maxBatches; i++) {
      const r = await this.dispatchOnce();
      total += r.events;
      for (const [name, k] of Object.entries(r.deliveries)) if (k > 0) touched.add(name);
      if (!r.more) break;
    }
    for (const name of touched) await this.requestDelivery(name, 0);
    return total;
  }

  /** Plans deliveries that come from a schedule rather than an event (reminders, digests). */
  async enqueue(consumer: string, planned: Parameters<OutboxRepo['insertDeliveries']>[2], trx?: Transaction<DB>): Promise<number> {
    const added = await this.repo.insertDeliveries(trx ?? this.db, consumer, planned, this.now());
    if (added && !trx) {
      await this.repo.noteInserted(added);
      await this.requestDelivery(consumer, 0);
    }
    return added;
  }

  /**
   * Sends every due delivery of one consumer, `concurrency` at a time, until none is due or
   * `maxRounds` claims were made. Returns how many were attempted.
   */
  async deliverDue(name: string, maxRounds = 10_000): Promise<number> {
    const consumer = this.consumers.get(name);
    if (!consumer) return 0;
    const token = randomUUID();
    let attempted = 0;
    for (let round = 0; round < maxRounds; round++) {
      const batch = await this.repo.claimDue(name, this.now(), Math.max(this.opts.claimBatch, consumer.concurrency), this.opts.leaseMs, token);
      if (!batch.length) break;
      let next = 0;
      const delivered: DeliveredRecord[] = [];
      const worker = async () => {
        while (next < batch.length) await this.sendOne(consumer, batch[next++], token, delivered);
      };
      await Promise.all(Array.from({ length: Math.min(consumer.concurrency, batch.length) }, worker));
      // A batch-settling consumer's successes are logged and settled together: one write per batch.
      await this.repo.settleDelivered(delivered, token);
      attempted += batch.length;
    }
    const due = await this.repo.nextDueAt(name);
    if (due !== null) await this.requestDelivery(name, Math.max(0, due - this.now()));
    return attempted;
  }

  private async sendOne(consumer: OutboxConsumer, row: DeliveryRow, token: string, delivered: DeliveredRecord[]): Promise<void> {
    const delivery: Delivery = {
      id: row.id,
      consumer: row.consumer,
      companyId: row.company_id,
      eventId: row.event_id,
      dedupeKey: row.dedupe_key,
      target: JSON.parse(row.target) as Record<string, unknown>,
      attempt: row.attempts,
      createdAtMs: row.created_at_ms,
    };
    const started = this.now();
    let outcome: DeliveryOutcome;
    try {
      outcome = await consumer.send(delivery);
    } catch (err) {
      outcome = { kind: 'failed', error: err instanceof Error ? err.message : String(err) };
    }
    const finished = this.now();
    const status = 'responseStatus' in outcome ? (outcome.responseStatus ?? null) : null;
    const error = outcome.kind === 'delivered' ? null : outcome.error.slice(0, 500);
    if (outcome.kind === 'delivered') {
      const record: DeliveredRecord = { id: row.id, attempt: row.attempts, startedAtMs: started, durationMs: finished - started, responseStatus: status, remoteId: outcome.remoteId ?? null, finishedAtMs: finished };
      if (consumer.settle === 'batch') delivered.push(record);
      else await this.repo.settleDelivered([record], token);
      return;
    }
    await this.repo.recordAttempt({ deliveryId: row.id, attempt: row.attempts, startedAtMs: started, durationMs: finished - started, outcome: outcome.kind, responseStatus: status, error });
    const first = (await this.repo.firstAttemptAt(row.id)) ?? started;
    const at = outcome.kind === 'failed' ? nextAttemptAt(consumer.retry, row.attempts, first, finished, outcome.retryAfterMs, this.opts.random) : null;
    if (at !== null) {
      await this.repo.settle(row.id, token, { status: 'pending', nextAttemptAtMs: at, error, responseStatus: status });
      return;
    }
    if ((await this.repo.settle(row.id, token, { status: 'dead', error, responseStatus: status, finishedAtMs: finished })) && consumer.onDead) {
      await consumer.onDead(delivery, error ?? 'failed').catch(() => {});
    }
  }

  /** Asks the delivery loop of one consumer to run now (after a manual redelivery). */
  async wake(consumer: string): Promise<void> {
    await this.requestDelivery(consumer, 0);
  }

  private async requestDelivery(consumer: string, delayMs: number): Promise<void> {
    if (!this.queue) return;
    await this.queue.send(DELIVER_JOB, { consumer }, { singletonKey: `deliver:${consumer}`, delayMs, retryLimit: 0 }).catch(() => {});
  }

  /** Registers the jobs where workers run. The sweep is the safety net for lost kicks and leases. */
  async registerJobs(queue: JobQueue): Promise<void> {
    await queue.work(DISPATCH_JOB, async () => {
      await this.dispatchAll();
    });
    await queue.work<{ consumer: string }>(DELIVER_JOB, async ({ consumer }) => {
      await this.deliverDue(consumer);
    }, { concurrency: 4 });
    await queue.work(SWEEP_JOB, async () => {
      if (await this.repo.hasUndispatched()) await this.dispatchAll();
      for (const name of this.consumers.keys()) {
        const due = await this.repo.nextDueAt(name);
        if (due !== null && due <= this.now()) await this.requestDelivery(name, 0);
      }
      await this.repo.prune(this.now() - this.opts.retentionMs);
    });
    await queue.schedule(SWEEP_JOB, '* * * * *');
  }

  /** Producers on every instance kick through the queue, even where no worker runs. */
  attachQueue(queue: JobQueue): void {
    this.queue = queue;
  }
}

let randomPool = Buffer.alloc(0);
let randomOffset = 0;

/**
 * A UUID version 7: 48 bits of milliseconds, then random bits. Ids written together sort together,
 * so the unique index on event_id grows at its right edge instead of at random pages (bulk ingest
 * appends one event per punch; random v4 ids made that insert about three times slower).
 */
export function newEventId(nowMs = Date.now()): string {
  // Random bytes come from a pool: one randomBytes call per id cost more than the rest of ingest.
  if (randomOffset + 10 > randomPool.length) {
    randomPool = randomBytes(10 * 1024);
    randomOffset = 0;
  }
  const b = Buffer.allocUnsafe(16);
  randomPool.copy(b, 6, randomOffset, randomOffset + 10);
  randomOffset += 10;
  b.writeUIntBE(nowMs, 0, 6);
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function toEvent(r: Row<'outbox_events'>): OutboxEvent {
  return {
    seq: Number(r.id),
    eventId: r.event_id,
    companyId: Number(r.company_id),
    type: r.type as EventType,
    subject: r.subject,
    payload: JSON.parse(r.payload) as Record<string, unknown>,
    occurredAtMs: Number(r.occurred_at_ms),
  };
}
