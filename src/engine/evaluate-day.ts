/**
 * One attendance date from its attributed punches: R2–R11.
 *
 * Numbers are computed into locals; explanations are assembled afterwards from the same figures,
 * and only when asked, so the default path builds one result object per day and nothing else.
 */
import { explainRestDay, explainShiftDay, type ShiftDayFacts } from './explain.js';
import { evaluateFreeDay } from './free-hours.js';
import { applyHourlyLeave, leaveOverlapMs } from './hourly-leave.js';
import { approvedWithin, capMinutes, finaliseMinutes, unapprovedOvertimeMinutes, workdayOvertimeMinutes } from './overtime.js';
import { choosePairs, dedupeAndTruncate, type PairScratch } from './punch-pairs.js';
import { breakWindowOverlapMs, overlapMs, type DayPlan } from './shift-window.js';
import type { DayResult, DayStatus, FreeHoursDef, LateLevel, LeaveEntry, Policy } from './types.js';
import { formatLocalIso, type ZoneTable } from './zone-offsets.js';

const MIN_MS = 60_000;

/** Leave on a date: none, morning half, afternoon half, or the whole day. */
export type LeaveKind = 0 | 1 | 2 | 3;
export const LeaveKind = { None: 0, Am: 1, Pm: 2, Full: 3 } as const;

export interface DayContext {
  policy: Policy;
  zt: ZoneTable;
  /** Merged approved overtime windows (see mergeApprovals). */
  approvals: Float64Array;
  scratch: PairScratch;
  /** Which days get an explanation; null when none do. */
  explain: ((result: DayResult) => boolean) | null;
  /** Id of each sorted punch, for explanations; null when not explaining. */
  punchIds: string[] | null;
  withUnapproved: boolean;
  /** The free-hours settings of the input, null for shift-based groups. */
  freeHours: FreeHoursDef | null;
}

export function evaluateDay(
  ctx: DayContext,
  plan: DayPlan,
  leaveKind: LeaveKind,
  hourly: LeaveEntry[] | null,
  ignored: number,
  times: Float64Array,
  group: Int32Array,
  from: number,
  to: number,
): DayResult {
  const { policy, scratch: s } = ctx;
  dedupeAndTruncate(s, times, group, from, to, policy.dedupeWindowSec * 1000, policy.truncateToMinute);
  if (plan.kind !== 'shift') {
    return plan.kind === 'free' ? evaluateFreeDay(ctx, plan, leaveKind, hourly, ignored, group, from, to) : evaluateNonWorkday(ctx, plan, ignored, group, from, to);
  }

  const shift = plan.shift!;
  const inst = plan.inst!;
  // R11: the expected segment is the working half on a half-leave day.
  let segStart = inst.startMs;
  let segEnd = inst.endMs;
  const hasBreak = inst.breakStartMs === inst.breakStartMs; // not NaN
  if (leaveKind === LeaveKind.Am) segStart = hasBreak ? inst.breakEndMs : (inst.startMs + inst.endMs) / 2;
  else if (leaveKind === LeaveKind.Pm) segEnd = hasBreak ? inst.breakStartMs : (inst.startMs + inst.endMs) / 2;
  // R11a: hourly leave moves the segment's ends it covers; covering all of it is a full day.
  let leave = leaveKind;
  let leaveWindows: number[] | null = null;
  let leaveMinutes = 0;
  const halfSegStart = segStart;
  const halfSegEnd = segEnd;
  if (hourly !== null && leave !== LeaveKind.Full) {
    const h = applyHourlyLeave(ctx.zt, shift, inst, plan.dayIndex, hourly, segStart, segEnd);
    leaveWindows = h.windows;
    leaveMinutes = Math.round(h.leaveMs / MIN_MS);
    segStart = h.segStart;
    segEnd = h.segEnd;
    if (segEnd <= segStart) {
      leave = LeaveKind.Full;
      segStart = halfSegStart;
      segEnd = halfSegEnd;
    }
  }
  const midMs = (segStart + segEnd) / 2;
  choosePairs(s, policy.pairing, policy.minInOutGapMin * MIN_MS, midMs);

  const hasIn = !s.missingIn;
  const hasOut = !s.missingOut;
  // R5a: flexible hours shift the whole segment by the clamped arrival offset.
  let flexMs = 0;
  if (shift.flex && hasIn) {
    flexMs = s.inMs - segStart;
    const lateMax = shift.flex.lateMaxMin * MIN_MS;
    const earlyMax = -shift.flex.earlyMaxMin * MIN_MS;
    if (flexMs > lateMax) flexMs = lateMax;
    else if (flexMs < earlyMax) flexMs = earlyMax;
  }
  const effStart = segStart + flexMs;
  const effEnd = segEnd + flexMs;

  // R5: partial minutes count as a started minute, so `late` and lateMinutes never disagree.
  const lateRaw = hasIn && s.inMs > effStart ? Math.ceil((s.inMs - effStart) / MIN_MS) : 0;
  const late = lateRaw > shift.graceLateMin;
  const lateMinutes = late ? lateRaw : 0;
  let lateLevel: LateLevel = 'none';
  if (late) {
    if (shift.absenteeismLateMin > 0 && lateMinutes > shift.absenteeismLateMin) lateLevel = 'absenteeism';
    else if (shift.seriousLateMin > 0 && lateMinutes > shift.seriousLateMin) lateLevel = 'serious';
    else lateLevel = 'late';
  }
  // R6
  const earlyRaw = hasOut && s.outMs < effEnd ? Math.ceil((effEnd - s.outMs) / MIN_MS) : 0;
  const early = earlyRaw > shift.graceEarlyMin;
  const earlyMinutes = early ? earlyRaw : 0;

  // R8: complete pairs minus their overlap with the shift break, not clipped to the shift.
  let workedMs = 0;
  let breakMs = 0;
  let leaveOverlap = 0;
  for (let p = 0; p < s.pairCount; p++) {
    const a = s.pairs[2 * p];
    const b = s.pairs[2 * p + 1];
    const ov = hasBreak ? overlapMs(a, b, inst.breakStartMs, inst.breakEndMs) : 0;
    // R11a: time inside approved hourly leave is leave, not work (L excludes the break already).
    const lv = leaveWindows !== null ? leaveOverlapMs(leaveWindows, a, b) : 0;
    workedMs += b - a - ov - lv;
    breakMs += ov;
    leaveOverlap += lv;
  }
  // R11: a full-day leave day counts no worked time, whatever punches exist.
  const onLeave = leave === LeaveKind.Full;
  const workedMinutes = onLeave ? 0 : Math.floor(workedMs / MIN_MS);

  // R7: only after effectiveEnd + startAfterMin, never on a leave day or without a complete pair.
  const otPolicy = policy.overtime.workday;
  let overtimeMinutes = 0;
  let unapproved = 0;
  let otRawMs = 0;
  let approvedMs = 0;
  const otStartMs = effEnd + otPolicy.startAfterMin * MIN_MS;
  if (otPolicy.enabled && leave === LeaveKind.None && hourly === null && s.pairCount > 0) {
    for (let p = 0; p < s.pairCount; p++) {
      const a = s.pairs[2 * p] > otStartMs ? s.pairs[2 * p] : otStartMs;
      const b = s.pairs[2 * p + 1];
      if (b <= a) continue;
      otRawMs += b - a;
      if (otPolicy.requiresApproval) approvedMs += approvedWithin(ctx.approvals, a, b);
    }
    overtimeMinutes = workdayOvertimeMinutes(otPolicy, otRawMs, approvedMs);
    unapproved = unapprovedOvertimeMinutes(otPolicy, otRawMs, approvedMs);
  }

  // R9 (thresholds halved on a half-leave day, R11, and reduced by hourly leave, R11a, never
  // below 0; 0 disables a threshold).
  const half = leave === LeaveKind.Am || leave === LeaveKind.Pm;
  const absentBelow = Math.max(0, (half ? shift.absentBelowMin / 2 : shift.absentBelowMin) - leaveMinutes);
  const halfDayBelow = Math.max(0, (half ? shift.halfDayBelowMin / 2 : shift.halfDayBelowMin) - leaveMinutes);
  let status: DayStatus;
  if (leave === LeaveKind.Full) status = 'on_leave';
  else if (s.keptCount === 0) status = 'absent';
  else if (s.missingIn || s.missingOut) status = 'missing_punch';
  else if (absentBelow > 0 && workedMinutes < absentBelow) status = 'absent';
  else if (halfDayBelow > 0 && workedMinutes < halfDayBelow) status = 'half_day';
  else status = 'present';

  // A full-day leave expects nothing: punches are kept for the record and flagged for HR (the
  // leave may need withdrawing), but raise no anomaly and count no time (R11).
  const zt = ctx.zt;
  const result: DayResult = {
    status,
    late: onLeave ? false : late,
    lateMinutes: onLeave ? 0 : lateMinutes,
    lateLevel: onLeave ? 'none' : lateLevel,
    early: onLeave ? false : early,
    earlyMinutes: onLeave ? 0 : earlyMinutes,
    missingIn: onLeave ? false : s.missingIn,
    missingOut: onLeave ? false : s.missingOut,
    workedMinutes,
    overtimeMinutes,
    overtimeCategory: plan.category,
    overtimePayMultiplier: policy.overtime.payMultiplier[plan.category],
    inTime: hasIn && !onLeave ? formatLocalIso(zt, s.inMs) : null,
    outTime: hasOut && !onLeave ? formatLocalIso(zt, s.outMs) : null,
    ignoredPunchCount: ignored,
    duplicatePunchCount: s.duplicateCount,
    leaveMinutes,
  };
  if (ctx.withUnapproved) result.unapprovedOvertimeMinutes = unapproved;
  if (onLeave && s.keptCount > 0) result.flags = ['punches_on_leave'];
  if (ctx.explain?.(result)) {
    const facts: ShiftDayFacts = {
      leave,
      hourly: hourly !== null,
      leaveOverlapMs: leaveOverlap,
      segStart,
      segEnd,
      midMs,
      flexMs,
      effStart,
      effEnd,
      lateRaw,
      breakMs,
      workedMs,
      otStartMs,
      otRawMs,
      approvedMs,
      absentBelow,
      halfDayBelow,
    };
    result.explanation = explainShiftDay(ctx, plan, result, facts, { group, from, to });
  }
  return result;
}

/** R10: rest days and holidays (with or without a shift), and unscheduled workdays. */
function evaluateNonWorkday(
  ctx: DayContext,
  plan: DayPlan,
  ignored: number,
  group: Int32Array,
  from: number,
  to: number,
): DayResult {
  const { policy, scratch: s, zt } = ctx;
  const k = s.keptCount;
  const gapMs = policy.minInOutGapMin * MIN_MS;
  const hasPair = k >= 2 && s.kept[k - 1] - s.kept[0] >= gapMs;
  const cat = plan.category;
  const otPolicy = cat === 'holiday' ? policy.overtime.holiday : policy.overtime.restday;
  let workedMs = 0;
  let breakMs = 0;
  let overtimeMinutes = 0;
  if (hasPair) {
    const a = s.kept[0];
    const b = s.kept[k - 1];
    breakMs = breakWindowOverlapMs(zt, plan.dayIndex, otPolicy.breakWindow, a, b);
    workedMs = b - a - breakMs;
    if (otPolicy.enabled && cat !== 'workday') {
      overtimeMinutes = capMinutes(
        finaliseMinutes(Math.floor(workedMs / MIN_MS), otPolicy.minMin, otPolicy.unitMin),
        otPolicy.capMin,
      );
    }
  }
  const result: DayResult = {
    status: plan.dayType === 'statutory_holiday' ? 'holiday' : 'rest',
    late: false,
    lateMinutes: 0,
    lateLevel: 'none',
    early: false,
    earlyMinutes: 0,
    missingIn: false,
    missingOut: false,
    workedMinutes: Math.floor(workedMs / MIN_MS),
    overtimeMinutes,
    overtimeCategory: cat,
    overtimePayMultiplier: policy.overtime.payMultiplier[cat],
    inTime: k > 0 ? formatLocalIso(zt, s.kept[0]) : null,
    outTime: hasPair ? formatLocalIso(zt, s.kept[k - 1]) : null,
    ignoredPunchCount: ignored,
    duplicatePunchCount: s.duplicateCount,
    leaveMinutes: 0,
  };
  if (ctx.withUnapproved) result.unapprovedOvertimeMinutes = 0;
  if (ctx.explain?.(result)) result.explanation = explainRestDay(ctx, plan, result, { group, from, to }, hasPair, breakMs, otPolicy);
  return result;
}
