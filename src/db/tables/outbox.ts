/** The outbox of domain events and the deliveries its consumers make of them. */
import type { Generated } from 'kysely';
import type { Id, Json } from './core.js';

export interface OutboxEventsTable {
  id: Id;
  /** Stable, globally unique (UUID): what receivers deduplicate on. */
  event_id: string;
  company_id: number;
  type: string;
  /** What the event is about (`employee:42`, `device:7`): deliveries about one subject keep their order. */
  subject: string | null;
  /** JSON body of the event. */
  payload: Json;
  occurred_at_ms: number;
  /** Null until every consumer has planned its deliveries for the event. */
  dispatched_at_ms: number | null;
}

export interface OutboxDeliveriesTable {
  id: Id;
  /** The consumer that owns it: 'webhooks', 'notifications', 'payroll', … */
  consumer: string;
  company_id: number;
  /** Null for deliveries planned from a schedule rather than from an event (reminders). */
  event_id: string | null;
  /** Unique per consumer: planning the same thing twice makes one delivery. */
  dedupe_key: string;
  /** Deliveries with the same key go out one at a time, in id order (e.g. endpoint + employee). */
  ordering_key: string | null;
  /** JSON: what the consumer needs to send it (target, rendered content, …). */
  target: Json;
  status: 'pending' | 'delivered' | 'dead' | 'cancelled';
  /** 1 while an earlier pending delivery has the same ordering key (migration 0030); claims take heads (0) only. */
  waiting: Generated<number>;
  attempts: number;
  next_attempt_at_ms: number;
  /** A worker holds the delivery until then; past it, another may take it over. */
  lease_until_ms: number | null;
  lease_token: string | null;
  last_error: string | null;
  last_response_status: number | null;
  /** The receiving platform's own id for what was sent (a message or task id). */
  remote_id: string | null;
  created_at_ms: number;
  finished_at_ms: number | null;
}

export interface OutboxAttemptsTable {
  id: Id;
  delivery_id: number;
  attempt: number;
  started_at_ms: number;
  duration_ms: number;
  outcome: 'delivered' | 'failed' | 'rejected';
  response_status: number | null;
  error: string | null;
}
