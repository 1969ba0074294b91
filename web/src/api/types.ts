/**
 * The shapes the REST API (`/api/v1`) answers with: names for the types generated from the server's
 * OpenAPI document (schema.d.ts), and the labels shared with the server (src/shared/enums.ts).
 */
import type { ListItem, ResponseJson } from './typed';
import { CHECKIN_SOURCES, IDENTITY_KEYS, ROLES, TOKEN_SCOPES, type CheckinSource, type IdentityKey, type Role, type UserStatus } from '../../../src/shared/enums';

export { CHECKIN_SOURCES, IDENTITY_KEYS, ROLES, TOKEN_SCOPES };
export type { CheckinSource, IdentityKey, Role, UserStatus };

/** Record ids are opaque to the app: compare them with `sameId`, never by type. */
export type Id = number | string;
export const sameId = (a: Id | null | undefined, b: Id | null | undefined) =>
  a !== null && a !== undefined && b !== null && b !== undefined && String(a) === String(b);

type ListedUser = ListItem<'/api/v1/users'>;
/** A user as listed; "who am I" answers the same without the account fields, hence optional. */
export type User = Omit<ListedUser, 'status' | 'lastLoginAtMs' | 'createdAtMs'> & Partial<Pick<ListedUser, 'status' | 'lastLoginAtMs' | 'createdAtMs'>>;

export type Company = ListItem<'/api/v1/companies'>;
export type Department = ListItem<'/api/v1/departments'>;
export type Employee = ListItem<'/api/v1/employees'>;
export type EmployeeStatus = Employee['status'];
export type ImportResult = ResponseJson<'/api/v1/employees/import', 'post'>;
export type ImportProblem = ImportResult['problems'][number];

export type Geofence = NonNullable<Site['geofence']>;

export type Site = ListItem<'/api/v1/sites'>;


export interface PunchLocation {
  lat?: number | null;
  lng?: number | null;
  accuracyM?: number | null;
  address?: string | null;
  wifiSsid?: string | null;
  wifiBssid?: string | null;
}

// The server does not describe this answer in its OpenAPI document yet, so its shape is kept here.
export interface Checkin {
  id: Id;
  employeeId: Id | null;
  employeeName: string | null;
  jobNumber?: string | null;
  departmentName?: string | null;
  /** The machine's name and its site, found by its serial in the company. */
  deviceName?: string | null;
  deviceSiteName?: string | null;
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

// The server does not describe this answer in its OpenAPI document yet, so its shape is kept here.
export interface UnmatchedIdentity {
  provider: string;
  tenant: string;
  externalId: string;
  punchCount: number;
  firstAtMs: number;
  lastAtMs: number;
}


export type ApiToken = ListItem<'/api/v1/tokens'>;

// The server does not describe this answer in its OpenAPI document yet, so its shape is kept here.
export interface AuditEntry {
  id: Id;
  atMs: number;
  actorId: Id | null;
  actorName: string | null;
  ip: string | null;
  action: string;
  entity: string;
  entityId: Id | null;
  /** The entity's current name, when it has one. */
  entityName?: string | null;
  companyName?: string | null;
  before: unknown;
  after: unknown;
}
