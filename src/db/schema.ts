/**
 * The one database interface. Both dialects store the same shapes:
 * ids are integers, instants are epoch ms (`*_at_ms`), dates are `YYYY-MM-DD` text,
 * structured values are JSON text, flags are 0/1 integers.
 */
import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';
import type * as Attendance from './tables/attendance.js';
import type * as Connectors from './tables/connectors.js';
import type * as Core from './tables/core.js';
import type * as Devices from './tables/devices.js';
import type * as Notifications from './tables/notifications.js';
import type * as Leave from './tables/leave.js';
import type * as Outbox from './tables/outbox.js';
import type * as WebPunch from './tables/web-punch.js';
import type * as Webhooks from './tables/webhooks.js';

export type * from './tables/attendance.js';
export type * from './tables/connectors.js';
export type * from './tables/core.js';
export type * from './tables/devices.js';
export type * from './tables/notifications.js';
export type * from './tables/leave.js';
export type * from './tables/outbox.js';
export type * from './tables/web-punch.js';
export type * from './tables/webhooks.js';

export interface DB {
  companies: Core.CompaniesTable;
  departments: Core.DepartmentsTable;
  employees: Core.EmployeesTable;
  sites: Core.SitesTable;
  external_identities: Core.ExternalIdentitiesTable;
  checkins: Core.CheckinsTable;
  users: Core.UsersTable;
  user_companies: Core.UserCompaniesTable;
  sessions: Core.SessionsTable;
  login_failures: Core.LoginFailuresTable;
  api_tokens: Core.ApiTokensTable;
  audit_log: Core.AuditLogTable;
  jobs: Core.JobsTable;
  job_schedules: Core.JobSchedulesTable;
  settings: Core.SettingsTable;
  shift_types: Attendance.ShiftTypesTable;
  holiday_calendars: Attendance.HolidayCalendarsTable;
  calendar_days: Attendance.CalendarDaysTable;
  attendance_groups: Attendance.AttendanceGroupsTable;
  group_members: Attendance.GroupMembersTable;
  roster_entries: Attendance.RosterEntriesTable;
  leave_types: Attendance.LeaveTypesTable;
  requests: Attendance.RequestsTable;
  attendance_days: Attendance.AttendanceDaysTable;
  devices: Devices.DevicesTable;
  device_commands: Devices.DeviceCommandsTable;
  device_held_punches: Devices.DeviceHeldPunchesTable;
  device_events: Devices.DeviceEventsTable;
  device_photos: Devices.DevicePhotosTable;
  device_users: Devices.DeviceUsersTable;
  device_templates: Devices.DeviceTemplatesTable;
  device_oplog: Devices.DeviceOplogTable;
  device_user_pushes: Devices.DeviceUserPushesTable;
  device_template_copies: Devices.DeviceTemplateCopiesTable;
  device_gap_fills: Devices.DeviceGapFillsTable;
  device_alert_streams: Devices.DeviceAlertStreamsTable;
  connectors: Connectors.ConnectorsTable;
  connector_cursors: Connectors.ConnectorCursorsTable;
  connector_runs: Connectors.ConnectorRunsTable;
  connector_usage: Connectors.ConnectorUsageTable;
  connector_daily_calls: Connectors.ConnectorDailyCallsTable;
  callback_nonces: Connectors.CallbackNoncesTable;
  reconciliation_diffs: Connectors.ReconciliationDiffsTable;
  outbox_events: Outbox.OutboxEventsTable;
  outbox_deliveries: Outbox.OutboxDeliveriesTable;
  outbox_attempts: Outbox.OutboxAttemptsTable;
  notification_settings: Notifications.NotificationSettingsTable;
  notification_preferences: Notifications.NotificationPreferencesTable;
  notification_digest_items: Notifications.NotificationDigestItemsTable;
  notification_counts: Notifications.NotificationCountsTable;
  notification_templates: Notifications.NotificationTemplatesTable;
  punch_challenges: WebPunch.PunchChallengesTable;
  checkin_photos: WebPunch.CheckinPhotosTable;
  webhook_endpoints: Webhooks.WebhookEndpointsTable;
  calendar_feeds: Webhooks.CalendarFeedsTable;
  calendar_feed_items: Webhooks.CalendarFeedItemsTable;
  wecom_leave_schedules: Webhooks.WecomLeaveSchedulesTable;
  leave_ledger: Leave.LeaveLedgerTable;
  leave_request_costs: Leave.LeaveRequestCostsTable;
  overtime_compensation: Leave.OvertimeCompensationTable;
  month_closes: Leave.MonthClosesTable;
  month_confirmations: Leave.MonthConfirmationsTable;
  month_close_employees: Leave.MonthCloseEmployeesTable;
  payroll_adjustments: Leave.PayrollAdjustmentsTable;
}

export type Row<T extends keyof DB> = Selectable<DB[T]>;
export type NewRow<T extends keyof DB> = Insertable<DB[T]>;
export type RowPatch<T extends keyof DB> = Updateable<DB[T]>;
export type { ColumnType };
