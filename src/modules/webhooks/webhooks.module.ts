/** Builds the webhooks module once and registers its consumer on the outbox. */
import type { Kysely } from 'kysely';
import type { RawHandle } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { SecretBox } from '../../shared/secret-box.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import type { AccessPolicy } from '../auth/access.js';
import type { Outbox } from '../outbox/outbox.js';
import { WebhooksConsumer, type WebhookConsumerOptions } from './webhooks.consumer.js';
import { WebhooksRepo } from './webhooks.repo.js';
import { PayrollDeliveryConsumer } from './payroll-delivery.consumer.js';
import { PayrollDropFolder } from './payroll-drop-folder.js';
import { WebhooksService } from './webhooks.service.js';
import { SubscriptionWatch, subscriptionChannel } from './subscription-watch.js';

export interface WebhooksModuleDeps {
  db: Kysely<DB>;
  /** For the NOTIFY/LISTEN that keeps every instance's subscriptions current (PostgreSQL). */
  raw?: RawHandle;
  outbox: Outbox;
  access: AccessPolicy;
  audit: AuditRepo;
  secrets: SecretBox;
  now: () => number;
  options?: WebhookConsumerOptions;
  /** DAKA_PAYROLL_DROP_DIR: the root payroll drop folders must lie under (null: none allowed). */
  payrollDropDir?: string | null;
}

export function createWebhooksModule(deps: WebhooksModuleDeps) {
  const channel = deps.raw?.kind === 'postgres' ? subscriptionChannel(deps.raw.schema) : null;
  const repo = new WebhooksRepo(deps.db, channel);
  const webhookConsumer = new WebhooksConsumer(deps.db, repo, deps.outbox.repo, deps.secrets, deps.audit, deps.now, deps.options);
  const payrollConsumer = new PayrollDeliveryConsumer(deps.db, repo, deps.outbox.repo, deps.secrets, deps.audit, deps.now, { ...deps.options, concurrency: 2 });
  webhookConsumer.announce = deps.outbox;
  payrollConsumer.announce = deps.outbox;
  payrollConsumer.dropFolder = new PayrollDropFolder(deps.payrollDropDir ?? null);
  deps.outbox.register(webhookConsumer);
  deps.outbox.register(payrollConsumer);
  const webhooks = new WebhooksService(deps.db, repo, { events: webhookConsumer, payroll: payrollConsumer }, deps.outbox, deps.access, deps.audit, deps.secrets, deps.now);
  const subscriptionWatch = deps.raw
    ? new SubscriptionWatch(deps.raw, async () => {
        await webhookConsumer.refresh();
        await payrollConsumer.refresh();
      })
    : null;
  return { webhooks, webhookConsumer, payrollConsumer, subscriptionWatch };
}
