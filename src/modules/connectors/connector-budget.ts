/**
 * A connector's call budget at run time: the plan (budget-plan.ts) from the calls used this month,
 * the headcount and whether events are pushed; what the API shows of it; and the state the schedule
 * keeps (last pull, pending coalesced re-queries) in connector_cursors.
 */
import { DEFAULT_BUDGET_SHARE, DOCUMENTED_ALLOWANCE, meteredMonthBounds, planBudget, type BudgetPlan } from './budget-plan.js';
import { DEFAULT_BUDGET_WARN_AT, pushChannelOf, settingsOf } from './connector-config.js';
import type { ConnectorRow, ConnectorsRepo } from './connectors.repo.js';
import type { SyncDeps } from './sync-context.js';
import { WECOM_PER_DAY } from '../../sources/wecom/limits.js';

const SCHEDULE_CURSOR = 'schedule';
const PUSH_CURSOR = 'push';
const REQUERY_CURSOR = 'requery';
/** Events within this long count as "pushed events are arriving". */
const PUSH_FRESH_MS = 24 * 3_600_000;
/** Users a coalesced re-query holds at most; beyond that the nightly re-sync catches up. */
const MAX_PENDING_USERS = 20_000;

export interface PendingRequery {
  users: Record<string, { from: string; to: string }>;
}

/** The allowance that applies: the setting, else the edition's documented one (null: none). */
export function allowanceOf(row: ConnectorRow): number | null {
  const s = settingsOf(row);
  if (s.budgetLimit !== undefined) return s.budgetLimit;
  return row.platform === 'dingtalk' ? DOCUMENTED_ALLOWANCE[`dingtalk:${s.edition ?? 'standard'}`] ?? null : DOCUMENTED_ALLOWANCE.wecom;
}

async function headcountOf(deps: BudgetDeps, row: ConnectorRow): Promise<number> {
  const dir = await deps.repo.getCursor<{ userIds?: string[] }>(row.id, 'directory');
  if (dir?.userIds?.length) return dir.userIds.length;
  return (await deps.repo.identityMap(row.company_id, row.platform, row.corp_id)).size;
}

/** DingTalk punch events arrive: a Stream connection is up, or callbacks came in the last day. */
export async function pushConnected(repo: ConnectorsRepo, row: ConnectorRow, nowMs: number): Promise<boolean> {
  if (row.platform !== 'dingtalk') return false;
  if (pushChannelOf(row) === 'stream') {
    const s = await repo.getCursor<{ state?: string }>(row.id, 'stream');
    if (s?.state === 'connected') return true;
  }
  const p = await repo.getCursor<{ lastEventAtMs: number }>(row.id, PUSH_CURSOR);
  return p !== null && nowMs - p.lastEventAtMs < PUSH_FRESH_MS;
}

const lastPushWrite = new Map<number, number>();
/** Notes that a punch event arrived (written at most once a minute per connector). */
export async function recordPushEvent(repo: ConnectorsRepo, connectorId: number, nowMs: number): Promise<void> {
  if (nowMs - (lastPushWrite.get(connectorId) ?? 0) < 60_000) return;
  lastPushWrite.set(connectorId, nowMs);
  await repo.putCursor(connectorId, PUSH_CURSOR, { lastEventAtMs: nowMs }, nowMs);
}

export interface BudgetView {
  month: string;
  used: number;
  /** The allowance (legacy name kept for clients). */
  limit: number | null;
  warnAt: number | null;
  warning: boolean;
  share: number;
  target: number | null;
  projectedMonthEnd: number;
  plan: BudgetPlan;
  pushConnected: boolean;
  headcount: number;
  lastPullAtMs: number | null;
}

/** What budgetView needs: the repo and the clock. */
export type BudgetDeps = Pick<SyncDeps, 'repo' | 'now'>;

export async function budgetView(deps: BudgetDeps, row: ConnectorRow): Promise<BudgetView> {
  const now = deps.now();
  const settings = settingsOf(row);
  const bounds = meteredMonthBounds(now);
  const used = await deps.repo.usage(row.id, bounds.month);
  const allowance = allowanceOf(row);
  const share = settings.budgetShare ?? DEFAULT_BUDGET_SHARE;
  const headcount = await headcountOf(deps, row);
  const push = await pushConnected(deps.repo, row, now);
  const plan = planBudget({
    platform: row.platform,
    allowance,
    share,
    headcount,
    usedThisMonth: used,
    nowMs: now,
    monthStartMs: bounds.startMs,
    monthEndMs: bounds.endMs,
    pushConnected: push,
    recentDays: settings.recentDays,
  });
  const warnAt = allowance === null ? null : settings.budgetWarnAt ?? DEFAULT_BUDGET_WARN_AT;
  const schedule = await deps.repo.getCursor<{ lastPullAtMs: number }>(row.id, SCHEDULE_CURSOR);
  return {
    month: bounds.month,
    used,
    limit: allowance,
    warnAt,
    warning: allowance !== null && warnAt !== null && used >= Math.ceil(allowance * warnAt),
    share,
    target: plan.target,
    projectedMonthEnd: plan.projectedMonthEnd,
    plan,
    pushConnected: push,
    headcount,
    lastPullAtMs: schedule?.lastPullAtMs ?? null,
  };
}

/** Whether the 10-minute tick should pull now, by the plan. */
export async function pullDue(deps: BudgetDeps, row: ConnectorRow): Promise<boolean> {
  const view = await budgetView(deps, row);
  if (view.plan.mode !== 'poll' || view.plan.pullIntervalMin === null) return false;
  // A minute of slack: the cron tick itself drifts by seconds.
  return view.lastPullAtMs === null || deps.now() - view.lastPullAtMs >= view.plan.pullIntervalMin * 60_000 - 60_000;
}

export async function markPulled(repo: ConnectorsRepo, connectorId: number, nowMs: number): Promise<void> {
  await repo.putCursor(connectorId, SCHEDULE_CURSOR, { lastPullAtMs: nowMs }, nowMs);
}

/** Adds users to the connector's pending re-query; returns how many are pending. */
export async function addPendingRequery(repo: ConnectorsRepo, connectorId: number, add: Record<string, { from: string; to: string }>, nowMs: number): Promise<number> {
  const pending = (await repo.getCursor<PendingRequery>(connectorId, REQUERY_CURSOR)) ?? { users: {} };
  for (const [u, r] of Object.entries(add)) {
    const seen = pending.users[u];
    if (!seen && Object.keys(pending.users).length >= MAX_PENDING_USERS) continue;
    pending.users[u] = seen ? { from: seen.from < r.from ? seen.from : r.from, to: seen.to > r.to ? seen.to : r.to } : r;
  }
  await repo.putCursor(connectorId, REQUERY_CURSOR, pending, nowMs);
  return Object.keys(pending.users).length;
}

/** Takes (and clears) the pending re-query. */
export async function takePendingRequery(repo: ConnectorsRepo, connectorId: number, nowMs: number): Promise<PendingRequery> {
  const pending = (await repo.getCursor<PendingRequery>(connectorId, REQUERY_CURSOR)) ?? { users: {} };
  await repo.putCursor(connectorId, REQUERY_CURSOR, { users: {} }, nowMs);
  return pending;
}

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** Today's use of an API the platform caps per app and China day (WeCom schedule/add). */
export interface DailyCapView {
  api: string;
  day: string;
  used: number;
  limit: number;
}

/** The day caps of the connector's platform, with today's use: what a full day waits for is visible before it happens. */
export async function dailyCapsView(deps: BudgetDeps, row: ConnectorRow): Promise<DailyCapView[]> {
  if (row.platform !== 'wecom') return [];
  const day = new Date(deps.now() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
  return Promise.all(Object.entries(WECOM_PER_DAY).map(async ([api, limit]) => ({ api, day, used: await deps.repo.dailyCalls(row.id, day, api), limit })));
}
