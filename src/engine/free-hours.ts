/**
 * Free-hours workdays (自由工时): a group without shifts, judged by worked time only.
 *
 * AHR-1 has no rule for free hours, so these follow DingTalk and WeCom free-hours groups, with the
 * AHR-1 rule each figure corresponds to:
 * - R1: the attendance day of date D is [D dayStartsAt, D+1 dayStartsAt); every punch in it belongs
 *   to D. Rest days and holidays of the group use the same boundary and stay R10 days (overtime of
 *   their category per the group policy).
 * - R4: there is no start or end time, hence no midpoint: with `first_last` (DingTalk 标准打卡) the
 *   first punch is the check-in and the last the check-out; with `pairs` (严格打卡) punches alternate.
 *   A lone punch, or a cluster shorter than minInOutGapMin, is a check-in with the check-out missing.
 * - R5 does not apply: never late.
 * - R8: worked = out − in (the sum of the pairs); no break is deducted, as there is no shift break.
 * - R6: a shortfall is reported as early leave (DingTalk: 工作时长不足记为早退). With both a check-in
 *   and a check-out, earlyMinutes = requiredMinutes − worked when positive, without grace. The day
 *   result has no separate shortfall field, and as early leave it reaches the stored day, the monthly
 *   早退 columns and the anomaly lists unchanged. Half-day leave halves the requirement (rounded
 *   down, R11); a requirement of 0 disables the check.
 * - R7: workday overtime is the time worked beyond requiredMinutes + startAfterMin, taken in time
 *   order, then approval, minimum, unit and cap as R7. None on a leave day, without a complete pair,
 *   or without a requirement (nothing marks the end of a normal day).
 * - R9: full-day leave → on_leave; no punch → absent; a missing side → missing_punch; otherwise
 *   present (no shift, so no half-day or absent thresholds).
 */
// evaluate-day.ts imports this module: LeaveKind is only read inside functions, after both have loaded.
import { LeaveKind, type DayContext } from './evaluate-day.js';
import { capParams, explainIntake, explainPairing, explainPunchesOnLeave, keptIds, type GroupRef } from './explain.js';
import { approvedWithin, unapprovedOvertimeMinutes, workdayOvertimeMinutes } from './overtime.js';
import { choosePairs } from './punch-pairs.js';
import type { DayPlan } from './shift-window.js';
import type { DayResult, DayStatus, Explanation, LeaveEntry } from './types.js';
import { formatLocalHHMM, formatLocalIso } from './zone-offsets.js';

const MIN_MS = 60_000;

interface FreeDayFacts {
  required: number;
  otRawMs: number;
  approvedMs: number;
}

export function evaluateFreeDay(
  ctx: DayContext,
  plan: DayPlan,
  leave: LeaveKind,
  hourly: LeaveEntry[] | null,
  ignored: number,
  group: Int32Array,
  from: number,
  to: number,
): DayResult {
  const { policy, scratch: s, zt } = ctx;
  const free = ctx.freeHours!;
  // No midpoint: a lone punch or a cluster is always the check-in.
  choosePairs(s, policy.pairing, policy.minInOutGapMin * MIN_MS, Infinity);
  const hasIn = !s.missingIn;
  const hasOut = !s.missingOut;

  const onLeave = leave === LeaveKind.Full;
  let workedMs = 0;
  for (let p = 0; p < s.pairCount; p++) workedMs += s.pairs[2 * p + 1] - s.pairs[2 * p];
  // R11: a full-day leave day counts no worked time, whatever punches exist.
  const workedMinutes = onLeave ? 0 : Math.floor(workedMs / MIN_MS);

  // R11a without a shift to clip to: the leave's length, bounded by a day, reduces the requirement.
  const leaveMinutes = hourly !== null && !onLeave ? hourlyLength(hourly) : 0;
  const half = leave === LeaveKind.Am || leave === LeaveKind.Pm;
  const required = Math.max(0, (half ? Math.floor(free.requiredMinutes / 2) : free.requiredMinutes) - leaveMinutes);
  const shortfall = hasIn && hasOut && workedMinutes < required ? required - workedMinutes : 0;

  const otPolicy = policy.overtime.workday;
  const thresholdMs = (required + otPolicy.startAfterMin) * MIN_MS;
  let overtimeMinutes = 0;
  let unapproved = 0;
  let otRawMs = 0;
  let approvedMs = 0;
  if (otPolicy.enabled && leave === LeaveKind.None && hourly === null && s.pairCount > 0 && free.requiredMinutes > 0) {
    let before = 0;
    for (let p = 0; p < s.pairCount; p++) {
      const a = s.pairs[2 * p];
      const b = s.pairs[2 * p + 1];
      const startMs = before >= thresholdMs ? a : a + (thresholdMs - before);
      before += b - a;
      if (b <= startMs) continue;
      otRawMs += b - startMs;
      if (otPolicy.requiresApproval) approvedMs += approvedWithin(ctx.approvals, startMs, b);
    }
    overtimeMinutes = workdayOvertimeMinutes(otPolicy, otRawMs, approvedMs);
    unapproved = unapprovedOvertimeMinutes(otPolicy, otRawMs, approvedMs);
  }

  let status: DayStatus;
  if (leave === LeaveKind.Full) status = 'on_leave';
  else if (s.keptCount === 0) status = 'absent';
  else if (s.missingIn || s.missingOut) status = 'missing_punch';
  else status = 'present';

  const result: DayResult = {
    status,
    late: false,
    lateMinutes: 0,
    lateLevel: 'none',
    early: !onLeave && shortfall > 0,
    earlyMinutes: onLeave ? 0 : shortfall,
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
  if (ctx.explain?.(result)) result.explanation = explainFreeDay(ctx, plan, leave, result, { required, otRawMs, approvedMs }, { group, from, to });
  return result;
}

function hourlyLength(entries: LeaveEntry[]): number {
  let total = 0;
  for (const e of entries) {
    if (e.fromMin !== undefined && e.toMin !== undefined) total += e.toMin > e.fromMin ? e.toMin - e.fromMin : e.toMin + 1440 - e.fromMin;
    else if (e.minutes !== undefined && e.minutes > 0) total += e.minutes;
  }
  return Math.min(total, 1440);
}

function explainFreeDay(ctx: DayContext, plan: DayPlan, leave: LeaveKind, r: DayResult, f: FreeDayFacts, g: GroupRef): Explanation[] {
  const out: Explanation[] = [];
  const hm = (ms: number) => formatLocalHHMM(ctx.zt, ms);
  const mins = (ms: number) => Math.round(ms / MIN_MS);
  const s = ctx.scratch;
  const k = s.keptCount;
  const p = ctx.policy;
  const free = ctx.freeHours!;
  explainIntake(ctx, r, g, out);
  out.push({ field: 'inTime', rule: 'R1', code: 'freeDay', params: { from: hm(plan.restStartMs), to: hm(plan.restEndMs) } });
  if (leave === LeaveKind.Am || leave === LeaveKind.Pm) {
    out.push({ field: 'status', rule: 'R11', code: 'freeHalfDayLeave', params: { half: leave === LeaveKind.Am ? 'am' : 'pm', required: free.requiredMinutes, halved: Math.floor(free.requiredMinutes / 2) } });
  }
  if (r.leaveMinutes > 0) out.push({ field: 'leaveMinutes', rule: 'R11a', code: 'freeHourlyLeave', params: { minutes: r.leaveMinutes, required: f.required } });
  // R4
  if (k === 0) out.push({ field: 'missingIn', rule: 'R4', code: 'freeNoPunch', params: {} });
  else if (s.cluster) {
    const code = k === 1 ? 'freeSingle' : 'freeCluster';
    const params: Record<string, string | number> = k === 1 ? { punch: hm(s.kept[0]) } : { count: k, gap: p.minInOutGapMin, first: hm(s.kept[0]) };
    out.push({ field: 'missingOut', rule: 'R4', code, params, punchIds: keptIds(ctx, [0]) });
  } else explainPairing(ctx, hm, out);
  out.push({ field: 'late', rule: 'R5', code: 'freeNotLate', params: {} });
  // R8
  const spans: string[] = [];
  for (let i = 0; i < s.pairCount; i++) spans.push(`${hm(s.pairs[2 * i])}–${hm(s.pairs[2 * i + 1])} (${mins(s.pairs[2 * i + 1] - s.pairs[2 * i])})`);
  if (leave === LeaveKind.Full && s.pairCount > 0) out.push({ field: 'workedMinutes', rule: 'R8', code: 'workedOnLeave', params: {} });
  else if (s.pairCount === 0) out.push({ field: 'workedMinutes', rule: 'R8', code: 'workedNoPair', params: {} });
  else out.push({ field: 'workedMinutes', rule: 'R8', code: 'freeWorked', params: { minutes: r.workedMinutes, spans: spans.join(' + ') } });
  // R6: the shortfall against requiredMinutes is the early leave.
  if (r.status === 'on_leave') out.push({ field: 'early', rule: 'R6', code: 'freeNotEarlyLeave', params: {} });
  else if (r.missingIn || r.missingOut) out.push({ field: 'early', rule: 'R6', code: 'freeShortfallNotJudged', params: {} });
  else if (f.required === 0) out.push({ field: 'early', rule: 'R6', code: 'freeNoRequirement', params: {} });
  else if (r.early) out.push({ field: 'early', rule: 'R6', code: 'freeShort', params: { minutes: r.earlyMinutes, worked: r.workedMinutes, required: f.required } });
  else out.push({ field: 'early', rule: 'R6', code: 'freeNotShort', params: { worked: r.workedMinutes, required: f.required } });
  // R7
  const ot = p.overtime.workday;
  if (!ot.enabled) out.push({ field: 'overtimeMinutes', rule: 'R7', code: 'otDisabled', params: {} });
  else if (leave !== LeaveKind.None || r.leaveMinutes > 0) out.push({ field: 'overtimeMinutes', rule: 'R7', code: 'otLeaveDay', params: {} });
  else if (s.pairCount === 0) out.push({ field: 'overtimeMinutes', rule: 'R7', code: 'otNoPair', params: {} });
  else if (free.requiredMinutes === 0) out.push({ field: 'overtimeMinutes', rule: 'R7', code: 'freeOtNoRequirement', params: {} });
  else {
    const basis = { minutes: r.overtimeMinutes, raw: mins(f.otRawMs), required: f.required, startAfter: ot.startAfterMin, ...capParams(ot) };
    if (ot.requiresApproval) {
      out.push({ field: 'overtimeMinutes', rule: 'R7', code: 'freeOvertimeApproval', params: { ...basis, approved: mins(f.approvedMs), unapproved: r.unapprovedOvertimeMinutes ?? 0 } });
    } else out.push({ field: 'overtimeMinutes', rule: 'R7', code: 'freeOvertime', params: basis });
  }
  // R9
  const rule = r.status === 'on_leave' ? 'R11' : 'R9';
  const status = r.status;
  if (status === 'on_leave') out.push({ field: 'status', rule, code: 'statusOnLeave', params: { status } });
  else if (k === 0) out.push({ field: 'status', rule, code: 'statusNoPunch', params: { status } });
  else if (status === 'missing_punch') out.push({ field: 'status', rule, code: 'freeStatusMissing', params: { status } });
  else out.push({ field: 'status', rule, code: 'freeStatusPresent', params: { status } });
  if (r.flags?.includes('punches_on_leave')) explainPunchesOnLeave(ctx, out);
  return out;
}
