/**
 * The outbox's contract with its consumers. Producers append events inside the transaction of the
 * change they describe; each consumer turns events into deliveries (planned, deduplicated, then
 * sent with retries by the delivery loop). Notifications, webhooks, payroll delivery and project
 * worklogs are consumers; none of them sends anything outside this path.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { EVENT_TYPES, type EventType } from '../../shared/enums.js';

/** Every event type Daka emits (listed in src/shared/enums.ts, which the web's selects read too). */
export { EVENT_TYPES, type EventType };

/** What a producer says happened. */
export interface NewEvent {
  companyId: number;
  type: EventType;
  /** What the event is about, for per-subject ordering: `employee:42`, `device:7`. */
  subject?: string | null;
  payload: Record<string, unknown>;
  occurredAtMs: number;
}

/** An event as consumers see it. */
export interface OutboxEvent extends NewEvent {
  seq: number;
  eventId: string;
}

export interface PlannedDelivery {
  companyId: number;
  eventId: string | null;
  /** Unique per consumer: the same key planned twice is one delivery. */
  dedupeKey: string;
  orderingKey?: string | null;
  target: Record<string, unknown>;
  /** Not before this instant (quiet hours, reminders for later). Default: now. */
  notBeforeMs?: number;
}

export interface Delivery {
  id: number;
  consumer: string;
  companyId: number;
  eventId: string | null;
  dedupeKey: string;
  target: Record<string, unknown>;
  /** 1 for the first try. */
  attempt: number;
  createdAtMs: number;
}

export type DeliveryOutcome =
  | { kind: 'delivered'; responseStatus?: number | null; remoteId?: string | null }
  /** Worth trying again later (timeouts, 5xx, rate limits). `retryAfterMs` when the target said when. */
  | { kind: 'failed'; error: string; responseStatus?: number | null; retryAfterMs?: number }
  /** Will never succeed as it is (a 4xx that is not a rate limit, a person not linked): no retry. */
  | { kind: 'rejected'; error: string; responseStatus?: number | null };

export interface RetryPolicy {
  /** First retry after about this long; each next one doubles, with jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Give up (status `dead`) once the first attempt is this old and a retry would fall past it. */
  maxAgeMs: number;
  maxAttempts: number;
}

/** Expands rows that stand for many events (see Outbox.expandWith). */
export interface OutboxExpander {
  /** How many events the row stands for when it is this expander's, else null. */
  size(e: OutboxEvent): number | null;
  /** The events of each row (all this expander's), in the dispatch transaction. */
  expand(rows: OutboxEvent[], trx: Transaction<DB>): Promise<OutboxEvent[][]>;
}

export interface OutboxConsumer {
  readonly name: string;
  readonly retry: RetryPolicy;
  /** How many sends of this consumer may be in flight at once on one instance. */
  readonly concurrency: number;
  /**
   * When a successful send is recorded. `each` (the default): as soon as it returns, so a process
   * killed mid-batch re-sends only what was truly in flight; for messages a person reads, where a
   * repeat is a second message. `batch`: once per claimed batch, one write instead of one per send;
   * for receivers that deduplicate on the stable event id (webhooks), where a repeat costs nothing.
   */
  readonly settle?: 'each' | 'batch';
  /**
   * Cheap and synchronous (cached): whether this consumer may want events of this type for this
   * company. When no consumer wants an event it is not written at all, so an unused outbox costs
   * the hot paths (ingest, recompute) nothing.
   */
  wants(companyId: number, type: EventType): boolean;
  /** Turns a batch of events into deliveries. Runs inside the dispatch transaction: read only. */
  plan(events: OutboxEvent[], trx: Transaction<DB> | Kysely<DB>): Promise<PlannedDelivery[]>;
  /** Sends one delivery. Must not throw for an expected failure: return the outcome. */
  send(delivery: Delivery): Promise<DeliveryOutcome>;
  /** Called once when a delivery is given up on (status `dead`), e.g. to disable an endpoint. */
  onDead?(delivery: Delivery, lastError: string): Promise<void>;
}
