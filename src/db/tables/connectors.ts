/** DingTalk and WeCom apps: connectors, cursors, runs, metered usage, callback nonces, reconciliation. */
import type { Id, Json } from './core.js';

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
  /** Sealed JSON { appSecret, callbackToken, encodingAesKey, robot? }: never returned or logged. */
  secrets_sealed: string;
  /** API base URL override (private deployments, simulators); null = the platform's public API. */
  base_url: string | null;
  /** JSON: sync schedule, field ownership, approval template → kind mapping, budget warning level. */
  settings: Json;
  status: 'active' | 'paused' | 'error';
  last_error: string | null;
  created_at_ms: number;
  updated_at_ms: number;
  /** Set when the connector was deleted: the row stays as a tombstone without secrets. */
  deleted_at_ms: number | null;
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

/** Calls of a day-capped API (WeCom schedule/add) per connector and China day. */
export interface ConnectorDailyCallsTable {
  connector_id: number;
  /** YYYY-MM-DD in China time. */
  day: string;
  api: string;
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
  /** JSON array of the fields a different_result disagrees on (late, early, absent, …). */
  fields: Json | null;
  created_at_ms: number;
  resolved_at_ms: number | null;
}
