/**
 * What a connector sends: messages to employees (work notices / app messages), posts to the group
 * robot, and WeCom schedules. Recipients are Daka employees, resolved to the connector's external
 * user ids; an employee without an identity on the connector is reported, not guessed.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { DingTalkRobotChannel, DingTalkWorkNoticeChannel } from '../../sources/dingtalk/index.js';
import { WeComAppChannel, WeComRobotChannel, WeComScheduleChannel } from '../../sources/wecom/index.js';
import { isConnectorError, type ConnectorChannels, type NotificationChannel } from '../../sources/platform/index.js';
import { AppError, badRequest } from '../../shared/errors.js';
import { parseIsoInstant } from '../../shared/time.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import type { Actor } from '../auth/actor.js';
import type { PlatformClient, RobotSecrets } from './connector-config.js';
import type { ConnectorRow, ConnectorsRepo } from './connectors.repo.js';
import type { MessageBodyT, ScheduleBodyT } from './connectors.schemas.js';

export function channelsOf(pc: PlatformClient, row: ConnectorRow, robot: RobotSecrets | undefined): ConnectorChannels {
  if (pc.platform === 'dingtalk') {
    return {
      person: row.agent_id ? new DingTalkWorkNoticeChannel(pc.client) : null,
      robot: robot ? new DingTalkRobotChannel(pc.client, { webhookUrl: robot.webhookUrl, ...(robot.secret ? { secret: robot.secret } : {}) }) : null,
      calendar: null,
    };
  }
  return {
    person: row.agent_id ? new WeComAppChannel(pc.client) : null,
    robot: robot ? new WeComRobotChannel(pc.client, robot.webhookUrl) : null,
    calendar: new WeComScheduleChannel(pc.client),
  };
}

/** Bytes of content each channel takes (the smallest documented limit of the format it sends). */
function contentLimit(channel: NotificationChannel, format: 'text' | 'markdown', hasUrl: boolean): number {
  if (channel.kind === 'wecom_app' && format === 'markdown' && hasUrl) return 512;
  if (channel.kind === 'wecom_robot' && format === 'markdown') return 4096;
  return 2048;
}

function checkUrl(url: string): void {
  let u: URL | null = null;
  try {
    u = new URL(url);
  } catch {
    u = null;
  }
  const loopback = u !== null && (u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]');
  if (!u || !(u.protocol === 'https:' || (u.protocol === 'http:' && loopback))) {
    throw badRequest('INVALID_URL', 'url must be an https URL (plain http only to a loopback address)', { field: 'body.url' });
  }
}

type Linked = Map<number, string | null>;
type RecipientStatus = 'sent' | 'rejected' | 'not_linked' | 'mentioned';

export class ConnectorOutbound {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly repo: ConnectorsRepo,
    private readonly audit: AuditRepo,
    private readonly now: () => number,
  ) {}

  /** employee id → external id on this connector (null: not linked), in the order given; unknown employees are refused. */
  private async linked(row: ConnectorRow, employeeIds: number[], field: string): Promise<Linked> {
    const out: Linked = new Map(employeeIds.map((id) => [id, null]));
    if (employeeIds.length === 0) return out;
    const known = new Set(await this.repo.companyEmployeeIds(row.company_id, employeeIds));
    const missing = employeeIds.findIndex((id) => !known.has(id));
    if (missing >= 0) throw badRequest('UNKNOWN_EMPLOYEE', `employee ${employeeIds[missing]} does not exist in this company`, { field: `${field}[${missing}]` });
    const links = await this.repo.employeeIdentities(row.company_id, row.platform, row.corp_id, employeeIds);
    for (const l of links) if (out.get(l.employee_id) === null) out.set(l.employee_id, l.external_id);
    return out;
  }

  private record(actor: Actor, row: ConnectorRow, action: string, after: unknown) {
    return this.db.transaction().execute((trx) => this.audit.record(trx, actor, { action, entity: 'connector', entityId: row.id, companyId: row.company_id, after }));
  }

  async send(actor: Actor, row: ConnectorRow, channels: ConnectorChannels, body: MessageBodyT) {
    const target = body.target ?? 'employees';
    const format = body.format ?? 'markdown';
    const employeeIds = body.employeeIds ?? [];
    if (target === 'employees' && employeeIds.length === 0) throw badRequest('RECIPIENTS_REQUIRED', 'name the employees to send to', { field: 'body.employeeIds' });
    const channel = target === 'robot' ? channels.robot : channels.person;
    if (!channel) {
      throw target === 'robot'
        ? badRequest('ROBOT_NOT_CONFIGURED', `connector ${row.id} has no group robot: set robotWebhookUrl first`, { field: 'body.target' })
        : new AppError('CONNECTOR_BAD_CONFIG', `connector ${row.id} has no agent id: messages to employees need one`, 400, { field: 'agentId' });
    }
    if (body.url) checkUrl(body.url);
    const limit = contentLimit(channel, format, body.url !== undefined);
    if (Buffer.byteLength(body.content) > limit) {
      throw badRequest('MESSAGE_TOO_LONG', `content is ${Buffer.byteLength(body.content)} bytes; ${channel.kind} takes ${limit}`, { field: 'body.content', limit });
    }
    const linked = await this.linked(row, employeeIds, 'body.employeeIds');
    const externalIds = [...linked.values()].filter((x): x is string => x !== null);
    if (target === 'employees' && externalIds.length === 0) {
      throw badRequest('EMPLOYEE_NOT_LINKED', `none of the employees has a ${row.platform} identity on this connector`, { field: 'body.employeeIds' });
    }
    const message = { title: body.title ?? '', markdown: body.content, format, ...(body.url ? { url: body.url } : {}) };
    const summary = { target, channel: channel.kind, format, title: body.title ?? null, contentBytes: Buffer.byteLength(body.content), employees: employeeIds.length };
    let messageIds: string[] = [];
    let refused = new Set<string>();
    try {
      const res = await channel.send(message, externalIds);
      messageIds = res.messageIds;
      refused = new Set(res.rejectedRecipients);
    } catch (e) {
      // WeCom refuses the whole call when every recipient is invalid: that is a per-recipient outcome.
      if (target === 'employees' && isConnectorError(e, 'CONNECTOR_INVALID_RECIPIENTS')) refused = new Set(externalIds);
      else {
        await this.record(actor, row, 'connector.message', { ...summary, error: isConnectorError(e) ? e.code : 'SEND_FAILED' });
        throw e;
      }
    }
    const sent: RecipientStatus = target === 'robot' ? 'mentioned' : 'sent';
    const recipients = employeeIds.map((employeeId) => {
      const externalUserId = linked.get(employeeId) ?? null;
      const status: RecipientStatus = externalUserId === null ? 'not_linked' : refused.has(externalUserId) ? 'rejected' : sent;
      return { employeeId, externalUserId, status };
    });
    await this.record(actor, row, 'connector.message', { ...summary, messageIds, recipients: recipients.map((r) => ({ employeeId: r.employeeId, status: r.status })) });
    return { channel: channel.kind, target, messageIds, recipients };
  }

  async schedule(actor: Actor, row: ConnectorRow, channels: ConnectorChannels, body: ScheduleBodyT) {
    if (!channels.calendar) {
      throw new AppError('CONNECTOR_PLATFORM_UNSUPPORTED', `schedules are a WeCom feature; connector ${row.id} is ${row.platform}`, 409);
    }
    const start = parseIsoInstant(body.start);
    if (!start) throw badRequest('INVALID_DATE_TIME', `'${body.start}' is not an ISO 8601 time with an offset`, { field: 'body.start' });
    const end = parseIsoInstant(body.end);
    if (!end) throw badRequest('INVALID_DATE_TIME', `'${body.end}' is not an ISO 8601 time with an offset`, { field: 'body.end' });
    if (end.atMs <= start.atMs) throw badRequest('END_BEFORE_START', 'end must be after start', { field: 'body.end' });
    const linked = await this.linked(row, body.employeeIds, 'body.employeeIds');
    const attendees = [...linked.values()].filter((x): x is string => x !== null);
    if (attendees.length === 0) throw badRequest('EMPLOYEE_NOT_LINKED', `none of the employees has a ${row.platform} identity on this connector`, { field: 'body.employeeIds' });
    let organizer: string | undefined;
    if (body.organizerEmployeeId !== undefined) {
      organizer = (await this.linked(row, [body.organizerEmployeeId], 'body.organizerEmployeeId')).get(body.organizerEmployeeId) ?? undefined;
      if (!organizer) throw badRequest('EMPLOYEE_NOT_LINKED', `employee ${body.organizerEmployeeId} has no ${row.platform} identity on this connector`, { field: 'body.organizerEmployeeId' });
    }
    const reminders = [...(body.reminders ?? [])].sort((a, b) => a - b);
    const summary = { summary: body.summary, startAtMs: start.atMs, endAtMs: end.atMs, reminders, employees: body.employeeIds.length, attendees: attendees.length };
    let entryId: string;
    try {
      ({ entryId } = await channels.calendar.add(
        { summary: body.summary, description: body.description, location: body.location, startAtMs: start.atMs, endAtMs: end.atMs, remindBeforeMinutes: reminders },
        attendees,
        organizer,
      ));
    } catch (e) {
      await this.record(actor, row, 'connector.schedule', { ...summary, error: isConnectorError(e) ? e.code : 'SCHEDULE_FAILED' });
      throw e;
    }
    await this.record(actor, row, 'connector.schedule', { ...summary, scheduleId: entryId });
    return {
      scheduleId: entryId,
      startAtMs: start.atMs,
      endAtMs: end.atMs,
      attendees: body.employeeIds.map((employeeId) => {
        const externalUserId = linked.get(employeeId) ?? null;
        return { employeeId, externalUserId, status: externalUserId === null ? ('not_linked' as const) : ('invited' as const) };
      }),
    };
  }

  /** A plain message to one linked employee; `channel` is resolved only once the employee is known to be linked. */
  async testMessage(actor: Actor, row: ConnectorRow, channel: () => Promise<NotificationChannel>, body: { employeeId: number; text: string }) {
    const externalId = (await this.repo.employeeIdentities(row.company_id, row.platform, row.corp_id, [body.employeeId]))[0]?.external_id;
    if (externalId === undefined) throw badRequest('EMPLOYEE_NOT_LINKED', `employee ${body.employeeId} has no ${row.platform} identity on this connector`, { field: 'body.employeeId' });
    const result = await (await channel()).send({ title: 'Daka', markdown: body.text, dedupeToken: new Date(this.now()).toISOString() }, [externalId]);
    await this.db.transaction().execute((trx) =>
      this.audit.record(trx, actor, { action: 'connector.test_message', entity: 'connector', entityId: row.id, companyId: row.company_id, after: { employeeId: body.employeeId, messageIds: result.messageIds, rejected: result.rejectedRecipients.length } }),
    );
    return result;
  }
}
