/** Notifications: company settings, personal preferences, manager digest items. */
import type { ColumnType } from 'kysely';
import type { Id } from './core.js';

export interface NotificationSettingsTable {
  id: Id;
  company_id: number;
  enabled: number;
  /** 'dingtalk' | 'wecom' | 'email': tried first for everyone without their own choice. */
  default_channel: string;
  dingtalk_connector_id: number | null;
  wecom_connector_id: number | null;
  /** The connector whose group robot gets team and operations posts. */
  robot_connector_id: number | null;
  /** Sealed JSON { host, port, secure, user, password, from }; never returned or logged. */
  smtp_sealed: string | null;
  /** Quiet hours as minutes of the day in the company's zone; end < start wraps past midnight. */
  quiet_start_min: number | null;
  quiet_end_min: number | null;
  /** Most messages one person gets a day (reminders and digests included). */
  daily_cap: number;
  /** When daily and weekly digests go out, minutes of the day. */
  digest_at_min: number;
  request_reminder_hours: number;
  remind_in_before_min: number;
  remind_out_after_min: number;
  /** JSON { "<groupId>": { inBeforeMin, outAfterMin, enabled } }: per attendance group overrides. */
  group_reminders: string;
  /** JSON list of the notification kinds that are on. */
  kinds: string;
  updated_at_ms: number;
  /** The webhook endpoint (purpose 'notifications') messages go to on the 'webhook' channel. */
  webhook_endpoint_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** Operations alerts: a device clock off by more than this many minutes. */
  ops_clock_skew_min: ColumnType<number, number | undefined, number>;
  /** Operations alerts: a device gap still unfilled this many hours after the device came back. */
  ops_gap_hours: ColumnType<number, number | undefined, number>;
  /** Operations alerts: the previous month still open this many days after it ended. */
  ops_month_close_days: ColumnType<number, number | undefined, number>;
}

/** HR's wording of one notification kind in one language; no row: the built-in default. */
export interface NotificationTemplatesTable {
  id: Id;
  company_id: number;
  kind: string;
  locale: string;
  title: string;
  body: string;
  updated_by_user_id: number | null;
  updated_at_ms: number;
}

export interface NotificationPreferencesTable {
  id: Id;
  company_id: number;
  employee_id: number;
  channel: string | null;
  locale: string | null;
  /** 'immediate' | 'daily' | 'weekly': how a manager hears of the team's anomalies. */
  manager_digest: string | null;
  /** JSON list of kinds the person turned off. */
  muted: string;
  updated_at_ms: number;
}

export interface NotificationDigestItemsTable {
  id: Id;
  company_id: number;
  manager_employee_id: number;
  /** Unique: an anomaly enters a manager's digest once. */
  item_key: string;
  department_id: number | null;
  employee_id: number;
  employee_name: string;
  date: string;
  kind: string;
  created_at_ms: number;
  sent_at_ms: number | null;
}

export interface NotificationCountsTable {
  employee_id: number;
  /** The person's day in the company's zone. */
  date: string;
  sent: number;
}
