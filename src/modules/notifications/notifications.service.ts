/**
 * Notifications: company settings (SMTP sealed at rest), each person's preferences, the delivery
 * log and the reminder preview. The sending itself is the outbox consumer's.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { SecretBox } from '../../shared/secret-box.js';
import { AppError, badRequest } from '../../shared/errors.js';
import { isRealDate } from '../../http/paging.js';
import { formatHHMM } from '../../shared/zone-wall.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import type { AccessPolicy } from '../auth/access.js';
import type { Actor } from '../auth/actor.js';
import type { Outbox } from '../outbox/outbox.js';
import { PERSON_CHANNELS, type PersonChannel } from './channel-choice.js';
import { NOTIFICATIONS, NotificationsConsumer, type SendTarget } from './notifications.consumer.js';
import type { NotificationsRepo } from './notifications.repo.js';
import type { DeliveryLogQueryT, MyPreferencesPutT, NotificationSettingsPutT, PreviewBodyT } from './notifications.schemas.js';
import { addressOf, platformConnectors } from './recipients.js';
import type { ReminderPlanner } from './reminders.js';
import { MailSender, type ChannelSource } from './senders.js';
import { settingsOf, type NotificationSettings, type SmtpSettings } from './settings.js';
import { opsConditions, type OpsSources } from './ops-alerts.js';
import { NotificationTemplates } from './templates.service.js';
import type { SignedPoster } from './webhook-channel.js';

const hhmm = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
const iso = (ms: number) => new Date(ms).toISOString();

export class NotificationsService {
  readonly consumer: NotificationsConsumer;
  readonly mail = new MailSender();
  readonly templates: NotificationTemplates;

  constructor(
    private readonly db: Kysely<DB>,
    readonly repo: NotificationsRepo,
    private readonly secrets: SecretBox,
    private readonly access: AccessPolicy,
    private readonly audit: AuditRepo,
    private readonly outbox: Outbox,
    channels: ChannelSource,
    private readonly reminders: ReminderPlanner,
    private readonly publicUrl: string | null,
    private readonly now: () => number,
    templates: NotificationTemplates,
    private readonly ops: OpsSources,
    webhooks: SignedPoster | null,
  ) {
    this.templates = templates;
    this.consumer = new NotificationsConsumer({
      repo,
      settingsOf: (companyId, exec) => this.settingsOf(companyId, exec),
      smtpOf: (companyId) => this.smtpOf(companyId),
      templatesOf: (companyId, exec) => templates.setOf(companyId, exec),
      webhooks,
      channels,
      mail: this.mail,
      publicUrl,
      now,
    });
    outbox.register(this.consumer);
  }

  async settingsOf(companyId: number, exec: Kysely<DB> | Transaction<DB> = this.db): Promise<NotificationSettings> {
    return settingsOf(companyId, await this.repo.settings(companyId, exec));
  }

  async smtpOf(companyId: number): Promise<SmtpSettings | null> {
    const row = await this.repo.settings(companyId);
    return row?.smtp_sealed ? (JSON.parse(this.secrets.open(row.smtp_sealed)) as SmtpSettings) : null;
  }

  /** Reloads which companies listen to which events (at start, after a change, and by the planning job). */
  async reload(): Promise<void> {
    for (const row of await this.repo.allSettings()) this.consumer.setWanted(Number(row.company_id), settingsOf(Number(row.company_id), row));
  }

  private async view(companyId: number) {
    const s = await this.settingsOf(companyId);
    const smtp = await this.smtpOf(companyId);
    return {
      companyId,
      enabled: s.enabled,
      defaultChannel: s.defaultChannel,
      dingtalkConnectorId: s.dingtalkConnectorId,
      wecomConnectorId: s.wecomConnectorId,
      robotConnectorId: s.robotConnectorId,
      quietHours: s.quiet ? { start: formatHHMM(s.quiet.startMin), end: formatHHMM(s.quiet.endMin) } : null,
      dailyCap: s.dailyCap,
      digestAt: formatHHMM(s.digestAtMin),
      requestReminderHours: s.requestReminderHours,
      remindInBeforeMin: s.remindInBeforeMin,
      remindOutAfterMin: s.remindOutAfterMin,
      groupReminders: Object.entries(s.groupReminders).map(([groupId, g]) => ({ groupId: Number(groupId), inBeforeMin: g.inBeforeMin ?? s.remindInBeforeMin, outAfterMin: g.outAfterMin ?? s.remindOutAfterMin, enabled: g.enabled ?? true })),
      kinds: [...s.kinds],
      smtp: smtp ? { host: smtp.host, port: smtp.port, secure: smtp.secure, user: smtp.user, from: smtp.from, hasPassword: smtp.password !== null } : null,
      webhookEndpointId: s.webhookEndpointId,
      ops: s.ops,
    };
  }

  async getSettings(actor: Actor, companyId: number) {
    this.access.assertCompany(actor, companyId, 'read', ['admin', 'hr']);
    this.access.assertRole(actor, ['admin', 'hr'], 'read');
    return this.view(companyId);
  }

  async putSettings(actor: Actor, body: NotificationSettingsPutT) {
    this.access.assertCompany(actor, body.companyId, 'write');
    const before = await this.view(body.companyId);
    const cur = await this.settingsOf(body.companyId);
    const connectors = await this.repo.connectors(body.companyId);
    for (const [field, platform] of [['dingtalkConnectorId', 'dingtalk'], ['wecomConnectorId', 'wecom'], ['robotConnectorId', null]] as const) {
      const id = body[field];
      if (id === undefined || id === null) continue;
      const c = connectors.find((x) => x.id === id);
      if (!c || (platform && c.platform !== platform)) throw badRequest('UNKNOWN_CONNECTOR', `connector ${id} is not a ${platform ?? 'DingTalk or WeCom'} connector of this company`, { field: `body.${field}` });
    }
    if (body.webhookEndpointId !== undefined && body.webhookEndpointId !== null && !(await this.repo.notificationEndpointOn({ companyId: body.companyId, webhookEndpointId: body.webhookEndpointId }))) {
      throw badRequest('UNKNOWN_WEBHOOK_ENDPOINT', `webhook endpoint ${body.webhookEndpointId} is not an enabled endpoint of purpose 'notifications' of this company`, { field: 'body.webhookEndpointId' });
    }
    for (const [i, g] of (body.groupReminders ?? []).entries()) {
      const found = await this.db.selectFrom('attendance_groups').select('id').where('id', '=', g.groupId).where('company_id', '=', body.companyId).executeTakeFirst();
      if (!found) throw badRequest('UNKNOWN_GROUP', `attendance group ${g.groupId} is not in this company`, { field: `body.groupReminders[${i}].groupId` });
    }
    let smtpSealed: string | null | undefined;
    if (body.smtp === null) smtpSealed = null;
    else if (body.smtp) {
      const old = await this.smtpOf(body.companyId);
      const smtp: SmtpSettings = { host: body.smtp.host, port: body.smtp.port, secure: body.smtp.secure, user: body.smtp.user ?? null, password: body.smtp.password === undefined ? (old?.password ?? null) : body.smtp.password, from: body.smtp.from };
      smtpSealed = this.secrets.seal(JSON.stringify(smtp));
    }
    const stored = await this.repo.settings(body.companyId);
    const groupReminders = body.groupReminders ? Object.fromEntries(body.groupReminders.map((g) => [String(g.groupId), { inBeforeMin: g.inBeforeMin, outAfterMin: g.outAfterMin, enabled: g.enabled }])) : cur.groupReminders;
    const pick = <T>(v: T | undefined, d: T) => (v === undefined ? d : v);
    await this.db.transaction().execute(async (trx) => {
      await this.repo.saveSettings(trx, {
        company_id: body.companyId,
        enabled: pick(body.enabled, cur.enabled) ? 1 : 0,
        default_channel: pick(body.defaultChannel, cur.defaultChannel),
        dingtalk_connector_id: pick(body.dingtalkConnectorId, cur.dingtalkConnectorId),
        wecom_connector_id: pick(body.wecomConnectorId, cur.wecomConnectorId),
        robot_connector_id: pick(body.robotConnectorId, cur.robotConnectorId),
        smtp_sealed: smtpSealed === undefined ? (stored?.smtp_sealed ?? null) : smtpSealed,
        quiet_start_min: body.quietHours === undefined ? (cur.quiet?.startMin ?? null) : body.quietHours === null ? null : hhmm(body.quietHours.start),
        quiet_end_min: body.quietHours === undefined ? (cur.quiet?.endMin ?? null) : body.quietHours === null ? null : hhmm(body.quietHours.end),
        daily_cap: pick(body.dailyCap, cur.dailyCap),
        digest_at_min: body.digestAt === undefined ? cur.digestAtMin : hhmm(body.digestAt),
        request_reminder_hours: pick(body.requestReminderHours, cur.requestReminderHours),
        remind_in_before_min: pick(body.remindInBeforeMin, cur.remindInBeforeMin),
        remind_out_after_min: pick(body.remindOutAfterMin, cur.remindOutAfterMin),
        group_reminders: JSON.stringify(groupReminders),
        kinds: JSON.stringify(body.kinds ?? [...cur.kinds]),
        webhook_endpoint_id: pick(body.webhookEndpointId, cur.webhookEndpointId),
        ops_clock_skew_min: body.ops?.clockSkewMin ?? cur.ops.clockSkewMin,
        ops_gap_hours: body.ops?.gapHours ?? cur.ops.gapHours,
        ops_month_close_days: body.ops?.monthCloseDays ?? cur.ops.monthCloseDays,
        updated_at_ms: this.now(),
      });
      const after = await this.viewIn(trx, body.companyId);
      // The audit names what changed in SMTP, never its values' secrets.
      await this.audit.record(trx, actor, { action: 'notifications.settings', entity: 'notification_settings', entityId: body.companyId, companyId: body.companyId, before, after: { ...after, smtpPasswordChanged: body.smtp ? body.smtp.password !== undefined : body.smtp === null } });
    });
    this.mail.forget(body.companyId);
    this.consumer.setWanted(body.companyId, await this.settingsOf(body.companyId));
    return this.view(body.companyId);
  }

  /** The view as the transaction sees it (for the audit row), SMTP without its password. */
  private async viewIn(trx: Transaction<DB>, companyId: number) {
    const row = await this.repo.settings(companyId, trx);
    const s = settingsOf(companyId, row);
    const smtp = row?.smtp_sealed ? (JSON.parse(this.secrets.open(row.smtp_sealed)) as SmtpSettings) : null;
    return { enabled: s.enabled, defaultChannel: s.defaultChannel, kinds: [...s.kinds], quiet: s.quiet, dailyCap: s.dailyCap, groupReminders: s.groupReminders, webhookEndpointId: s.webhookEndpointId, ops: s.ops, smtp: smtp ? { host: smtp.host, port: smtp.port, user: smtp.user, from: smtp.from } : null };
  }

  private async ownEmployee(actor: Actor): Promise<{ id: number; companyId: number }> {
    this.access.assertScope(actor, 'read');
    if (actor.employeeId === null) throw new AppError('NO_EMPLOYEE', 'This user is not linked to an employee', 409);
    const e = await this.db.selectFrom('employees').select(['id', 'company_id']).where('id', '=', actor.employeeId).executeTakeFirst();
    if (!e) throw new AppError('NO_EMPLOYEE', 'This user is not linked to an employee', 409);
    return { id: Number(e.id), companyId: Number(e.company_id) };
  }

  async myPreferences(actor: Actor) {
    const me = await this.ownEmployee(actor);
    const s = await this.settingsOf(me.companyId);
    const [pref] = await this.repo.preferences([me.id]);
    const person = (await this.repo.people(me.companyId, [me.id])).get(me.id)!;
    const platforms = platformConnectors(s, await this.repo.connectors(me.companyId));
    const webhookOn = await this.repo.notificationEndpointOn(s);
    const reachable = PERSON_CHANNELS.filter((c) => addressOf(person, c, s, platforms, webhookOn)?.channel === c);
    const own = (pref?.channel ?? null) as PersonChannel | null;
    return {
      employeeId: me.id,
      channel: own,
      effectiveChannel: addressOf(person, own, s, platforms, webhookOn)?.channel ?? null,
      reachable,
      locale: (pref?.locale ?? null) as 'zh-CN' | 'en' | null,
      managerDigest: (pref?.manager_digest ?? 'immediate') as 'immediate' | 'daily' | 'weekly',
      muted: pref ? (JSON.parse(pref.muted) as never[]) : [],
    };
  }

  async putMyPreferences(actor: Actor, body: MyPreferencesPutT) {
    const me = await this.ownEmployee(actor);
    this.access.assertScope(actor, 'write');
    const before = await this.myPreferences(actor);
    await this.db.transaction().execute(async (trx) => {
      await this.repo.savePreference(trx, {
        company_id: me.companyId,
        employee_id: me.id,
        channel: body.channel === undefined ? before.channel : body.channel,
        locale: body.locale === undefined ? before.locale : body.locale,
        manager_digest: body.managerDigest ?? before.managerDigest,
        muted: JSON.stringify(body.muted ?? before.muted),
        updated_at_ms: this.now(),
      });
      await this.audit.record(trx, actor, { action: 'notifications.preferences', entity: 'employee', entityId: me.id, companyId: me.companyId, before: { channel: before.channel, locale: before.locale, managerDigest: before.managerDigest, muted: before.muted }, after: body });
    });
    return this.myPreferences(actor);
  }

  async log(actor: Actor, q: DeliveryLogQueryT) {
    this.access.assertCompany(actor, q.companyId, 'read');
    this.access.assertRole(actor, ['admin', 'hr'], 'read');
    const limit = q.limit ?? 50;
    const rows = await this.outbox.repo.listDeliveries({ companyId: q.companyId, consumer: NOTIFICATIONS, ...(q.status ? { status: q.status } : {}), ...(q.beforeId ? { beforeId: q.beforeId } : {}), limit });
    const items = rows.map((r) => {
      const t = JSON.parse(r.target) as SendTarget;
      const skipped = r.status === 'delivered' && (r.remote_id ?? '').startsWith('skipped:');
      return {
        id: Number(r.id),
        kind: t.op === 'digest_item' ? 'digest_item' : t.kind,
        employeeId: t.employeeId,
        channel: t.address?.channel ?? null,
        title: t.message?.title ?? null,
        status: skipped ? ('skipped' as const) : r.status,
        attempts: r.attempts,
        remoteId: r.remote_id,
        lastError: r.last_error,
        notBefore: iso(Number(r.next_attempt_at_ms)),
        createdAt: iso(Number(r.created_at_ms)),
        finishedAt: r.finished_at_ms === null ? null : iso(Number(r.finished_at_ms)),
      };
    });
    return { items, nextBeforeId: rows.length === limit ? Number(rows[rows.length - 1].id) : null };
  }

  /** What reminders a date would bring, to whom and on which channel, without planning or sending any. */
  async preview(actor: Actor, body: PreviewBodyT) {
    this.access.assertCompany(actor, body.companyId, 'read');
    this.access.assertRole(actor, ['admin', 'hr'], 'read');
    if (!isRealDate(body.date)) throw badRequest('INVALID_DATE', `'${body.date}' is not a real date`, { field: 'body.date' });
    const s = await this.settingsOf(body.companyId);
    // What they would bring once on: HR checks them before turning reminders on.
    const { preview } = await this.reminders.clockReminders({ ...s, enabled: true, kinds: new Set([...s.kinds, 'remind_in', 'remind_out']) }, body.date);
    return { date: body.date, reminders: preview.map((p) => ({ employeeId: p.employeeId, direction: p.direction, at: iso(p.atMs), channel: p.channel })) };
  }

  /** Plans the scheduled notifications of every enabled company for `dates` (the planning job). */
  async planScheduled(datesOf: (zone: string) => string[]): Promise<number> {
    await this.reload();
    let added = 0;
    for (const row of await this.repo.allSettings()) {
      const s = settingsOf(Number(row.company_id), row);
      if (!s.enabled) continue;
      const zone = (await this.repo.companyZone(s.companyId)) ?? 'UTC';
      for (const date of datesOf(zone)) added += await this.outbox.enqueue(NOTIFICATIONS, (await this.reminders.clockReminders(s, date)).planned);
      added += await this.outbox.enqueue(NOTIFICATIONS, await this.reminders.waitingRequests(s));
      added += await this.checkOps(s, zone);
    }
    return added;
  }

  /** Operations conditions of one company (clock skew, unfilled gaps, call budget, unclosed month) → deliveries, once per period. */
  async checkOps(s: NotificationSettings, zone: string): Promise<number> {
    const intents = await opsConditions(this.ops, s, zone, this.now(), this.publicUrl);
    if (!intents.length) return 0;
    const planned = await this.consumer.deliveriesOf(s, intents.map((i) => ({ ...i, eventId: null })), this.db);
    return this.outbox.enqueue(NOTIFICATIONS, planned);
  }
}
