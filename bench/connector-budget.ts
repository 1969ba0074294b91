/**
 * Projected monthly platform calls of one connector at 300, 3 000 and 10 000 people, DingTalk and
 * WeCom, with and without pushed events, against the edition's allowance.
 *   npx tsx bench/connector-budget.ts
 * The in-run baseline is the old fixed schedule (a pull every 10 minutes, nightly re-sync, daily
 * reconciliation): what the connector spent before it planned from its allowance. Prints one JSON
 * object; `pass` says every planned projection is under its allowance.
 */
import { DEFAULT_BUDGET_SHARE, DOCUMENTED_ALLOWANCE, fixedCallsPerDay, meteredMonthBounds, planBudget, punchCallShape, type Platform } from '../src/modules/connectors/budget-plan.js';
import { WECOM_PER_MINUTE } from '../src/sources/wecom/limits.js';

const { startMs, endMs, month } = meteredMonthBounds(Date.parse('2026-12-01T00:00:00+08:00'));
const days = (endMs - startMs) / 86_400_000;
const rows = [];
let pass = true;

for (const platform of ['dingtalk', 'wecom'] as Platform[]) {
  for (const headcount of [300, 3_000, 10_000]) {
    for (const pushConnected of platform === 'dingtalk' ? [false, true] : [false]) {
      const documented = DOCUMENTED_ALLOWANCE[platform === 'dingtalk' ? 'dingtalk:standard' : 'wecom'];
      // WeCom documents no monthly quota; its binding documented limit is getcheckindata's 600/min.
      const ceiling = documented ?? WECOM_PER_MINUTE['/cgi-bin/checkin/getcheckindata'] * 60 * 24 * days;
      const plan = planBudget({ platform, allowance: documented, share: DEFAULT_BUDGET_SHARE, headcount, usedThisMonth: 0, nowMs: startMs, monthStartMs: startMs, monthEndMs: endMs, pushConnected });
      const shape = punchCallShape(platform);
      const perPull = Math.ceil(headcount / shape.users) * Math.ceil(2 / shape.days);
      const fixedOld = fixedCallsPerDay(platform, headcount, { resyncEveryDays: 1, reconcile: true, requeryFlushesPerDay: 0 });
      const oldSchedule = Math.ceil(perPull * 6 * 24 * days + fixedOld * days);
      const under = plan.projectedMonthEnd <= ceiling;
      pass &&= under;
      rows.push({
        platform,
        edition: platform === 'dingtalk' ? 'standard' : null,
        headcount,
        pushConnected,
        allowance: documented,
        allowanceSource: documented === null ? 'none documented; bound = getcheckindata 600/min over the month' : 'platforms.md §1.5 (90020)',
        bound: ceiling,
        target: plan.target,
        projectedMonthlyCalls: plan.projectedMonthEnd,
        underAllowance: under,
        share: +(plan.projectedMonthEnd / ceiling).toFixed(4),
        mode: plan.mode,
        pullIntervalMin: plan.pullIntervalMin,
        requeryCoalesceMin: plan.requeryCoalesceMin,
        resyncEveryDays: plan.resyncEveryDays,
        reconcile: plan.reconcile,
        actions: plan.actions,
        baselineFixed10MinSchedule: oldSchedule,
      });
    }
  }
}
console.log(JSON.stringify({ bench: 'connector-budget', month, days, share: DEFAULT_BUDGET_SHARE, rows, pass }));
