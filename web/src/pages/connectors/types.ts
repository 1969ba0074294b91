import type { Id } from '../../api/types';
import type { ResponseJson } from '../../api/typed';

export type Platform = 'dingtalk' | 'wecom';
export type Owner = 'platform' | 'daka';
export const OWNED_FIELDS = ['name', 'jobNumber', 'email', 'mobile', 'departmentId', 'managerId'] as const;
export type ApprovalKind = 'leave' | 'correction' | 'overtime';

export interface ConnectorSettings {
  timeZone?: string;
  fieldOwnership?: Partial<Record<(typeof OWNED_FIELDS)[number], Owner>>;
  templateKinds?: Record<string, ApprovalKind>;
  jobNumberAttrs?: string[];
  recentDays?: number;
  approvalDays?: number;
  budgetLimit?: number;
  budgetWarnAt?: number;
  callbackMaxSkewSec?: number;
}

export interface Connector {
  id: Id;
  companyId: Id;
  platform: Platform;
  name: string;
  corpId: string;
  appKey: string;
  agentId: string | null;
  baseUrl: string | null;
  settings: ConnectorSettings;
  status: 'active' | 'paused' | 'error';
  lastError: string | null;
  hasSecret: boolean;
  appSecretLast4: string;
  hasCallbackToken: boolean;
  hasEncodingAesKey: boolean;
  callbackPath: string;
  createdAtMs: number;
  updatedAtMs: number;
}

export interface Run {
  id: Id;
  kind: string;
  status: string;
  params: unknown;
  counts: unknown;
  error: string | null;
  startedAtMs: number;
  finishedAtMs: number | null;
}

/** The connector's detail as the server documents it (generated from its OpenAPI document). */
type ConnectorDetailJson = ResponseJson<'/api/v1/connectors/{id}'>;
/** Calls used this month, the month-end projection and the plan that keeps it under the allowance. */
export type Usage = ConnectorDetailJson['usage'];
export type BudgetAction = Usage['plan']['actions'][number];
/** A platform ban pause, with when it ends. */
export type Throttle = NonNullable<ConnectorDetailJson['throttle']>;

export interface ConnectorDetail extends Connector {
  lastRuns: Run[];
  usage: Usage;
  throttle?: Throttle | null;
}

export interface Diff {
  id: Id;
  employeeId: Id | null;
  externalUserId: string;
  date: string;
  kind: 'missing_in_daka' | 'missing_on_platform' | 'different_result';
  platform: unknown;
  daka: unknown;
  createdAtMs: number;
}

export const SYNC_KINDS = ['directory', 'punches', 'approvals', 'reconcile'] as const;
export type SyncKind = (typeof SYNC_KINDS)[number];
