/**
 * Webhook subscriptions of a company: set up by admin and HR (or by an integration platform with
 * their API token, through REST hooks), audited, secrets sealed and shown once, delivery log and
 * manual redelivery. Sending is the outbox consumer's business (webhooks.consumer.ts).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { badRequest, conflict, notFound } from '../../shared/errors.js';
import { egressPolicy } from '../../shared/egress/index.js';
import type { SecretBox } from '../../shared/secret-box.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import type { AccessPolicy } from '../auth/access.js';
import type { Actor } from '../auth/actor.js';
import type { Outbox } from '../outbox/outbox.js';
import type { DeliveryRow } from '../outbox/outbox.repo.js';
import type { EventType } from '../outbox/outbox.types.js';
import { sampleEnvelope } from './event-schemas.js';
import { newWebhookSecret } from './signing.js';
import type { PayrollDeliveryConsumer } from './payroll-delivery.consumer.js';
import type { WebhookTarget, WebhooksConsumer } from './webhooks.consumer.js';
import type { EndpointRow, WebhooksRepo } from './webhooks.repo.js';
import type { WebhookCreateT, WebhookPatchT } from './webhooks.schemas.js';

const MAX_ENDPOINTS_PER_COMPANY = 50;
const SETUP_ROLES = ['admin', 'hr'] as const;
const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

export function endpointDto(r: EndpointRow, nowMs: number) {
  const until = r.previous_secret_until_ms === null ? null : Number(r.previous_secret_until_ms);
  return {
    id: r.id,
    companyId: r.company_id,
    url: r.drop_folder ? null : r.url,
    target: r.drop_folder ? ('folder' as const) : ('https' as const),
    folder: r.drop_folder ?? null,
    description: r.description,
    eventTypes: JSON.parse(r.event_types) as string[],
    origin: r.origin,
    purpose: r.purpose,
    enabled: r.enabled === 1,
    disabledReason: r.disabled_reason,
    disabledAt: iso(r.disabled_at_ms),
    previousSecretValidUntil: until !== null && until > nowMs ? iso(until) : null,
    createdAt: iso(r.created_at_ms)!,
  };
}

export class WebhooksService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly repo: WebhooksRepo,
    private readonly consumers: { events: WebhooksConsumer; payroll: PayrollDeliveryConsumer },
    private readonly outbox: Outbox,
    private readonly access: AccessPolicy,
    private readonly audit: AuditRepo,
    private readonly secrets: SecretBox,
    private readonly now: () => number,
  ) {}

  async list(actor: Actor, q: { companyId?: number; page?: number; pageSize?: number }) {
    this.access.assertRole(actor, [...SETUP_ROLES], 'read');
    if (q.companyId !== undefined) this.access.assertCompany(actor, q.companyId);
    const companies = q.companyId !== undefined ? [q.companyId] : this.access.companyFilter(actor);
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const [rows, total] = await Promise.all([this.repo.list(companies, pageSize, (page - 1) * pageSize), this.repo.count(companies)]);
    return { items: rows.map((r) => endpointDto(r, this.now())), total, page, pageSize };
  }

  async get(actor: Actor, id: number) {
    return endpointDto(await this.visible(actor, id, 'read'), this.now());
  }

  private consumerOf(ep: Pick<EndpointRow, 'purpose'>): WebhooksConsumer {
    return ep.purpose === 'payroll' ? this.consumers.payroll : this.consumers.events;
  }

  private async refreshAll(id?: number) {
    for (const c of [this.consumers.events, this.consumers.payroll]) {
      if (id !== undefined) c.forget(id);
      await c.refresh();
    }
  }

  async create(actor: Actor, input: WebhookCreateT, origin: 'api' | 'rest_hook' = 'api') {
    this.access.assertRole(actor, [...SETUP_ROLES]);
    this.access.assertCompany(actor, input.companyId, 'write');
    const target = this.targetOf(input);
    const secret = newWebhookSecret();
    const nowMs = this.now();
    const row = await this.db.transaction().execute(async (trx) => {
      if ((await this.repo.countForCompany(trx, input.companyId)) >= MAX_ENDPOINTS_PER_COMPANY) {
        throw conflict('WEBHOOK_LIMIT', `A company has at most ${MAX_ENDPOINTS_PER_COMPANY} webhook endpoints`);
      }
      const row = await this.repo.insert(trx, {
        company_id: input.companyId,
        url: target.url,
        drop_folder: target.folder,
        description: input.description ?? null,
        // A payroll endpoint receives the export of each closed month, nothing else.
        // A notifications endpoint receives messages only (the notification rules choose it).
        event_types: JSON.stringify(input.purpose === 'payroll' ? ['month.closed'] : input.purpose === 'notifications' ? [] : input.eventTypes),
        purpose: input.purpose ?? 'events',
        secret_sealed: this.secrets.seal(secret),
        previous_secret_sealed: null,
        previous_secret_until_ms: null,
        origin,
        enabled: 1,
        disabled_reason: null,
        disabled_at_ms: null,
        created_by_user_id: actor.userId,
        created_at_ms: nowMs,
        updated_at_ms: nowMs,
      });
      await this.audit.record(trx, actor, { action: 'webhook.create', entity: 'webhook_endpoint', entityId: row.id, companyId: row.company_id, after: endpointDto(row, nowMs) });
      await this.repo.notifyChanged(trx);
      return row;
    });
    await this.refreshAll();
    return { ...endpointDto(row, nowMs), secret };
  }

  async update(actor: Actor, id: number, patch: WebhookPatchT) {
    const before = await this.visible(actor, id, 'write');
    if (patch.url !== undefined && before.drop_folder) throw badRequest('DROP_FOLDER_TARGET', 'This endpoint writes into a drop folder: change its folder, not a url', { field: 'body.url' });
    if (patch.folder !== undefined && !before.drop_folder) throw badRequest('HTTPS_TARGET', 'This endpoint POSTs to a url: change its url, not a folder', { field: 'body.folder' });
    if (patch.url !== undefined) egressPolicy().assertConfigurable('webhook', patch.url, 'body.url');
    const folder = patch.folder !== undefined ? this.consumers.payroll.dropFolder.checkFolder(patch.folder) : undefined;
    const nowMs = this.now();
    const reenabled = patch.enabled === true && before.enabled === 0;
    const row = await this.db.transaction().execute(async (trx) => {
      const row = await this.repo.update(trx, id, {
        ...(patch.url !== undefined ? { url: patch.url } : {}),
        ...(folder !== undefined ? { drop_folder: folder } : {}),
        ...(patch.eventTypes !== undefined && before.purpose === 'events' ? { event_types: JSON.stringify(patch.eventTypes) } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.enabled !== undefined ? { enabled: patch.enabled ? 1 : 0 } : {}),
        ...(reenabled ? { disabled_reason: null, disabled_at_ms: null } : patch.enabled === false && before.enabled === 1 ? { disabled_reason: 'disabled by a person', disabled_at_ms: nowMs } : {}),
        updated_at_ms: nowMs,
      });
      await this.audit.record(trx, actor, { action: 'webhook.update', entity: 'webhook_endpoint', entityId: id, companyId: row.company_id, before: endpointDto(before, nowMs), after: endpointDto(row, nowMs) });
      if (patch.enabled === false && before.enabled === 1) await this.outbox.repo.cancelPending(this.consumerOf(before).name, `wh:${id}:`, nowMs, trx);
      await this.repo.notifyChanged(trx);
      return row;
    });
    await this.refreshAll(id);
    return endpointDto(row, nowMs);
  }

  async remove(actor: Actor, id: number) {
    const before = await this.visible(actor, id, 'write');
    const nowMs = this.now();
    await this.db.transaction().execute(async (trx) => {
      await this.repo.delete(trx, id);
      await this.audit.record(trx, actor, { action: 'webhook.delete', entity: 'webhook_endpoint', entityId: id, companyId: before.company_id, before: endpointDto(before, nowMs) });
      await this.outbox.repo.cancelPending(this.consumerOf(before).name, `wh:${id}:`, nowMs, trx);
      await this.repo.notifyChanged(trx);
    });
    await this.refreshAll(id);
  }

  /** Where an endpoint sends: a checked https URL, or (payroll only) a checked drop folder. */
  private targetOf(input: WebhookCreateT): { url: string; folder: string | null } {
    if (input.folder !== undefined) {
      if (input.purpose !== 'payroll') throw badRequest('DROP_FOLDER_PAYROLL_ONLY', 'Only payroll endpoints (purpose "payroll") can write into a drop folder', { field: 'body.folder' });
      if (input.url !== undefined) throw badRequest('URL_OR_FOLDER', 'Give either url or folder, not both', { field: 'body.folder' });
      return { url: '', folder: this.consumers.payroll.dropFolder.checkFolder(input.folder) };
    }
    if (input.url === undefined) throw badRequest('URL_REQUIRED', 'url is required (or, for a payroll endpoint, folder)', { field: 'body.url' });
    egressPolicy().assertConfigurable('webhook', input.url, 'body.url');
    return { url: input.url, folder: null };
  }

  /** A new secret, shown once; the old one keeps signing (a second signature) for `overlapHours`. */
  async rotateSecret(actor: Actor, id: number, overlapHours = 24) {
    const before = await this.visible(actor, id, 'write');
    const secret = newWebhookSecret();
    const nowMs = this.now();
    const row = await this.db.transaction().execute(async (trx) => {
      const row = await this.repo.update(trx, id, {
        secret_sealed: this.secrets.seal(secret),
        previous_secret_sealed: overlapHours > 0 ? before.secret_sealed : null,
        previous_secret_until_ms: overlapHours > 0 ? nowMs + overlapHours * 3_600_000 : null,
        updated_at_ms: nowMs,
      });
      await this.audit.record(trx, actor, { action: 'webhook.rotate_secret', entity: 'webhook_endpoint', entityId: id, companyId: row.company_id, after: { overlapHours } });
      await this.repo.notifyChanged(trx);
      return row;
    });
    this.consumerOf(row).forget(id);
    return { ...endpointDto(row, nowMs), secret };
  }

  async deliveries(actor: Actor, id: number, q: { status?: DeliveryRow['status']; beforeId?: number; limit?: number }) {
    const ep = await this.visible(actor, id, 'read');
    const limit = q.limit ?? 50;
    const rows = await this.outbox.repo.listDeliveries({ companyId: ep.company_id, consumer: this.consumerOf(ep).name, dedupePrefix: `wh:${id}:`, status: q.status, beforeId: q.beforeId, limit });
    const items = await Promise.all(rows.map((r) => this.deliveryDto(r)));
    return { items, nextBeforeId: rows.length === limit ? Number(rows[rows.length - 1].id) : null };
  }

  /** Sends a finished delivery again (same body, same webhook-id); the log keeps every attempt. */
  async redeliver(actor: Actor, id: number, deliveryId: number) {
    const ep = await this.visible(actor, id, 'write');
    const row = await this.outbox.repo.getDelivery(deliveryId);
    if (!row || row.consumer !== this.consumerOf(ep).name || !row.dedupe_key.startsWith(`wh:${id}:`)) throw notFound('delivery', deliveryId);
    if (ep.enabled !== 1) throw conflict('WEBHOOK_DISABLED', 'Enable the endpoint before redelivering to it');
    if (!(await this.outbox.repo.requeue(deliveryId, this.now()))) throw conflict('DELIVERY_PENDING', 'The delivery is still pending; it will be tried again by itself');
    await this.audit.record(this.db, actor, { action: 'webhook.redeliver', entity: 'webhook_endpoint', entityId: id, companyId: ep.company_id, after: { deliveryId, eventId: row.event_id } });
    await this.outbox.wake(this.consumerOf(ep).name);
    return this.deliveryDto((await this.outbox.repo.getDelivery(deliveryId))!);
  }

  /** REST hooks: the company is the one the token's owner belongs to, unless named. */
  companyFor(actor: Actor, companyId: number | undefined): number {
    if (companyId !== undefined) return companyId;
    if (actor.role !== 'admin' && actor.companyIds.length === 1) return actor.companyIds[0];
    throw badRequest('COMPANY_REQUIRED', 'Name the company (companyId): this token belongs to more than one', { field: 'body.companyId' });
  }

  async restSubscribe(actor: Actor, body: { target_url: string; event: EventType; companyId?: number }) {
    const companyId = this.companyFor(actor, body.companyId);
    const created = await this.create(actor, { companyId, url: body.target_url, eventTypes: [body.event], description: `REST hook (${body.event})` }, 'rest_hook');
    return { id: created.id, event: body.event, target_url: created.url ?? body.target_url, secret: created.secret };
  }

  async restUnsubscribe(actor: Actor, id: number) {
    const ep = await this.visible(actor, id, 'write');
    if (ep.origin !== 'rest_hook') throw notFound('hook', id);
    await this.remove(actor, id);
    return { id };
  }

  sample(actor: Actor, type: EventType, companyId: number | undefined) {
    this.access.assertRole(actor, [...SETUP_ROLES], 'read');
    const company = this.companyFor(actor, companyId);
    this.access.assertCompany(actor, company);
    return [sampleEnvelope(type, company)];
  }

  private async deliveryDto(r: DeliveryRow) {
    const target = JSON.parse(r.target) as WebhookTarget;
    const log = await this.outbox.repo.attempts(Number(r.id));
    return {
      id: Number(r.id),
      eventId: r.event_id,
      eventType: target.type,
      status: r.status,
      attempts: Number(r.attempts),
      lastResponseStatus: r.last_response_status,
      lastError: r.last_error,
      nextAttemptAt: r.status === 'pending' ? iso(r.next_attempt_at_ms) : null,
      createdAt: iso(r.created_at_ms)!,
      finishedAt: iso(r.finished_at_ms),
      fileName: r.remote_id ?? null,
      log: log.map((a) => ({ attempt: a.attempt, startedAt: iso(a.started_at_ms)!, durationMs: Number(a.duration_ms), outcome: a.outcome, responseStatus: a.response_status, error: a.error })),
    };
  }

  private async visible(actor: Actor, id: number, need: 'read' | 'write') {
    this.access.assertRole(actor, [...SETUP_ROLES], need);
    const row = await this.repo.get(id);
    if (!row || !this.access.canSeeCompany(actor, row.company_id)) throw notFound('webhook', id);
    this.access.assertCompany(actor, row.company_id, need);
    return row;
  }
}
