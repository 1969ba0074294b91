/**
 * A connector's configuration as the rest of the module uses it: settings with their defaults,
 * secrets opened from the sealed column (kept in memory only), and one platform client per
 * connector, rebuilt when the row changes so token caches survive between runs.
 */
import { DingTalkClient } from '../../sources/dingtalk/index.js';
import { WeComClient } from '../../sources/wecom/index.js';
import type { BudgetStore, RetryPolicy } from '../../sources/platform/index.js';
import type { ApprovalKind } from '../../sources/platform/neutral.js';
import { AppError, badRequest } from '../../shared/errors.js';
import { egressPolicy } from '../../shared/egress/index.js';
import type { SecretBox } from '../../shared/secret-box.js';
import { parseJson, type ConnectorRow, type ConnectorsRepo } from './connectors.repo.js';
import { recordPause } from './connector-throttle.js';

export type FieldOwner = 'platform' | 'daka';
export const OWNED_FIELDS = ['name', 'jobNumber', 'email', 'mobile', 'departmentId', 'managerId'] as const;
export type OwnedField = (typeof OWNED_FIELDS)[number];

export interface ConnectorSettings {
  /** Tenant zone for dates and the platforms' wall-clock strings (default: the company's). */
  timeZone?: string;
  /** Who wins when Daka and the platform disagree on a field; default Daka (HR) except where Daka is empty. */
  fieldOwnership?: Partial<Record<OwnedField, FieldOwner>>;
  /** DingTalk process code / WeCom template id → kind. */
  templateKinds?: Record<string, ApprovalKind>;
  /** WeCom custom attributes that hold the job number. */
  jobNumberAttrs?: string[];
  /** Days before today the 10-minute incremental punch sync covers (default 1: yesterday and today). */
  recentDays?: number;
  /** Days back the approvals sync covers by default (default 7). */
  approvalDays?: number;
  /** The monthly call allowance (default: the edition's documented one) and the fraction at which to warn. */
  budgetLimit?: number;
  budgetWarnAt?: number;
  /** DingTalk edition: its documented limits (standard: 20 calls/s per API, 10 000 metered calls a month). */
  edition?: 'standard' | 'professional' | 'exclusive';
  /** Share of the allowance the schedule plans to spend (default 0.8). */
  budgetShare?: number;
  /** WeCom: each employee's approved leave appears as a schedule (日程) in their WeCom calendar (default off). */
  leaveSchedules?: boolean;
  /** Callback timestamp window in seconds (default 300). */
  callbackMaxSkewSec?: number;
  /** Reconciliation: worked-minute differences up to this many minutes are not reported (default 15). */
  reconcileToleranceMin?: number;
  /** How DingTalk pushes events: encrypted HTTP callbacks (default) or a Stream connection kept open by the workers. */
  pushChannel?: PushChannel;
  /** WeCom 假期管理 leave type id → Daka leave type code (default: the Daka type of the same name). */
  leaveTypeMap?: Record<string, string>;
}

export type PushChannel = 'callback' | 'stream';

export interface ConnectorSecrets {
  appSecret: string;
  callbackToken: string;
  encodingAesKey: string;
  /** The group robot: its webhook URL (the token or key in it is a credential) and DingTalk's signing secret. */
  robot?: RobotSecrets;
}

export interface RobotSecrets {
  webhookUrl: string;
  secret?: string;
}

export const DEFAULT_BUDGET_LIMIT = 10_000;
export const DEFAULT_BUDGET_WARN_AT = 0.8;

export function settingsOf(row: ConnectorRow): ConnectorSettings {
  return parseJson<ConnectorSettings>(row.settings, {});
}

export function pushChannelOf(row: ConnectorRow): PushChannel {
  return row.platform === 'dingtalk' && settingsOf(row).pushChannel === 'stream' ? 'stream' : 'callback';
}

/** Stream mode is DingTalk's; WeCom only pushes by HTTP callback. */
export function checkPushChannel(platform: ConnectorRow['platform'], settings: ConnectorSettings | undefined): void {
  if (settings?.pushChannel === 'stream' && platform !== 'dingtalk') {
    throw badRequest('PUSH_CHANNEL_UNSUPPORTED', 'only DingTalk connectors can receive events over Stream', { field: 'body.settings.pushChannel' });
  }
}

export function ownerOf(settings: ConnectorSettings, field: OwnedField): FieldOwner {
  return settings.fieldOwnership?.[field] ?? 'daka';
}

/**
 * A platform API base URL. Only the platform's official hosts and the base URLs the operator allows
 * (DAKA_CONNECTOR_BASE_URLS) are accepted: the app secret goes wherever this points.
 */
export function checkBaseUrl(url: string | null | undefined, platform: 'dingtalk' | 'wecom'): string | null {
  if (url === null || url === undefined || url === '') return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw badRequest('INVALID_BASE_URL', `'${url}' is not a URL`, { field: 'body.baseUrl' });
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw badRequest('INVALID_BASE_URL', 'baseUrl must be https (or http where the operator allows it)', { field: 'body.baseUrl' });
  if (u.search || u.hash || u.username || u.password) throw badRequest('INVALID_BASE_URL', 'baseUrl takes no query, fragment or credentials', { field: 'body.baseUrl' });
  const normalized = u.toString().replace(/\/$/, '');
  egressPolicy().assertConfigurable(platform, normalized + '/', 'body.baseUrl');
  return normalized;
}

export const last4 = (s: string) => (s.length > 8 ? s.slice(-4) : '');

/** Knobs tests and operators may tune for every client built by this process. */
export interface ClientTuning {
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
  concurrency?: number;
}

export type PlatformClient = { platform: 'dingtalk'; client: DingTalkClient } | { platform: 'wecom'; client: WeComClient };

class UsageStore implements BudgetStore {
  constructor(
    private readonly repo: ConnectorsRepo,
    private readonly connectorId: number,
  ) {}
  add(month: string, n: number): Promise<number> {
    return this.repo.addUsage(this.connectorId, month, n);
  }
  get(month: string): Promise<number> {
    return this.repo.usage(this.connectorId, month);
  }
}

/** CST month, the one DingTalk meters by. */
export const meteredMonth = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 7);

export class ConnectorClients {
  private readonly cache = new Map<number, { version: string; client: PlatformClient; secrets: ConnectorSecrets }>();
  tuning: ClientTuning = {};

  constructor(
    private readonly repo: ConnectorsRepo,
    private readonly box: SecretBox,
    /** The application's clock: the day a day-capped call is counted on. */
    private readonly now: () => number = Date.now,
  ) {}

  secretsOf(row: ConnectorRow): ConnectorSecrets {
    const s = parseJson<Partial<ConnectorSecrets>>(this.box.open(row.secrets_sealed), {});
    if (!s.appSecret || !s.callbackToken || !s.encodingAesKey) throw new AppError('CONNECTOR_BAD_CONFIG', `connector ${row.id} has incomplete secrets`, 400);
    return s as ConnectorSecrets;
  }

  /** Opened secrets, cached with the client (callbacks need them on every request). */
  secrets(row: ConnectorRow): ConnectorSecrets {
    return this.entry(row).secrets;
  }

  client(row: ConnectorRow, timeZone: string): PlatformClient {
    return this.entry(row, timeZone).client;
  }

  forget(id: number): void {
    this.cache.delete(id);
  }

  private entry(row: ConnectorRow, timeZone?: string) {
    const settings = settingsOf(row);
    const zone = settings.timeZone ?? timeZone ?? 'Asia/Shanghai';
    const version = `${row.updated_at_ms}:${row.secrets_sealed}:${row.status === 'paused'}:${zone}:${JSON.stringify(this.tuning)}`;
    const hit = this.cache.get(row.id);
    if (hit && hit.version === version) return hit;
    const secrets = this.secretsOf(row);
    const agentId = row.agent_id !== null && /^\d+$/.test(row.agent_id) ? Number(row.agent_id) : undefined;
    const onPause = (p: { pausedUntilMs: number; reason: 'ip_ban' | 'throttled'; api: string }) =>
      void recordPause(this.repo, row.id, { ...p, sinceMs: Date.now() }).catch(() => undefined);
    const common = { timeZone: zone, retry: this.tuning.retry, timeoutMs: this.tuning.timeoutMs, onPause };
    const client: PlatformClient =
      row.platform === 'dingtalk'
        ? {
            platform: 'dingtalk',
            client: new DingTalkClient({
              ...common,
              corpId: row.corp_id,
              appKey: row.app_key,
              appSecret: secrets.appSecret,
              agentId,
              ...(row.base_url ? { oapiBaseUrl: row.base_url, apiBaseUrl: row.base_url } : {}),
              budget: {
                limit: settings.budgetLimit ?? DEFAULT_BUDGET_LIMIT,
                warnAt: settings.budgetWarnAt ?? DEFAULT_BUDGET_WARN_AT,
                store: new UsageStore(this.repo, row.id),
                monthOf: meteredMonth,
              },
            }),
          }
        : {
            platform: 'wecom',
            client: new WeComClient({
              ...common,
              corpId: row.corp_id,
              secret: secrets.appSecret,
              agentId,
              ...(row.base_url ? { baseUrl: row.base_url } : {}),
              budget: { store: new UsageStore(this.repo, row.id), monthOf: meteredMonth },
              dailyCalls: { now: this.now, take: (day, api, limit) => this.repo.takeDailyCall(row.id, day, api, limit) },
            }),
          };
    const entry = { version, client, secrets };
    this.cache.set(row.id, entry);
    return entry;
  }
}
