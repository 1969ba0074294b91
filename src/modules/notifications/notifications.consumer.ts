/**
 * Notifications as an outbox consumer. `plan` turns events into one delivery per person and fact
 * (the dedupe key names the recipient and the fact, never the channel, so nobody is told twice
 * across channels); `send` delivers through the person's primary channel, honours the daily cap
 * and skips a reminder once the person has punched. Managers who take digests get each anomaly
 * recorded for their digest, which goes out once per period.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { OutboundMessage } from '../../sources/platform/channel.js';
import { localDate } from '../../shared/dates.js';
import type { Delivery, DeliveryOutcome, EventType, OutboxConsumer, OutboxEvent, PlannedDelivery } from '../outbox/outbox.types.js';
import { afterQuietHours } from './channel-choice.js';
import { digestSchedule } from './digest.js';
import { renderNotice, type Locale, type Notice, type NoticeKind } from './messages.js';
import { intentsOf, eventTypesFor, type Intent } from './notice-plan.js';
import type { NotificationsRepo } from './notifications.repo.js';
import { departmentNames, loadRecipients, managersOf, type Address, type Recipient } from './recipients.js';
import { MailSender, sendToPerson, sendToRobot, type ChannelSource } from './senders.js';
import type { NotificationSettings, SmtpSettings } from './settings.js';
import type { TemplateSet } from './templates.js';
import { notificationWebhookBody, type SignedPoster } from './webhook-channel.js';

export const NOTIFICATIONS = 'notifications';

export type SendAddress = Address | { channel: 'robot'; connectorId: number };

export interface SendTarget {
  op: 'send' | 'digest_item' | 'digest';
  kind: NoticeKind;
  employeeId: number | null;
  address: SendAddress | null;
  message?: OutboundMessage;
  /** What the message was rendered from (kept for the template preview with real data). */
  notice?: Notice;
  /** Reminders: not sent once the person punched in this span. */
  skipIfPunched?: { fromMs: number; toMs: number };
  /** Reminders: not sent past this instant. */
  expiresAtMs?: number;
  digestItem?: { managerId: number; departmentId: number | null; employeeId: number; employeeName: string; date: string; anomaly: string; itemKey: string };
  digest?: { managerId: number; locale: Locale; period: string };
}

export interface ConsumerDeps {
  repo: NotificationsRepo;
  settingsOf(companyId: number, exec?: Kysely<DB> | Transaction<DB>): Promise<NotificationSettings>;
  smtpOf(companyId: number): Promise<SmtpSettings | null>;
  templatesOf(companyId: number, exec?: Kysely<DB> | Transaction<DB>): Promise<TemplateSet>;
  channels: ChannelSource;
  /** The webhooks module's signed POST (signer, egress policy, response handling). */
  webhooks: SignedPoster | null;
  mail: MailSender;
  publicUrl: string | null;
  now: () => number;
}

export class NotificationsConsumer implements OutboxConsumer {
  readonly name = NOTIFICATIONS;
  readonly retry = { baseDelayMs: 30_000, maxDelayMs: 30 * 60_000, maxAgeMs: 12 * 3_600_000, maxAttempts: 12 };
  readonly concurrency = 8;
  /** A person reads every repeat: each send is recorded as soon as it returns, never per batch. */
  readonly settle = 'each' as const;
  private wanted = new Map<number, Set<EventType>>();

  constructor(private readonly deps: ConsumerDeps) {}

  /** Replaces the cached view of which companies listen to which events. */
  setWanted(companyId: number, s: NotificationSettings): void {
    this.wanted.set(companyId, eventTypesFor(s));
  }

  wants(companyId: number, type: EventType): boolean {
    return this.wanted.get(companyId)?.has(type) ?? false;
  }

  async plan(events: OutboxEvent[], trx: Transaction<DB> | Kysely<DB>): Promise<PlannedDelivery[]> {
    const byCompany = new Map<number, OutboxEvent[]>();
    for (const e of events) byCompany.set(e.companyId, [...(byCompany.get(e.companyId) ?? []), e]);
    const out: PlannedDelivery[] = [];
    for (const [companyId, list] of byCompany) {
      const s = await this.deps.settingsOf(companyId, trx);
      if (!s.enabled) continue;
      const zone = (await this.deps.repo.companyZone(companyId, trx)) ?? 'UTC';
      const intents = list.flatMap((e) => intentsOf(e, s, this.deps.publicUrl, zone).map((i) => ({ ...i, eventId: e.eventId as string | null })));
      if (intents.length) out.push(...(await this.deliveriesOf(s, intents, trx)));
    }
    return out;
  }

  /** Intents → one delivery per recipient and fact (also the operations checks' way in). */
  async deliveriesOf(s: NotificationSettings, intents: (Intent & { eventId: string | null })[], trx: Transaction<DB> | Kysely<DB>): Promise<PlannedDelivery[]> {
    const zone = (await this.deps.repo.companyZone(s.companyId, trx)) ?? 'UTC';
    const templates = await this.deps.templatesOf(s.companyId, trx);
    const now = this.deps.now();
    const subjects = new Set<number>();
    for (const i of intents) if (i.audience.to === 'employee' || i.audience.to === 'manager-of') subjects.add(i.audience.employeeId);
    const needsStaff = intents.some((i) => i.audience.to === 'staff');
    let people = await loadRecipients(this.deps.repo, s, [...subjects], trx);
    const managerOf = await managersOf(this.deps.repo, s.companyId, [...people.values()], trx);
    const staff = needsStaff ? await this.deps.repo.staffEmployees(s.companyId, trx) : [];
    const more = [...new Set([...managerOf.values(), ...staff])].filter((id) => !people.has(id));
    if (more.length) people = new Map([...people, ...(await loadRecipients(this.deps.repo, s, more, trx))]);
    const notBefore = afterQuietHours(now, zone, s.quiet);
    const out: PlannedDelivery[] = [];
    const direct = (r: Recipient, i: Intent & { eventId: string | null }) => {
      if (r.muted.has(i.notice.kind)) return;
      const target: SendTarget = { op: 'send', kind: i.notice.kind, employeeId: r.employeeId, address: r.address, message: renderNotice(i.notice, r.locale, dedupeTokenOf(i), templates), notice: i.notice };
      out.push({ companyId: s.companyId, eventId: i.eventId, dedupeKey: `${i.factKey}:to:${r.employeeId}`, target: target as unknown as Record<string, unknown>, notBeforeMs: notBefore });
    };
    for (const i of intents) {
      const a = i.audience;
      if (a.to === 'employee') {
        const r = people.get(a.employeeId);
        if (r) direct(r, i);
      } else if (a.to === 'staff') {
        for (const id of staff) {
          const r = people.get(id);
          if (r) direct(r, i);
        }
      } else if (a.to === 'robot') {
        if (s.robotConnectorId === null) continue;
        const target: SendTarget = { op: 'send', kind: i.notice.kind, employeeId: null, address: { channel: 'robot', connectorId: s.robotConnectorId }, message: renderNotice(i.notice, 'zh-CN', dedupeTokenOf(i), templates), notice: i.notice };
        out.push({ companyId: s.companyId, eventId: i.eventId, dedupeKey: `${i.factKey}:robot:${s.robotConnectorId}`, target: target as unknown as Record<string, unknown>, notBeforeMs: notBefore });
      } else {
        const subject = people.get(a.employeeId);
        const managerId = managerOf.get(a.employeeId);
        const manager = managerId === undefined ? undefined : people.get(managerId);
        if (!subject || !manager || manager.muted.has(i.notice.kind) || i.notice.kind !== 'anomaly_team') continue;
        if (manager.digest === 'immediate') {
          direct(manager, i);
          continue;
        }
        const itemKey = `${i.factKey}:to:${manager.employeeId}`;
        const item: SendTarget = {
          op: 'digest_item',
          kind: 'anomaly_team',
          employeeId: manager.employeeId,
          address: null,
          digestItem: { managerId: manager.employeeId, departmentId: subject.departmentId, employeeId: subject.employeeId, employeeName: subject.name, date: i.notice.date, anomaly: i.notice.anomaly, itemKey },
        };
        out.push({ companyId: s.companyId, eventId: i.eventId, dedupeKey: itemKey, target: item as unknown as Record<string, unknown> });
        const when = digestSchedule(now, zone, s.digestAtMin, manager.digest);
        const digest: SendTarget = { op: 'digest', kind: 'digest', employeeId: manager.employeeId, address: manager.address, digest: { managerId: manager.employeeId, locale: manager.locale, period: when.period } };
        out.push({ companyId: s.companyId, eventId: null, dedupeKey: `digest:${manager.employeeId}:${when.period}`, target: digest as unknown as Record<string, unknown>, notBeforeMs: afterQuietHours(when.atMs, zone, s.quiet) });
      }
    }
    return out;
  }

  async send(d: Delivery): Promise<DeliveryOutcome> {
    const t = d.target as unknown as SendTarget;
    if (t.op === 'digest_item') {
      const x = t.digestItem!;
      await this.deps.repo.addDigestItem({ company_id: d.companyId, manager_employee_id: x.managerId, item_key: x.itemKey, department_id: x.departmentId, employee_id: x.employeeId, employee_name: x.employeeName, date: x.date, kind: x.anomaly, created_at_ms: this.deps.now() });
      return { kind: 'delivered', remoteId: 'digest' };
    }
    if (t.expiresAtMs !== undefined && this.deps.now() > t.expiresAtMs) return { kind: 'delivered', remoteId: 'skipped:expired' };
    if (t.skipIfPunched && t.employeeId !== null && (await this.deps.repo.hasPunch(d.companyId, t.employeeId, t.skipIfPunched.fromMs, t.skipIfPunched.toMs))) {
      return { kind: 'delivered', remoteId: 'skipped:punched' };
    }
    if (!t.address) return { kind: 'rejected', error: 'NOT_REACHABLE' };
    let message = t.message;
    let digestIds: number[] = [];
    if (t.op === 'digest') {
      const built = await this.digestMessage(d.companyId, t.digest!);
      if (!built) return { kind: 'delivered', remoteId: 'skipped:empty' };
      ({ message, ids: digestIds } = built);
    }
    const s = await this.deps.settingsOf(d.companyId);
    if (t.employeeId !== null && d.attempt === 1) {
      const zone = (await this.deps.repo.companyZone(d.companyId)) ?? 'UTC';
      if (!(await this.deps.repo.takeDailySlot(t.employeeId, localDate(this.deps.now(), zone), s.dailyCap))) return { kind: 'rejected', error: 'DAILY_CAP_REACHED' };
    }
    const outcome = await this.deliver(d, t.address, message!, t.kind);
    if (outcome.kind === 'delivered' && digestIds.length) await this.deps.repo.markDigestSent(digestIds, this.deps.now());
    return outcome;
  }

  private async deliver(d: Delivery, a: SendAddress, message: OutboundMessage, kind: NoticeKind): Promise<DeliveryOutcome> {
    const companyId = d.companyId;
    if (a.channel === 'robot') return sendToRobot(this.deps.channels, a.connectorId, message);
    if (a.channel === 'webhook') {
      if (!this.deps.webhooks) return { kind: 'rejected', error: 'WEBHOOK_CHANNEL_UNAVAILABLE' };
      const { id, body } = notificationWebhookBody(d, a, kind, message);
      // Its own webhook-id per delivery: one event may notify several people, and the receiver deduplicates on it.
      return this.deps.webhooks.post({ ...d, eventId: id }, a.endpointId, body, 'application/json');
    }
    if (a.channel === 'email') {
      const smtp = await this.deps.smtpOf(companyId);
      if (!smtp) return { kind: 'rejected', error: 'SMTP_NOT_CONFIGURED' };
      return this.deps.mail.send(companyId, smtp, a.email, message);
    }
    return sendToPerson(this.deps.channels, a.connectorId, a.externalId, message);
  }

  private async digestMessage(companyId: number, digest: NonNullable<SendTarget['digest']>): Promise<{ message: OutboundMessage; ids: number[] } | null> {
    const items = await this.deps.repo.unsentDigestItems(digest.managerId, 200);
    if (!items.length) return null;
    const teams = await departmentNames(this.deps.repo, companyId);
    const other = digest.locale === 'zh-CN' ? '其他' : 'Other';
    const lines = items.map((i) => ({ team: (i.department_id !== null && teams.get(Number(i.department_id))) || other, employeeName: i.employee_name, date: i.date, anomaly: i.kind as never }));
    const link = this.deps.publicUrl ? `${this.deps.publicUrl.replace(/\/+$/, '')}/attendance/daily` : null;
    const templates = await this.deps.templatesOf(companyId);
    return { message: renderNotice({ kind: 'digest', period: digest.period, lines, link }, digest.locale, '', templates), ids: items.map((i) => Number(i.id)) };
  }
}

/** DingTalk drops identical content to one person on one day: requests can repeat in wording, so they carry their id. */
function dedupeTokenOf(i: Intent): string {
  return 'requestId' in i.notice ? `#${i.notice.requestId}` : '';
}
