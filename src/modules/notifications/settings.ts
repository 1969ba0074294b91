/** A company's notification settings as the code uses them, with the defaults of a company that set nothing. */
import type { Row } from '../../db/schema.js';
import type { PersonChannel, QuietHours } from './channel-choice.js';
import { NOTICE_KINDS, type NoticeKind } from './messages.js';

export interface GroupReminder {
  inBeforeMin?: number;
  outAfterMin?: number;
  enabled?: boolean;
}

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  password: string | null;
  from: string;
}

export interface NotificationSettings {
  companyId: number;
  enabled: boolean;
  defaultChannel: PersonChannel;
  dingtalkConnectorId: number | null;
  wecomConnectorId: number | null;
  robotConnectorId: number | null;
  quiet: QuietHours | null;
  dailyCap: number;
  digestAtMin: number;
  requestReminderHours: number;
  remindInBeforeMin: number;
  remindOutAfterMin: number;
  groupReminders: Record<string, GroupReminder>;
  kinds: Set<NoticeKind>;
  hasSmtp: boolean;
  /** The webhook endpoint (purpose 'notifications') of the 'webhook' channel. */
  webhookEndpointId: number | null;
  ops: OpsThresholds;
}

export interface OpsThresholds {
  /** A device clock off by more than this many minutes is reported. */
  clockSkewMin: number;
  /** A device gap not filled this many hours after the device came back is reported. */
  gapHours: number;
  /** The previous month still open this many days after its end is reported. */
  monthCloseDays: number;
}

export const DEFAULT_KINDS: NoticeKind[] = NOTICE_KINDS.filter((k) => k !== 'remind_in' && k !== 'remind_out');

export function settingsOf(companyId: number, row: Row<'notification_settings'> | undefined): NotificationSettings {
  if (!row) {
    return {
      companyId,
      enabled: false,
      defaultChannel: 'dingtalk',
      dingtalkConnectorId: null,
      wecomConnectorId: null,
      robotConnectorId: null,
      quiet: null,
      dailyCap: 20,
      digestAtMin: 18 * 60,
      requestReminderHours: 24,
      remindInBeforeMin: 10,
      remindOutAfterMin: 5,
      groupReminders: {},
      kinds: new Set(DEFAULT_KINDS),
      hasSmtp: false,
      webhookEndpointId: null,
      ops: { clockSkewMin: 5, gapHours: 6, monthCloseDays: 5 },
    };
  }
  return {
    companyId,
    enabled: row.enabled === 1,
    defaultChannel: row.default_channel as PersonChannel,
    dingtalkConnectorId: row.dingtalk_connector_id === null ? null : Number(row.dingtalk_connector_id),
    wecomConnectorId: row.wecom_connector_id === null ? null : Number(row.wecom_connector_id),
    robotConnectorId: row.robot_connector_id === null ? null : Number(row.robot_connector_id),
    quiet: row.quiet_start_min === null || row.quiet_end_min === null ? null : { startMin: row.quiet_start_min, endMin: row.quiet_end_min },
    dailyCap: row.daily_cap,
    digestAtMin: row.digest_at_min,
    requestReminderHours: row.request_reminder_hours,
    remindInBeforeMin: row.remind_in_before_min,
    remindOutAfterMin: row.remind_out_after_min,
    groupReminders: JSON.parse(row.group_reminders) as Record<string, GroupReminder>,
    kinds: new Set((JSON.parse(row.kinds) as string[]).filter((k): k is NoticeKind => (NOTICE_KINDS as readonly string[]).includes(k))),
    hasSmtp: row.smtp_sealed !== null,
    webhookEndpointId: row.webhook_endpoint_id === null ? null : Number(row.webhook_endpoint_id),
    ops: { clockSkewMin: row.ops_clock_skew_min, gapHours: row.ops_gap_hours, monthCloseDays: row.ops_month_close_days },
  };
}

/** Minutes before the shift start and after its end for one attendance group. */
export function reminderMinutes(s: NotificationSettings, groupId: number): { enabled: boolean; inBeforeMin: number; outAfterMin: number } {
  const g = s.groupReminders[String(groupId)] ?? {};
  return { enabled: g.enabled ?? true, inBeforeMin: g.inBeforeMin ?? s.remindInBeforeMin, outAfterMin: g.outAfterMin ?? s.remindOutAfterMin };
}
