import type { Id } from '../../api/types';

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

export type BudgetAction =
  | 'pull_interval_stretched'
  | 'polling_replaced_by_events'
  | 'polling_suspended'
  | 'resync_weekly'
  | 'reconcile_skipped'
  | 'requeries_coalesced'
  | 'requeries_left_to_resync';

export interface Usage {
  month: string;
  used: number;
  /** The monthly allowance, or null when none applies. */
  limit: number | null;
  warnAt: number | null;
  warning: boolean;
  share: number;
  target: number | null;
  projectedMonthEnd: number;
  pushConnected: boolean;
  headcount: number;
  lastPullAtMs: number | null;
  plan: {
    mode: 'poll' | 'events' | 'suspended';
    pullIntervalMin: number | null;
    callsPerPull: number;
    requeries: 'immediate' | 'coalesced' | 'resync_only' | 'none';
    requeryCoalesceMin: number | null;
    resyncEveryDays: number;
    reconcile: boolean;
    underTarget: boolean;
    actions: BudgetAction[];
  };
}

export interface Throttle {
  pausedUntilMs: number;
  reason: string;
  api: string;
  sinceMs: number;
}

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
