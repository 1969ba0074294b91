/**
 * The call budget of a connector, planned from its edition's monthly allowance (pure: no I/O, no
 * clock). DingTalk's standard edition meters 10 000 calls a month (90020 after that; token and
 * contacts calls are free); at the old fixed 10-minute pull a 300-person tenant spent ~25 900. The
 * plan keeps the projected month-end total under `share` of the allowance:
 * - the fixed work comes first: the nightly re-sync (the safety net), the approvals, reconciliation;
 * - with events pushed (DingTalk callbacks or Stream), polling stops: event-triggered re-queries,
 *   coalesced per connector, and the nightly re-sync are all that is left;
 * - otherwise the pull interval follows from the calls left and the time left in the month;
 * - when even the fixed work does not fit it is thinned (a weekly 7-day re-sync costs what one
 *   nightly day costs; reconciliation is skipped) and the plan says so.
 */

export type Platform = 'dingtalk' | 'wecom';
export type DingTalkEdition = 'standard' | 'professional' | 'exclusive';

/**
 * Documented monthly allowances (platforms.md §1.5). Only DingTalk's standard edition documents one
 * (10 000 metered calls); the others and WeCom document per-second/minute/hour limits only, so an
 * operator with a contract quota sets `monthlyAllowance`.
 */
export const DOCUMENTED_ALLOWANCE: Record<string, number | null> = {
  'dingtalk:standard': 10_000,
  'dingtalk:professional': null,
  'dingtalk:exclusive': null,
  wecom: null,
};

export const DEFAULT_BUDGET_SHARE = 0.8;
export const MIN_PULL_INTERVAL_MIN = 10;
export const MAX_PULL_INTERVAL_MIN = 24 * 60;
const DAY_MS = 86_400_000;

export interface BudgetInputs {
  platform: Platform;
  /** Calls per month, or null when none applies. */
  allowance: number | null;
  /** Share of the allowance the plan may spend, 0..1. */
  share: number;
  headcount: number;
  usedThisMonth: number;
  nowMs: number;
  monthStartMs: number;
  monthEndMs: number;
  /** Punch events arrive by callback or Stream (DingTalk only: WeCom pushes no punches). */
  pushConnected: boolean;
  /** Days before today each incremental pull covers (default 1). */
  recentDays?: number;
}

export type BudgetAction =
  | 'pull_interval_stretched'
  | 'polling_replaced_by_events'
  | 'polling_suspended'
  | 'resync_weekly'
  | 'reconcile_skipped'
  | 'requeries_coalesced'
  | 'requeries_left_to_resync';

export interface BudgetPlan {
  allowance: number | null;
  target: number | null;
  mode: 'poll' | 'events' | 'suspended';
  /** Minutes between incremental pulls; null when there are none. */
  pullIntervalMin: number | null;
  callsPerPull: number;
  /**
   * Event re-queries: one per person and event as they come ('immediate', while that fits), or
   * waiting `requeryCoalesceMin` and going out together, 50 people a call ('coalesced'), or left to
   * the nightly re-sync ('resync_only'); 'none' without pushed events.
   */
  requeries: 'immediate' | 'coalesced' | 'resync_only' | 'none';
  requeryCoalesceMin: number | null;
  /** The safety-net re-sync: every `resyncEveryDays` days, the last `resyncEveryDays` days. */
  resyncEveryDays: number;
  reconcile: boolean;
  /** Calls per day of the fixed work (re-sync, approvals, reconciliation, re-queries). */
  fixedPerDay: number;
  projectedMonthEnd: number;
  underTarget: boolean;
  actions: BudgetAction[];
}

/** Punch events a person makes on a day, for the cost of immediate re-queries. */
export const EVENTS_PER_PERSON_DAY = 2;

/** Users per call and days per call of each platform's punch API. */
export function punchCallShape(platform: Platform) {
  return platform === 'dingtalk' ? { users: 50, days: 7 } : { users: 100, days: 30 };
}

/** What a month of work costs per day, before any pulls. */
export function fixedCallsPerDay(platform: Platform, headcount: number, opts: { resyncEveryDays: number; reconcile: boolean; requeryFlushesPerDay: number }) {
  const shape = punchCallShape(platform);
  const chunks = Math.ceil(headcount / shape.users);
  const resync = chunks / opts.resyncEveryDays;
  // DingTalk attendance/list pages 50 results, two slots a person a day; WeCom's day report takes 100 users.
  const reconcile = opts.reconcile ? (platform === 'dingtalk' ? 2 * Math.ceil(headcount / 50) : Math.ceil(headcount / 100)) : 0;
  // Approvals: listing per template (about 5) plus one detail per request (about one person in 60 a day).
  const approvals = 5 + headcount / 60;
  const requeries = opts.requeryFlushesPerDay * chunks;
  return resync + reconcile + approvals + requeries;
}

export function planBudget(input: BudgetInputs): BudgetPlan {
  const headcount = Math.max(0, Math.floor(input.headcount));
  const shape = punchCallShape(input.platform);
  const chunks = Math.ceil(headcount / shape.users);
  const callsPerPull = chunks * Math.ceil((Math.max(0, input.recentDays ?? 1) + 1) / shape.days);
  const monthMs = Math.max(DAY_MS, input.monthEndMs - input.monthStartMs);
  const leftMs = Math.min(monthMs, Math.max(0, input.monthEndMs - input.nowMs));
  const daysLeft = leftMs / DAY_MS;
  const share = Math.min(1, Math.max(0.05, input.share));
  const target = input.allowance === null ? null : Math.floor(input.allowance * share);
  const actions: BudgetAction[] = [];
  const push = input.pushConnected && input.platform === 'dingtalk';

  // No allowance: the documented rate limits are the only bound; pull at the minimum interval.
  if (target === null) {
    const fixed = fixedCallsPerDay(input.platform, headcount, { resyncEveryDays: 1, reconcile: true, requeryFlushesPerDay: 0 }) + (push ? headcount * EVENTS_PER_PERSON_DAY : 0);
    const pulls = push ? 0 : (leftMs / 60_000) / MIN_PULL_INTERVAL_MIN;
    return finish(null, push ? 'events' : 'poll', push ? null : MIN_PULL_INTERVAL_MIN, null, 1, true, fixed, pulls, push ? 'immediate' : 'none');
  }

  const left = Math.max(0, target - input.usedThisMonth);
  // Thin the fixed work until it fits in what is left: weekly re-sync first, then no reconciliation.
  let resyncEveryDays = 1;
  let reconcile = true;
  let flushes = 0;
  const fits = () => fixedCallsPerDay(input.platform, headcount, { resyncEveryDays, reconcile, requeryFlushesPerDay: 0 }) * daysLeft <= left;
  if (!fits()) {
    resyncEveryDays = 7;
    actions.push('resync_weekly');
  }
  if (!fits()) {
    reconcile = false;
    actions.push('reconcile_skipped');
  }
  const fixedBase = fixedCallsPerDay(input.platform, headcount, { resyncEveryDays, reconcile, requeryFlushesPerDay: 0 });
  const spare = Math.max(0, left - fixedBase * daysLeft);

  if (push) {
    // Worst case every flush carries every person: the flush interval that spends at most `spare`.
    actions.push('polling_replaced_by_events');
    if (headcount * EVENTS_PER_PERSON_DAY * daysLeft <= spare) {
      const fixed = fixedBase + headcount * EVENTS_PER_PERSON_DAY;
      return finish(target, 'events', null, null, resyncEveryDays, reconcile, fixed, 0, 'immediate');
    }
    flushes = chunks === 0 || daysLeft === 0 ? 0 : Math.min((24 * 60) / MIN_PULL_INTERVAL_MIN, spare / daysLeft / chunks);
    if (flushes < 1) {
      // Not even one flush a day fits: the nightly re-sync picks the events' punches up instead.
      actions.push('requeries_left_to_resync');
      return finish(target, 'events', null, null, resyncEveryDays, reconcile, fixedBase, 0, 'resync_only');
    }
    actions.push('requeries_coalesced');
    const coalesceMin = Math.max(MIN_PULL_INTERVAL_MIN, Math.ceil((24 * 60) / flushes));
    flushes = (24 * 60) / coalesceMin;
    const fixed = fixedCallsPerDay(input.platform, headcount, { resyncEveryDays, reconcile, requeryFlushesPerDay: flushes });
    return finish(target, 'events', null, coalesceMin, resyncEveryDays, reconcile, fixed, 0, 'coalesced');
  }

  const pullsAffordable = callsPerPull === 0 ? Number.POSITIVE_INFINITY : Math.floor(spare / callsPerPull);
  // Fewer than one pull a day left: the nightly re-sync is the only pull that fits.
  if (pullsAffordable < daysLeft || leftMs === 0) {
    actions.push('polling_suspended');
    return finish(target, 'suspended', null, null, resyncEveryDays, reconcile, fixedBase, 0);
  }
  const interval = Math.min(MAX_PULL_INTERVAL_MIN, Math.max(MIN_PULL_INTERVAL_MIN, Math.ceil(leftMs / 60_000 / pullsAffordable)));
  if (interval > MIN_PULL_INTERVAL_MIN) actions.push('pull_interval_stretched');
  return finish(target, 'poll', interval, null, resyncEveryDays, reconcile, fixedBase, Math.floor(leftMs / 60_000 / interval));

  function finish(
    t: number | null,
    mode: BudgetPlan['mode'],
    pullIntervalMin: number | null,
    requeryCoalesceMin: number | null,
    every: number,
    rec: boolean,
    fixed: number,
    pulls: number,
    requeries: BudgetPlan['requeries'] = 'none',
  ): BudgetPlan {
    const projectedMonthEnd = Math.ceil(input.usedThisMonth + fixed * daysLeft + pulls * callsPerPull);
    return {
      allowance: input.allowance,
      target: t,
      mode,
      pullIntervalMin,
      callsPerPull,
      requeries,
      requeryCoalesceMin,
      resyncEveryDays: every,
      reconcile: rec,
      fixedPerDay: Math.round(fixed * 10) / 10,
      projectedMonthEnd,
      underTarget: t === null || projectedMonthEnd <= t,
      actions,
    };
  }
}

/** The CST month DingTalk meters by, as [start, end) epoch ms. */
export function meteredMonthBounds(nowMs: number): { month: string; startMs: number; endMs: number } {
  const cst = new Date(nowMs + 8 * 3_600_000);
  const y = cst.getUTCFullYear();
  const m = cst.getUTCMonth();
  const startMs = Date.UTC(y, m, 1) - 8 * 3_600_000;
  const endMs = Date.UTC(y, m + 1, 1) - 8 * 3_600_000;
  return { month: cst.toISOString().slice(0, 7), startMs, endMs };
}
