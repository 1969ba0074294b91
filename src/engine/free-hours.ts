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
import { explainIntake, explainPairing, keptIds, type GroupRef } from './explain.js';
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
  out.push({ field: 'inTime', rule: 'R1', text: `free hours (自由工时): the attendance day runs ${hm(plan.restStartMs)}–${hm(plan.restEndMs)} next day, with no start or end time` });
  if (leave === LeaveKind.Am || leave === LeaveKind.Pm) {
    out.push({ field: 'status', rule: 'R11', text: `${leave === LeaveKind.Am ? 'am' : 'pm'} half-day leave: required ${free.requiredMinutes} halved to ${f.required} min` });
  }
  // R4
  if (k === 0) out.push({ field: 'missingIn', rule: 'R4', text: 'no punch in the attendance day: check-in and check-out missing' });
  else if (s.cluster) {
    const what = k === 1 ? `single punch ${hm(s.kept[0])}` : `${k} punches within ${p.minInOutGapMin} min from ${hm(s.kept[0])}`;
    out.push({ field: 'missingOut', rule: 'R4', text: `${what}: the first punch is the check-in, check-out missing`, punchIds: keptIds(ctx, [0]) });
  } else explainPairing(ctx, hm, out);
  out.push({ field: 'late', rule: 'R5', text: 'not late: free hours have no start time' });
  // R8
  const spans: string[] = [];
  for (let i = 0; i < s.pairCount; i++) spans.push(`${hm(s.pairs[2 * i])}–${hm(s.pairs[2 * i + 1])} (${mins(s.pairs[2 * i + 1] - s.pairs[2 * i])})`);
  out.push({ field: 'workedMinutes', rule: 'R8', text: s.pairCount === 0 ? 'worked 0 min: no complete pair' : `worked ${r.workedMinutes} min: ${spans.join(' + ')}, no break deducted` });
  // R6: the shortfall against requiredMinutes is the early leave.
  let early: string;
  if (r.status === 'on_leave') early = 'not early: full-day leave';
  else if (r.missingIn || r.missingOut) early = 'shortfall not judged: a check-in or check-out is missing';
  else if (f.required === 0) early = 'not early: no required minutes';
  else if (r.early) early = `short ${r.earlyMinutes} min: worked ${r.workedMinutes} < required ${f.required}, reported as early leave`;
  else early = `not short: worked ${r.workedMinutes} ≥ required ${f.required}`;
  out.push({ field: 'early', rule: 'R6', text: early });
  // R7
  const ot = p.overtime.workday;
  let otText: string;
  if (!ot.enabled) otText = 'workday overtime disabled';
  else if (leave !== LeaveKind.None) otText = 'no workday overtime on a day with leave';
  else if (s.pairCount === 0) otText = 'no workday overtime without a complete pair';
  else if (free.requiredMinutes === 0) otText = 'no workday overtime without required minutes';
  else {
    const basis = `${mins(f.otRawMs)} min worked beyond required ${f.required} + ${ot.startAfterMin}`;
    const approval = ot.requiresApproval ? `, ${mins(f.approvedMs)} approved (${r.unapprovedOvertimeMinutes ?? 0} unapproved)` : '';
    otText = `overtime ${r.overtimeMinutes} min: ${basis}${approval}; min ${ot.minMin}, unit ${ot.unitMin}, cap ${ot.capMin ?? 'none'}`;
  }
  out.push({ field: 'overtimeMinutes', rule: 'R7', text: otText });
  // R9
  let why: string;
  if (r.status === 'on_leave') why = 'full-day approved leave';
  else if (k === 0) why = 'no valid punch';
  else if (r.status === 'missing_punch') why = 'a check-in or check-out is missing';
  else why = 'checked in and out (free hours have no half-day or absent thresholds)';
  out.push({ field: 'status', rule: r.status === 'on_leave' ? 'R11' : 'R9', text: `${r.status}: ${why}` });
  return out;
}
