/** The shapes the REST API (`/api/v1`) answers with. */

/** Record ids are opaque to the app: compare them with `sameId`, never by type. */
export type Id = number | string;
export const sameId = (a: Id | null | undefined, b: Id | null | undefined) =>
  a !== null && a !== undefined && b !== null && b !== undefined && String(a) === String(b);

export type Role = 'admin' | 'hr' | 'manager' | 'employee';
export const ROLES: Role[] = ['admin', 'hr', 'manager', 'employee'];

export interface User {
  id: Id;
  username: string;
  displayName: string;
  role: Role;
  companyIds: Id[];
  employeeId: Id | null;
  locale: string | null;
  mustChangePassword?: boolean;
  status?: UserStatus;
  lastLoginAtMs?: number | null;
  createdAtMs?: number;
}

export type UserStatus = 'active' | 'disabled';

export type IdentityKey = 'job_number' | 'email' | 'mobile';
export const IDENTITY_KEYS: IdentityKey[] = ['job_number', 'email', 'mobile'];

export interface Company {
  id: Id;
  name: string;
  code: string;
  timeZone: string;
  identityMatchOrder: IdentityKey[];
  active: boolean;
  /** The company's time clocks must present their token / come from their allowed addresses. */
  deviceRequireToken: boolean;
  deviceRequireAllowedIps: boolean;
}

export interface Department {
  id: Id;
  companyId: Id;
  parentId: Id | null;
  name: string;
  code: string | null;
  managerEmployeeId: Id | null;
  active: boolean;
}

export type EmployeeStatus = 'active' | 'inactive';

export interface Employee {
  id: Id;
  companyId: Id;
  jobNumber: string;
  name: string;
  email: string | null;
  mobile: string | null;
  departmentId: Id | null;
  managerId: Id | null;
  siteId?: Id | null;
  timeZone: string | null;
  hireDate: string | null;
  leaveDate: string | null;
  status: EmployeeStatus;
}

export interface ImportProblem {
  line: number;
  column: string | null;
  code: string;
  message: string;
}

export interface ImportResult {
  dryRun: boolean;
  total: number;
  valid: number;
  created: number;
  updated: number;
  problems: ImportProblem[];
}

export interface Geofence {
  lat: number;
  lng: number;
  radiusM: number;
}

export interface Site {
  id: Id;
  companyId: Id;
  name: string;
  address: string | null;
  timeZone: string;
  geofence: Geofence | null;
  active: boolean;
}

export const CHECKIN_SOURCES = ['zkteco', 'hikvision', 'dingtalk', 'wecom', 'api', 'web', 'file', 'correction'] as const;
export type CheckinSource = (typeof CHECKIN_SOURCES)[number];

export interface PunchLocation {
  lat?: number | null;
  lng?: number | null;
  accuracyM?: number | null;
  address?: string | null;
  wifiSsid?: string | null;
  wifiBssid?: string | null;
}

export interface Checkin {
  id: Id;
  employeeId: Id | null;
  employeeName: string | null;
  atMs: number;
  wallTime: string;
  utcOffsetMin: number;
  timeZone: string;
  source: string;
  sourceRecordId: string | null;
  deviceSn: string | null;
  verifyMethod: string | null;
  direction: string | null;
  location: PunchLocation | null;
  matched: boolean;
  /** Kept aside (e.g. outside the employee's employment) and not used for attendance. */
  held?: boolean;
  holdReason?: string | null;
}

export interface UnmatchedIdentity {
  provider: string;
  tenant: string;
  externalId: string;
  punchCount: number;
  firstAtMs: number;
  lastAtMs: number;
}

export const TOKEN_SCOPES = ['read', 'write', 'checkins:write', 'admin'] as const;

export interface ApiToken {
  id: Id;
  userId?: Id;
  name: string;
  scopes: string[];
  createdAtMs: number;
  lastUsedAtMs: number | null;
  expiresAtMs: number | null;
  revokedAtMs?: number | null;
}

export interface AuditEntry {
  id: Id;
  atMs: number;
  actorId: Id | null;
  actorName: string | null;
  ip: string | null;
  action: string;
  entity: string;
  entityId: Id | null;
  before: unknown;
  after: unknown;
}
