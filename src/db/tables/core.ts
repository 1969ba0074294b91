/** Core tables: companies, people, identities, checkins, users, sessions, tokens, audit, jobs, settings. */
import type { ColumnType, Generated } from 'kysely';

export type Id = Generated<number>;
/** JSON text: both dialects store structured values as text. */
export type Json = string;

export interface CompaniesTable {
  id: Id;
  name: string;
  code: string;
  time_zone: string;
  /** JSON array of 'job_number' | 'email' | 'mobile'. */
  identity_match_order: Json;
  active: number;
  /** 1: the company's devices must present their token. */
  device_require_token: ColumnType<number, number | undefined, number>;
  /** 1: the company's devices must come from their allowed addresses. */
  device_require_allowed_ips: ColumnType<number, number | undefined, number>;
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
  /** 参加工作日期: start of cumulative working years (statutory annual leave). */
  work_start_date: string | null;
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

/** Failed logins per (username, source address); the row goes away after a success or once stale. */
export interface LoginFailuresTable {
  username: string;
  ip: string;
  failures: number;
  locked_until_ms: number | null;
  last_failed_at_ms: number;
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
  /** Higher runs first. */
  priority: Generated<number>;
  /** Jobs of one group share the worker's per-group concurrency limit. */
  group_key: string | null;
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
