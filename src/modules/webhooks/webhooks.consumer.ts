/**
 * Webhook delivery as an outbox consumer. Each event becomes one delivery per subscribed endpoint:
 * - dedupe key `wh:<endpoint>:<event id>`: planning an event twice makes one delivery;
 * - ordering key `wh:<endpoint>:<subject>`: events about one employee reach one endpoint one at a
 *   time and in order (a failing delivery holds back the later ones about the same employee);
 * - the body is rendered when planned and kept with the delivery, so retries and manual
 *   redeliveries send the same bytes under the same `webhook-id` (the stable event id);
 * - the signature is made at send time (a fresh `webhook-timestamp`), with every valid secret.
 * A delivery given up on (26 hours of failures, or a 410 Gone) disables its endpoint, cancels what
 * was still queued for it and writes an audit record HR sees.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { EgressError, egressRequest } from '../../shared/egress/index.js';
import type { SecretBox } from '../../shared/secret-box.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import { systemActor } from '../auth/actor.js';
import { domainEvent } from '../outbox/event-payloads.js';
import type { Outbox } from '../outbox/outbox.js';
import type { OutboxRepo } from '../outbox/outbox.repo.js';
import type { Delivery, DeliveryOutcome, EventType, OutboxConsumer, OutboxEvent, PlannedDelivery, RetryPolicy } from '../outbox/outbox.types.js';
import { signatureHeaders } from './signing.js';
import type { EndpointRow, WebhooksRepo } from './webhooks.repo.js';

export const WEBHOOKS_CONSUMER = 'webhooks';

/** What a listener learns when an endpoint is disabled after its deliveries kept failing. */
export interface EndpointDisabled {
  endpointId: number;
  companyId: number;
  url: string | null;
  purpose: 'events' | 'payroll';
  reason: string;
  deliveryId: number;
  eventId: string | null;
  atMs: number;
}
export type EndpointDisabledListener = (trx: Transaction<DB>, info: EndpointDisabled) => Promise<void>;

/** Back-off from 30 s doubling to 1 h, for 26 hours: a receiver down for a whole day still gets everything. */
export const WEBHOOK_RETRY: RetryPolicy = { baseDelayMs: 30_000, maxDelayMs: 3_600_000, maxAgeMs: 26 * 3_600_000, maxAttempts: 200 };

export interface WebhookTarget {
  endpointId: number;
  type: EventType;
  body: string;
}

export interface WebhookConsumerOptions {
  timeoutMs?: number;
  concurrency?: number;
  /** How long a cached endpoint (url, secrets) is used before it is read again. */
  endpointCacheMs?: number;
}

/** The envelope receivers get: Standard Webhooks' `type`, `timestamp`, `data`, plus the event id and company. */
export function webhookBody(e: Pick<OutboxEvent, 'eventId' | 'type' | 'companyId' | 'occurredAtMs' | 'payload'>): string {
  return JSON.stringify({ id: e.eventId, type: e.type, timestamp: new Date(e.occurredAtMs).toISOString(), companyId: e.companyId, data: e.payload });
}

export class WebhooksConsumer implements OutboxConsumer {
  readonly name: string = WEBHOOKS_CONSUMER;
  /** Which endpoints this consumer serves (the payroll consumer extends it). */
  protected readonly purpose: 'events' | 'payroll' = 'events';
  readonly retry = WEBHOOK_RETRY;
  readonly concurrency: number;
  /** Receivers deduplicate on `webhook-id`, so settling a batch at once is safe and much cheaper. */
  readonly settle: 'each' | 'batch' = 'batch';
  private subscribed = new Map<number, Set<string>>();
  private endpoints = new Map<number, { row: EndpointRow; secrets: string[]; at: number }>();
  /** Where `webhook.disabled` is announced (in the transaction that disables the endpoint). */
  announce: Outbox | null = null;
  /** Per request, body included; settable for operators' tuning and tests. */
  timeoutMs: number;
  private readonly cacheMs: number;

  constructor(
    protected readonly db: Kysely<DB>,
    protected readonly repo: WebhooksRepo,
    protected readonly outboxRepo: OutboxRepo,
    protected readonly secrets: SecretBox,
    protected readonly audit: AuditRepo,
    protected readonly now: () => number,
    opts: WebhookConsumerOptions = {},
  ) {
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.concurrency = opts.concurrency ?? 64;
    this.cacheMs = opts.endpointCacheMs ?? 5_000;
  }

  /**
   * Reloads which companies subscribe to what. Called after every change on this instance and
   * every 30 s (other instances' changes reach this one's producers within that).
   */
  async refresh(): Promise<void> {
    const next = new Map<number, Set<string>>();
    for (const r of await this.repo.enabledSummary(this.purpose)) {
      const set = next.get(r.company_id) ?? new Set<string>();
      for (const t of JSON.parse(r.event_types) as string[]) set.add(t);
      next.set(r.company_id, set);
    }
    this.subscribed = next;
    this.endpoints.clear();
  }

  startRefreshing(everyMs = 30_000): void {
    setInterval(() => void this.refresh().catch(() => {}), everyMs).unref();
  }

  wants(companyId: number, type: EventType): boolean {
    return this.subscribed.get(companyId)?.has(type) ?? false;
  }

  async plan(events: OutboxEvent[], trx: Kysely<DB>): Promise<PlannedDelivery[]> {
    const endpoints = await this.repo.enabledForCompanies(trx, [...new Set(events.map((e) => e.companyId))], this.purpose);
    const types = new Map(endpoints.map((ep) => [ep.id, new Set(JSON.parse(ep.event_types) as string[])]));
    const out: PlannedDelivery[] = [];
    for (const e of events) {
      const body = webhookBody(e);
      for (const ep of endpoints) {
        if (ep.company_id !== e.companyId || !types.get(ep.id)!.has(e.type)) continue;
        const target: WebhookTarget = { endpointId: ep.id, type: e.type, body };
        out.push({ companyId: e.companyId, eventId: e.eventId, dedupeKey: `wh:${ep.id}:${e.eventId}`, orderingKey: e.subject ? `wh:${ep.id}:${e.subject}` : null, target: target as unknown as Record<string, unknown> });
      }
    }
    return out;
  }

  async send(d: Delivery): Promise<DeliveryOutcome> {
    const t = d.target as unknown as WebhookTarget;
    return this.post(d, t.endpointId, t.body, 'application/json');
  }

  /**
   * Signs and POSTs one body to an endpoint; the outcome the outbox logs. Also the signed-webhook
   * channel of notifications (an endpoint of purpose 'notifications'), with its own `webhook-id`.
   */
  async post(d: Delivery, endpointId: number, body: string, contentType: string, extraHeaders: Record<string, string> = {}): Promise<DeliveryOutcome> {
    const ep = await this.endpoint(endpointId);
    if (!ep) return { kind: 'rejected', error: 'the endpoint was removed' };
    if (!ep.row.enabled) return { kind: 'rejected', error: 'the endpoint is disabled' };
    const t = { body };
    const headers = { 'content-type': contentType, 'user-agent': 'Daka-Webhooks/1', ...extraHeaders, ...signatureHeaders(ep.secrets, d.eventId ?? d.dedupeKey, Math.floor(this.now() / 1000), body) };
    try {
      const res = await egressRequest('webhook', ep.row.url, { method: 'POST', headers, body: t.body, timeoutMs: this.timeoutMs, maxResponseBytes: 64 * 1024 });
      if (res.status >= 200 && res.status < 300) return { kind: 'delivered', responseStatus: res.status };
      // 410 Gone is how REST-hook receivers (Zapier) say "unsubscribe me".
      if (res.status === 410) return { kind: 'rejected', error: 'the receiver answered 410 Gone', responseStatus: 410 };
      return { kind: 'failed', error: `the receiver answered ${res.status}`, responseStatus: res.status, retryAfterMs: retryAfter(res.headers.get('retry-after'), this.now()) };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (e instanceof EgressError && e.code === 'EGRESS_NOT_ALLOWED') return { kind: 'rejected', error: message };
      return { kind: 'failed', error: message };
    }
  }

  async onDead(d: Delivery, lastError: string): Promise<void> {
    const t = d.target as unknown as WebhookTarget;
    const nowMs = this.now();
    const reason = `A delivery was given up on: ${lastError}`.slice(0, 500);
    // One transaction: the endpoint disabled, what was queued for it cancelled, the audit record
    // and whatever the `onDisabled` listeners write (an outbox event telling HR) all commit together.
    const disabled = await this.db.transaction().execute(async (trx) => {
      if (!(await this.repo.disable(trx, t.endpointId, reason, nowMs))) return false;
      const ep = await this.repo.get(t.endpointId, trx);
      await this.audit.record(trx, systemActor('webhooks'), { action: 'webhook.disabled', entity: 'webhook_endpoint', entityId: t.endpointId, companyId: d.companyId, after: { url: ep?.url, reason, deliveryId: d.id, eventId: d.eventId } });
      await this.outboxRepo.cancelPending(this.name, `wh:${t.endpointId}:`, nowMs, trx);
      // The event HR's operations notification comes from, written with the change it describes.
      if (ep && this.announce?.wants(d.companyId, 'webhook.disabled')) {
        const payload = { endpointId: t.endpointId, url: ep.url, purpose: ep.purpose, reason, disabledAt: new Date(nowMs).toISOString() };
        await this.announce.append(trx, [domainEvent(d.companyId, 'webhook.disabled', `webhook:${t.endpointId}`, payload, nowMs)]);
      }
      const info: EndpointDisabled = { endpointId: t.endpointId, companyId: d.companyId, url: ep?.url ?? null, purpose: this.purpose, reason, deliveryId: d.id, eventId: d.eventId, atMs: nowMs };
      for (const listener of this.disabledListeners) await listener(trx, info);
      await this.repo.notifyChanged(trx);
      return true;
    });
    if (disabled) {
      this.announce?.kick();
      await this.refresh();
    }
  }

  private readonly disabledListeners: EndpointDisabledListener[] = [];

  /** Runs inside the transaction that disables an endpoint (e.g. to append an outbox event for HR). */
  onDisabled(listener: EndpointDisabledListener): void {
    this.disabledListeners.push(listener);
  }

  protected async endpoint(id: number) {
    const hit = this.endpoints.get(id);
    if (hit && this.now() - hit.at < this.cacheMs) return hit;
    const row = await this.repo.get(id);
    if (!row) return null;
    const secrets = [this.secrets.open(row.secret_sealed)];
    if (row.previous_secret_sealed && (row.previous_secret_until_ms ?? 0) > this.now()) secrets.push(this.secrets.open(row.previous_secret_sealed));
    const entry = { row, secrets, at: this.now() };
    this.endpoints.set(id, entry);
    return entry;
  }

  forget(id: number): void {
    this.endpoints.delete(id);
  }
}

/** `Retry-After` in seconds or as an HTTP date, capped at a day. */
function retryAfter(value: string | null, nowMs: number): number | undefined {
  if (!value) return undefined;
  const s = Number(value);
  const ms = Number.isFinite(s) ? s * 1000 : Date.parse(value) - nowMs;
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, 86_400_000) : undefined;
}
