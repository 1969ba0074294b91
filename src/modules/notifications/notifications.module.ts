/** Builds the notifications module once, for the composition root, and its scheduled job. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { RawHandle } from '../../db/database.js';
import type { JobQueue } from '../../jobs/queue.js';
import { addDays, localDate } from '../../shared/dates.js';
import type { SecretBox } from '../../shared/secret-box.js';
import { InputsRepo } from '../attendance/inputs.repo.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import type { AccessPolicy } from '../auth/access.js';
import type { Outbox } from '../outbox/outbox.js';
import { NotificationsRepo } from './notifications.repo.js';
import { NotificationsService } from './notifications.service.js';
import { ReminderPlanner } from './reminders.js';
import type { ChannelSource } from './senders.js';
import { ConnectorsRepo } from '../connectors/connectors.repo.js';
import { allowanceOf, budgetView } from '../connectors/connector-budget.js';
import type { BudgetWarning, OpsSources } from './ops-alerts.js';
import { OpsAlertsRepo } from './ops-alerts.repo.js';
import { NotificationTemplates } from './templates.service.js';
import type { SignedPoster } from './webhook-channel.js';

export const NOTIFICATIONS_PLAN_JOB = 'notifications.plan';

export interface NotificationsDeps {
  db: Kysely<DB>;
  raw: RawHandle;
  secrets: SecretBox;
  access: AccessPolicy;
  audit: AuditRepo;
  outbox: Outbox;
  channels: ChannelSource;
  publicUrl: string | null;
  now: () => number;
  /** The webhooks module's signed POST: the 'webhook' channel. */
  webhooks: SignedPoster | null;
}

export function createNotifications(deps: NotificationsDeps): NotificationsService {
  const repo = new NotificationsRepo(deps.db);
  const templates = new NotificationTemplates(deps.db, repo, deps.access, deps.audit, deps.publicUrl, deps.now);
  const planner = new ReminderPlanner(new InputsRepo(deps.db, deps.raw), repo, deps.publicUrl, deps.now, (companyId) => templates.setOf(companyId));
  const connectors = new ConnectorsRepo(deps.db);
  const ops: OpsSources = {
    repo: new OpsAlertsRepo(deps.db),
    // The connector's own warning level (its settings, else the default share of the allowance).
    async budgetWarnings(companyId: number): Promise<BudgetWarning[]> {
      const out: BudgetWarning[] = [];
      for (const row of await connectors.list(null, companyId)) {
        if (allowanceOf(row) === null) continue;
        const v = await budgetView({ repo: connectors, now: deps.now }, row);
        if (v.warning && v.limit !== null) out.push({ connectorId: row.id, platform: row.platform, name: row.name, month: v.month, used: v.used, limit: v.limit });
      }
      return out;
    },
  };
  return new NotificationsService(deps.db, repo, deps.secrets, deps.access, deps.audit, deps.outbox, deps.channels, planner, deps.publicUrl, deps.now, templates, ops, deps.webhooks);
}

/**
 * Every 15 minutes: plan today's and tomorrow's reminders (in each company's zone) and the
 * reminders of requests left waiting. Planning again adds nothing already planned.
 */
export async function registerNotificationJobs(queue: JobQueue, services: { notifications: NotificationsService; now: () => number }): Promise<void> {
  await queue.work(NOTIFICATIONS_PLAN_JOB, async () => {
    await services.notifications.planScheduled((zone) => {
      const today = localDate(services.now(), zone);
      return [today, addDays(today, 1)];
    });
  });
  await queue.schedule(NOTIFICATIONS_PLAN_JOB, '*/15 * * * *');
}
