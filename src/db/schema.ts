/**
 * The one database interface. Both dialects store the same shapes:
 * ids are integers, instants are epoch ms (`*_at_ms`), dates are `YYYY-MM-DD` text,
 * structured values are JSON text, flags are 0/1 integers.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Id = Generated<number>;
type Json = string;

export interface CompaniesTable {
  id: Id;
  name: string;
  code: string;
  time_zone: string;
  /** JSON array of 'job_number' | 'email' | 'mobile'. */
  identity_match_order: Json;
  active: number;
  created_at_ms: number;
  updated_at_ms: number;
}

export interface DepartmentsTable {
  id: Id;
  company_id: number;
  parent_id: number | null;
  name: string;
  code: string | null;
  manager_employee_id: number | null;
  active: number;
  created_at_ms: number;
  updated_at_ms: number;
}

export interface EmployeesTable {
  id: Id;
  company_id: number;
  job_number: string;
  name: string;
  email: string | null;
  mobile: string | null;
  department_id: number | null;
  manager_id: number | null;
  site_id: number | null;
  time_zone: string | null;
  hire_date: string | null;
  leave_date: string | null;
  status: 'active' | 'inactive';
  created_at_ms: number;
  updated_at_ms: number;
}

export interface SitesTable {
  id: Id;
  company_id: number;
  name: string;
  address: string | null;
  time_zone: string;
  geo_lat: number | null;
  geo_lng: number | null;
  geo_radius_m: number | null;
  active: number;
  created_at_ms: number;
  updated_at_ms: number;
}

export interface ExternalIdentitiesTable {
  id: Id;
  company_id: number;
  employee_id: number;
  provider: string;
  tenant: string;
  external_id: string;
  created_at_ms: number;
}

export interface CheckinsTable {
  id: Id;
  company_id: number;
  /** Null while the punch's identity is not linked to an employee. */
  employee_id: number | null;
  provider: string;
  tenant: string;
  external_id: string;
  at_ms: number;
  wall_time: string;
  utc_offset_min: number;
  time_zone: string;
  source: string;
  source_record_id: string | null;
  device_sn: string | null;
  verify_method: string | null;
  direction: string | null;
  location: Json | null;
  photo_ref: string | null;
  platform_result: string | null;
  raw: Json | null;
  received_at_ms: number;
  idempotency_key: string;
  /** Why the punch does not count yet (e.g. 'device_pending'); null when it counts. */
  hold_reason: string | null;
}

export interface UsersTable {
  id: Id;
  username: string;
  display_name: string;
  password_hash: string;
  role: 'admin' | 'hr' | 'manager' | 'employee';
  employee_id: number | null;
  locale: string | null;
  status: 'active' | 'disabled';
  failed_logins: number;
  locked_until_ms: number | null;
  must_change_password: number;
  last_login_at_ms: number | null;
  created_at_ms: number;
  updated_at_ms: number;
}

export interface UserCompaniesTable {
  user_id: number;
  company_id: number;
}

export interface SessionsTable {
  /** SHA-256 (hex) of the cookie value; the value itself is never stored. */
  token_hash: string;
  user_id: number;
  created_at_ms: number;
  expires_at_ms: number;
  last_seen_at_ms: number;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Id;
  user_id: number;
  name: string;
  token_hash: string;
  /** JSON array of scopes. */
  scopes: Json;
  created_at_ms: number;
  expires_at_ms: number | null;
  last_used_at_ms: number | null;
  revoked_at_ms: number | null;
}

export interface AuditLogTable {
  id: Id;
  at_ms: number;
  actor_user_id: number | null;
  actor_name: string;
  actor_token_id: number | null;
  ip: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  company_id: number | null;
  before: Json | null;
  after: Json | null;
}

export interface JobsTable {
  id: Id;
  queue: string;
  payload: Json;
  status: 'queued' | 'active' | 'done' | 'failed';
  run_at_ms: number;
  attempts: number;
  max_attempts: number;
  backoff_ms: number;
  singleton_key: string | null;
  last_error: string | null;
  locked_until_ms: number | null;
  created_at_ms: number;
  finished_at_ms: number | null;
}

export interface JobSchedulesTable {
  name: string;
  cron: string;
  time_zone: string;
  payload: Json;
  next_run_at_ms: number;
}

export interface SettingsTable {
  key: string;
  value: Json;
  updated_at_ms: number;
}

export interface ShiftTypesTable {
  id: Id;
  company_id: number;
  code: string;
  name: string;
  /** JSON: the engine's ShiftDef without `name` (wall times in minutes since midnight). */
  definition: Json;
  color: string | null;
  active: number;
  created_at_ms: number;
  updated_at_ms: number;
}

export interface HolidayCalendarsTable {
  id: Id;
  /** Null for a calendar shared by every company (e.g. China's statutory holidays). */
  company_id: number | null;
  code: string;
  name: string;
  /** JSON array of weekday numbers that are rest days when not listed (0 = Sunday … 6 = Saturday). */
  weekend_days: Json;
  created_at_ms: number;
  updated_at_ms: number;
}

export interface CalendarDaysTable {
  calendar_id: number;
  date: string;
  day_type: 'workday' | 'makeup_workday' | 'rest_day' | 'statutory_holiday';
  name: string | null;
  source: 'chinese-days' | 'manual';
}

export interface AttendanceGroupsTable {
  id: Id;
  company_id: number;
  name: string;
  /** fixed: same shift per weekday; roster: per-day entries or a cycle; free: no shift, worked time only. */
  kind: 'fixed' | 'roster' | 'free';
  time_zone: string | null;
  holiday_calendar_id: number | null;
  /** JSON: the engine's Policy plus approval and correction settings of the group. */
  policy: Json;
  /** JSON for fixed groups: { "0": shiftTypeId|null, …, "6": … } by weekday (0 = Sunday). */
  weekly: Json | null;
  /** JSON for roster groups with a cycle: { startDate, shiftTypeIds: (id|null)[] }. */
  roster_cycle: Json | null;
  /** JSON for free groups: { dayStartsAt: 'HH:mm', requiredMinutes }. */
  free_hours: Json | null;
  active: number;
  created_at_ms: number;
  updated_at_ms: number;
}

export interface GroupMembersTable {
  id: Id;
  company_id: number;
  group_id: number;
  /** Exactly one of department_id / employee_id. An individual membership beats a department one. */
  department_id: number | null;
  employee_id: number | null;
  effective_from: string;
  effective_to: string | null;
  created_at_ms: number;
}

export interface RosterEntriesTable {
  company_id: number;
  employee_id: number;
  date: string;
  /** Null means a rest day in the roster. */
  shift_type_id: number | null;
  updated_at_ms: number;
}

export interface LeaveTypesTable {
  id: Id;
  company_id: number;
  code: string;
  name: string;
  paid: number;
  unit: 'day' | 'half_day' | 'hour';
  active: number;
}

export interface RequestsTable {
  id: Id;
  company_id: number;
  employee_id: number;
  kind: 'leave' | 'overtime' | 'correction';
  status: 'pending' | 'approved' | 'rejected' | 'cancelled';
  leave_type: string | null;
  from_date: string | null;
  to_date: string | null;
  half: 'am' | 'pm' | null;
  hours: number | null;
  from_ms: number | null;
  to_ms: number | null;
  correction_at_ms: number | null;
  reason: string | null;
  source: 'web' | 'api' | 'dingtalk' | 'wecom';
  external_id: string | null;
  created_by_user_id: number | null;
  decided_by_user_id: number | null;
  decided_at_ms: number | null;
  decision_note: string | null;
  created_at_ms: number;
  updated_at_ms: number;
}

export interface AttendanceDaysTable {
  company_id: number;
  employee_id: number;
  date: string;
  group_id: number | null;
  shift_type_id: number | null;
  day_type: string;
  status: string;
  late: number;
  late_minutes: number;
  late_level: string;
  early: number;
  early_minutes: number;
  missing_in: number;
  missing_out: number;
  worked_minutes: number;
  overtime_minutes: number;
  overtime_category: string;
  overtime_pay_multiplier: number;
  unapproved_overtime_minutes: number | null;
  in_time: string | null;
  out_time: string | null;
  ignored_punch_count: number;
  duplicate_punch_count: number;
  leave_type: string | null;
  leave_half: string | null;
  corrections_used: number;
  /** JSON array of the engine's explanations. */
  explanation: Json | null;
  computed_at_ms: number;
}

export interface DevicesTable {
  id: Id;
  /** Null while pending: an unknown machine has not been given to a company yet. */
  company_id: number | null;
  site_id: number | null;
  vendor: 'zkteco' | 'hikvision' | 'other';
  model: string | null;
  serial_number: string;
  mac: string | null;
  name: string;
  /** Null: the site's zone, else the company's. */
  time_zone: string | null;
  status: 'pending' | 'active' | 'disabled';
  /** JSON StatusMap (status code → direction) or null for the default mapping. */
  status_map: Json | null;
  /** JSON PushOptions sent at handshake. */
  push_options: Json;
  /** Sealed (SecretBox) token a device must present, or null. */
  auth_token_sealed: string | null;
  /** JSON array of allowed source IPs/CIDRs, or null for any. */
  allowed_ips: Json | null;
  firmware: string | null;
  push_version: string | null;
  language: string | null;
  user_count: number | null;
  fp_count: number | null;
  face_count: number | null;
  attlog_count: number | null;
  /** JSON { attlog, operlog, photo } upload resume markers. */
  stamps: Json;
  last_seen_at_ms: number | null;
  last_upload_at_ms: number | null;
  /** Newest punch instant received from the device (lag = last upload − this). */
  last_punch_at_ms: number | null;
  last_ip: string | null;
  offline_after_min: number;
  /** 1 while heartbeats arrive; flips to 0 (with an event) after offline_after_min of silence. */
  online: number;
  created_at_ms: number;
  updated_at_ms: number;
}

export interface DeviceCommandsTable {
  id: Id;
  device_id: number;
  kind: string;
  command: string;
  status: 'queued' | 'sent' | 'done' | 'failed';
  return_code: number | null;
  result: Json | null;
  created_by_user_id: number | null;
  created_at_ms: number;
  sent_at_ms: number | null;
  finished_at_ms: number | null;
}

export interface DeviceHeldPunchesTable {
  device_id: number;
  idempotency_key: string;
  at_ms: number;
  /** JSON CheckinInput, ingested when the device is approved into a company. */
  payload: Json;
  received_at_ms: number;
}

export interface DeviceEventsTable {
  id: Id;
  device_id: number;
  kind: 'registered' | 'approved' | 'online' | 'offline' | 'gap' | 'reset' | 'command_failed';
  at_ms: number;
  details: Json | null;
}

export interface ConnectorsTable {
  id: Id;
  company_id: number;
  platform: 'dingtalk' | 'wecom';
  name: string;
  /** DingTalk corpId / WeCom corpid: the callback receive id and the identity tenant. */
  corp_id: string;
  /** DingTalk AppKey (client id) / WeCom: the app's AgentId as text. */
  app_key: string;
  agent_id: string | null;
  /** Sealed JSON { appSecret, callbackToken, encodingAesKey, robotSecrets? }: never returned or logged. */
  secrets_sealed: string;
  /** API base URL override (private deployments, simulators); null = the platform's public API. */
  base_url: string | null;
  /** JSON: sync schedule, field ownership, approval template → kind mapping, budget warning level. */
  settings: Json;
  status: 'active' | 'paused' | 'error';
  last_error: string | null;
  created_at_ms: number;
  updated_at_ms: number;
}

export interface ConnectorCursorsTable {
  connector_id: number;
  /** e.g. 'punches', 'approvals', 'backfill:<run id>' */
  kind: string;
  cursor: Json;
  updated_at_ms: number;
}

export interface ConnectorRunsTable {
  id: Id;
  connector_id: number;
  kind: 'directory' | 'punches' | 'backfill' | 'approvals' | 'reconcile' | 'callback';
  status: 'running' | 'succeeded' | 'failed';
  params: Json | null;
  /** JSON counts: calls, punches created/duplicate, users created/updated, errors… */
  counts: Json | null;
  error: string | null;
  started_at_ms: number;
  finished_at_ms: number | null;
}

export interface ConnectorUsageTable {
  connector_id: number;
  /** YYYY-MM: DingTalk meters API calls per month. */
  month: string;
  calls: number;
}

export interface CallbackNoncesTable {
  connector_id: number;
  nonce: string;
  at_ms: number;
}

export interface ReconciliationDiffsTable {
  id: Id;
  connector_id: number;
  company_id: number;
  employee_id: number | null;
  external_user_id: string;
  date: string;
  kind: 'missing_in_daka' | 'missing_on_platform' | 'different_result';
  platform: Json | null;
  daka: Json | null;
  created_at_ms: number;
  resolved_at_ms: number | null;
}

export interface DB {
  companies: CompaniesTable;
  departments: DepartmentsTable;
  employees: EmployeesTable;
  sites: SitesTable;
  external_identities: ExternalIdentitiesTable;
  checkins: CheckinsTable;
  users: UsersTable;
  user_companies: UserCompaniesTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  jobs: JobsTable;
  job_schedules: JobSchedulesTable;
  settings: SettingsTable;
  shift_types: ShiftTypesTable;
  holiday_calendars: HolidayCalendarsTable;
  calendar_days: CalendarDaysTable;
  attendance_groups: AttendanceGroupsTable;
  group_members: GroupMembersTable;
  roster_entries: RosterEntriesTable;
  leave_types: LeaveTypesTable;
  requests: RequestsTable;
  attendance_days: AttendanceDaysTable;
  devices: DevicesTable;
  device_commands: DeviceCommandsTable;
  device_held_punches: DeviceHeldPunchesTable;
  device_events: DeviceEventsTable;
  connectors: ConnectorsTable;
  connector_cursors: ConnectorCursorsTable;
  connector_runs: ConnectorRunsTable;
  connector_usage: ConnectorUsageTable;
  callback_nonces: CallbackNoncesTable;
  reconciliation_diffs: ReconciliationDiffsTable;
}

export type Row<T extends keyof DB> = Selectable<DB[T]>;
export type NewRow<T extends keyof DB> = Insertable<DB[T]>;
export type RowPatch<T extends keyof DB> = Updateable<DB[T]>;
export type { ColumnType };
