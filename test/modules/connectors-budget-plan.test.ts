import { describe, expect, it } from 'vitest';
import { meteredMonthBounds, planBudget, type BudgetInputs } from '../../src/modules/connectors/budget-plan.js';

const month = meteredMonthBounds(Date.parse('2026-12-01T00:00:00+08:00'));
const base: BudgetInputs = {
  platform: 'dingtalk',
  allowance: 10_000,
  share: 0.8,
  headcount: 300,
  usedThisMonth: 0,
  nowMs: month.startMs,
  monthStartMs: month.startMs,
  monthEndMs: month.endMs,
  pushConnected: false,
};

describe('planBudget', () => {
  it('stretches the pull interval so a 300-person standard tenant stays under 80% of 10 000', () => {
    const plan = planBudget(base);
    expect(plan.mode).toBe('poll');
    expect(plan.callsPerPull).toBe(6);
    expect(plan.pullIntervalMin).toBeGreaterThan(10);
    expect(plan.projectedMonthEnd).toBeLessThanOrEqual(8_000);
    expect(plan.actions).toContain('pull_interval_stretched');
  });

  it('follows the calls left: late in a month with most of it spent, it pulls less often or stops', () => {
    const mid = month.startMs + 20 * 86_400_000;
    const a = planBudget({ ...base, nowMs: mid, usedThisMonth: 4_000 });
    const b = planBudget({ ...base, nowMs: mid, usedThisMonth: 7_000 });
    expect(a.pullIntervalMin!).toBeLessThan(b.pullIntervalMin ?? Infinity);
    const spent = planBudget({ ...base, nowMs: mid, usedThisMonth: 7_990 });
    expect(spent.mode).toBe('suspended');
    expect(spent.actions).toContain('polling_suspended');
    for (const p of [a, b]) expect(p.projectedMonthEnd).toBeLessThanOrEqual(8_000);
  });

  it('with events pushed, polling is replaced by coalesced re-queries and the nightly re-sync', () => {
    const plan = planBudget({ ...base, pushConnected: true });
    expect(plan.mode).toBe('events');
    expect(plan.pullIntervalMin).toBeNull();
    expect(plan.requeryCoalesceMin).toBeGreaterThanOrEqual(10);
    expect(plan.projectedMonthEnd).toBeLessThanOrEqual(8_000);
  });

  it('thins the fixed work when it alone would not fit: weekly re-sync, no reconciliation', () => {
    const plan = planBudget({ ...base, headcount: 10_000 });
    expect(plan.actions).toEqual(expect.arrayContaining(['resync_weekly', 'reconcile_skipped', 'polling_suspended']));
    expect(plan.projectedMonthEnd).toBeLessThanOrEqual(8_000);
  });

  it('WeCom and editions without a documented allowance pull at the minimum interval', () => {
    const plan = planBudget({ ...base, platform: 'wecom', allowance: null });
    expect(plan).toMatchObject({ mode: 'poll', pullIntervalMin: 10, target: null, underTarget: true });
    expect(plan.callsPerPull).toBe(3);
  });

  it('a configured share moves the target', () => {
    const plan = planBudget({ ...base, share: 0.5 });
    expect(plan.target).toBe(5_000);
    expect(plan.projectedMonthEnd).toBeLessThanOrEqual(5_000);
  });
});
