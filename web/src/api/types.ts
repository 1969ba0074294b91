/**
 * The shapes the REST API (`/api/v1`) answers with: names for the types generated from the server's
 * OpenAPI document (schema.d.ts), and the labels shared with the server (src/shared/enums.ts).
 */
import type { ListItem, ResponseJson } from './typed';
import { CHECKIN_SOURCES, IDENTITY_KEYS, ROLES, TOKEN_SCOPES, type CheckinSource, type IdentityKey, type Role, type UserStatus } from '../../../src/shared/enums';

export { CHECKIN_SOURCES, IDENTITY_KEYS, ROLES, TOKEN_SCOPES };
export type { CheckinSource, IdentityKey, Role, UserStatus };

/** Record ids, numbers as the API answers them. */
export type Id = number;
/** Whether two ids name the same record; either may be a stored string (a remembered choice, a URL parameter). */
export const sameId = (a: Id | string | null | undefined, b: Id | string | null | undefined) =>
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


/** A stored punch as listed (the detail adds `raw`, the record as its source sent it). */
export type Checkin = ListItem<'/api/v1/checkins'>;
export type PunchLocation = NonNullable<Checkin['location']>;

/** An identity with punches but no employee yet. */
export type UnmatchedIdentity = ListItem<'/api/v1/identities/unmatched'>;
export type LinkedIdentity = ResponseJson<'/api/v1/identities', 'post'>;

export type ApiToken = ListItem<'/api/v1/tokens'>;

/** One audited change (secrets redacted when it was recorded). */
export type AuditEntry = ListItem<'/api/v1/audit'>;
