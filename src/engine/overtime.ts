/**
 * Overtime arithmetic shared by R7 (workday) and R10 (rest day / holiday).
 */
import type { OvertimeApproval, WorkdayOvertimePolicy } from './types.js';

/**
 * Minimum, then unit (R7 steps 2–3). A threshold of 0 disables its step, consistent with R9.
 */
export function finaliseMinutes(minutes: number, minMin: number, unitMin: number): number {
  if (minutes <= 0) return 0;
  if (minMin > 0 && minutes < minMin) return 0;
  if (unitMin > 0) return Math.floor(minutes / unitMin) * unitMin;
  return minutes;
}

/** Cap (R7 step 4); null or 0 means uncapped. */
export function capMinutes(minutes: number, capMin: number | null): number {
  return capMin !== null && capMin > 0 && minutes > capMin ? capMin : minutes;
}

const MIN_MS = 60_000;

/**
 * Workday overtime minutes (R7 steps 2–4) from the time past the threshold (`rawMs`) and the part
 * of it inside approvals (`approvedMs`): with approval required only the approved part counts.
 */
export function workdayOvertimeMinutes(rule: WorkdayOvertimePolicy, rawMs: number, approvedMs: number): number {
  const counted = rule.requiresApproval ? approvedMs : rawMs;
  return capMinutes(finaliseMinutes(Math.floor(counted / MIN_MS), rule.minMin, rule.unitMin), rule.capMin);
}

/** The worked overtime that approval would add (R7), 0 when no approval is required. */
export function unapprovedOvertimeMinutes(rule: WorkdayOvertimePolicy, rawMs: number, approvedMs: number): number {
  return rule.requiresApproval ? finaliseMinutes(Math.floor((rawMs - approvedMs) / MIN_MS), rule.minMin, rule.unitMin) : 0;
}

/**
 * Approved windows merged into disjoint, sorted [from, to) intervals, so that overlapping
 * approvals never count the same minute twice. Returns a flat array [from0, to0, from1, to1…].
 */
export function mergeApprovals(approvals: OvertimeApproval[]): Float64Array {
  if (approvals.length === 0) return EMPTY;
  const sorted = approvals
    .filter((a) => a.toMs > a.fromMs)
    .sort((a, b) => a.fromMs - b.fromMs || a.toMs - b.toMs);
  const out: number[] = [];
  for (const a of sorted) {
    const n = out.length;
    if (n > 0 && a.fromMs <= out[n - 1]) {
      if (a.toMs > out[n - 1]) out[n - 1] = a.toMs;
    } else {
      out.push(a.fromMs, a.toMs);
    }
  }
  return Float64Array.from(out);
}

const EMPTY = new Float64Array(0);

/** Length of [fromMs, toMs) covered by the merged approval windows. */
export function approvedWithin(merged: Float64Array, fromMs: number, toMs: number): number {
  let total = 0;
  for (let i = 0; i < merged.length; i += 2) {
    const lo = merged[i] > fromMs ? merged[i] : fromMs;
    const hi = merged[i + 1] < toMs ? merged[i + 1] : toMs;
    if (hi > lo) total += hi - lo;
  }
  return total;
}
