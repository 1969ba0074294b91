/**
 * Reasons for each figure of a day, as reason codes with parameters (src/shared/reasons renders
 * them in zh-CN or en), built only when explanations are requested, from the figures the
 * evaluation already computed (never by re-evaluating).
 */
import type { DayContext } from './evaluate-day.js';
import type { DayPlan } from './shift-window.js';
import type { DayResult, Explanation, NonWorkdayOvertimePolicy } from './types.js';
import { formatLocalHHMM } from './zone-offsets.js';

const MIN_MS = 60_000;

/** Intermediate figures of a shift day that the result itself does not carry. */
export interface ShiftDayFacts {
  leave: number;
  /** The day has hourly leave (R11a). */
  hourly: boolean;
  /** Worked time that fell inside hourly leave and was not counted (R11a). */
  leaveOverlapMs: number;
  segStart: number;
  segEnd: number;
  midMs: number;
  flexMs: number;
  effStart: number;
  effEnd: number;
  lateRaw: number;
  breakMs: number;
  workedMs: number;
  otStartMs: number;
  otRawMs: number;
  approvedMs: number;
  absentBelow: number;
  halfDayBelow: number;
}

/** The sorted punches of one date: group[from..to) index the sorted punch list. */
export interface GroupRef {
  group: Int32Array;
  from: number;
  to: number;
}

const mins = (ms: number) => Math.round(ms / MIN_MS);

function ids(ctx: DayContext, sortedIdx: number[]): string[] {
  const all = ctx.punchIds ?? [];
  return sortedIdx.map((i) => all[i] ?? `#${i}`);
}

export function keptIds(ctx: DayContext, which: number[]): string[] {
  return ids(
    ctx,
    which.map((k) => ctx.scratch.keptIdx[k]),
  );
}

/** R1 and R3: what was set aside before in/out were chosen. */
export function explainIntake(ctx: DayContext, result: DayResult, g: GroupRef, out: Explanation[]): void {
  if (result.ignoredPunchCount > 0) {
    out.push({ field: 'ignoredPunchCount', rule: 'R1', code: 'ignoredPunches', params: { count: result.ignoredPunchCount } });
  }
  if (result.duplicatePunchCount > 0) {
    const kept = new Set(Array.from(ctx.scratch.keptIdx.subarray(0, ctx.scratch.keptCount)));
    const dropped: number[] = [];
    for (let i = g.from; i < g.to; i++) if (!kept.has(g.group[i])) dropped.push(g.group[i]);
    out.push({
      field: 'duplicatePunchCount',
      rule: 'R3',
      code: 'duplicatePunches',
      params: { count: result.duplicatePunchCount, windowSec: ctx.policy.dedupeWindowSec },
      punchIds: ids(ctx, dropped),
    });
  }
}

/** R4 when in and out come from punches at least minInOutGapMin apart: first/last, or pairs. */
export function explainPairing(ctx: DayContext, hm: (ms: number) => string, out: Explanation[]): void {
  const s = ctx.scratch;
  const k = s.keptCount;
  if (ctx.policy.pairing === 'first_last') {
    out.push({
      field: 'inTime',
      rule: 'R4',
      code: k > 2 ? 'pairFirstLastBetween' : 'pairFirstLast',
      params: k > 2 ? { in: hm(s.inMs), out: hm(s.outMs), between: k - 2 } : { in: hm(s.inMs), out: hm(s.outMs) },
      punchIds: keptIds(ctx, [0, k - 1]),
    });
    return;
  }
  const spans: string[] = [];
  for (let i = 0; i < s.pairCount; i++) spans.push(`${hm(s.pairs[2 * i])}–${hm(s.pairs[2 * i + 1])}`);
  const punchIds = keptIds(ctx, [...Array(k).keys()]);
  if (s.missingOut) out.push({ field: 'inTime', rule: 'R4', code: 'pairsOdd', params: { spans: spans.join(', '), last: hm(s.kept[k - 1]) }, punchIds });
  else out.push({ field: 'inTime', rule: 'R4', code: 'pairs', params: { spans: spans.join(', ') }, punchIds });
}

/** The overtime rule's figures every overtime reason carries. */
export function capParams(ot: { minMin: number; unitMin: number; capMin: number | null }) {
  return { min: ot.minMin, unit: ot.unitMin, cap: ot.capMin ?? null };
}

export function explainShiftDay(
  ctx: DayContext,
  plan: DayPlan,
  r: DayResult,
  f: ShiftDayFacts,
  g: GroupRef,
): Explanation[] {
  const out: Explanation[] = [];
  const hm = (ms: number) => formatLocalHHMM(ctx.zt, ms);
  const s = ctx.scratch;
  const shift = plan.shift!;
  const k = s.keptCount;
  const p = ctx.policy;
  explainIntake(ctx, r, g, out);

  if (f.leave === 1 || f.leave === 2) {
    out.push({ field: 'status', rule: 'R11', code: 'halfDayLeave', params: { half: f.leave === 1 ? 'am' : 'pm', start: hm(f.segStart), end: hm(f.segEnd) } });
  }
  if (f.hourly && f.leave !== 3) {
    out.push({ field: 'leaveMinutes', rule: 'R11a', code: 'hourlyLeave', params: { minutes: r.leaveMinutes, start: hm(f.segStart), end: hm(f.segEnd) } });
  }
  // R4
  const gap = p.minInOutGapMin;
  if (k === 0) {
    out.push({ field: 'missingIn', rule: 'R4', code: 'noPunch', params: {} });
  } else if (s.cluster) {
    const isIn = !s.missingIn;
    const params =
      k === 1
        ? { punch: hm(s.kept[0]), mid: hm(f.midMs), ...(isIn ? { in: hm(s.inMs) } : { out: hm(s.outMs) }) }
        : { count: k, gap, first: hm(s.kept[0]), mid: hm(f.midMs), ...(isIn ? { in: hm(s.inMs) } : { out: hm(s.outMs) }) };
    const code = k === 1 ? (isIn ? 'singleIn' : 'singleOut') : isIn ? 'clusterIn' : 'clusterOut';
    out.push({ field: s.missingIn ? 'missingIn' : 'missingOut', rule: 'R4', code, params, punchIds: keptIds(ctx, [isIn ? 0 : k - 1]) });
  } else explainPairing(ctx, hm, out);
  const onLeave = f.leave === 3;
  if (shift.flex && !s.missingIn) {
    const sign = f.flexMs >= 0 ? '+' : '−';
    out.push({
      field: 'lateMinutes',
      rule: 'R5a',
      code: 'flex',
      params: { offset: `${sign}${Math.abs(mins(f.flexMs))}`, earlyMax: shift.flex.earlyMaxMin, lateMax: shift.flex.lateMaxMin, start: hm(f.effStart), end: hm(f.effEnd) },
    });
  }
  if (!onLeave) {
    // R5, R6
    if (!s.missingIn) {
      const cmp = { in: hm(s.inMs), start: hm(f.effStart), grace: shift.graceLateMin };
      out.push({ field: 'late', rule: 'R5', code: r.late ? 'late' : 'notLate', params: r.late ? { minutes: r.lateMinutes, ...cmp } : cmp });
      if (r.lateLevel === 'serious' || r.lateLevel === 'absenteeism') {
        const serious = r.lateLevel === 'serious';
        out.push({
          field: 'lateLevel',
          rule: 'R5',
          code: serious ? 'seriousLate' : 'absenteeismLate',
          params: { minutes: r.lateMinutes, threshold: serious ? shift.seriousLateMin : shift.absenteeismLateMin },
        });
      }
    }
    if (!s.missingOut) {
      const cmp = { out: hm(s.outMs), end: hm(f.effEnd), grace: shift.graceEarlyMin };
      out.push({ field: 'early', rule: 'R6', code: r.early ? 'early' : 'notEarly', params: r.early ? { minutes: r.earlyMinutes, ...cmp } : cmp });
    }
  }
  // R8
  const spans: string[] = [];
  for (let i = 0; i < s.pairCount; i++) {
    const a = s.pairs[2 * i];
    const b = s.pairs[2 * i + 1];
    spans.push(`${hm(a)}–${hm(b)} (${mins(b - a)})`);
  }
  if (onLeave && s.pairCount > 0) out.push({ field: 'workedMinutes', rule: 'R8', code: 'workedOnLeave', params: {} });
  else if (s.pairCount === 0) out.push({ field: 'workedMinutes', rule: 'R8', code: 'workedNoPair', params: {} });
  else {
    const params = { minutes: r.workedMinutes, spans: spans.join(' + '), breakMin: mins(f.breakMs) };
    if (f.leaveOverlapMs > 0) out.push({ field: 'workedMinutes', rule: 'R8', code: 'workedHourlyLeave', params: { ...params, leaveMin: mins(f.leaveOverlapMs) } });
    else out.push({ field: 'workedMinutes', rule: 'R8', code: 'worked', params });
  }
  // R7
  const ot = p.overtime.workday;
  if (!ot.enabled) out.push({ field: 'overtimeMinutes', rule: 'R7', code: 'otDisabled', params: {} });
  else if (f.leave !== 0 || f.hourly) out.push({ field: 'overtimeMinutes', rule: 'R7', code: 'otLeaveDay', params: {} });
  else if (s.pairCount === 0) out.push({ field: 'overtimeMinutes', rule: 'R7', code: 'otNoPair', params: {} });
  else if (ot.requiresApproval) {
    out.push({
      field: 'overtimeMinutes',
      rule: 'R7',
      code: 'overtimeApproval',
      params: { minutes: r.overtimeMinutes, raw: mins(f.otRawMs), from: hm(f.otStartMs), approved: mins(f.approvedMs), unapproved: r.unapprovedOvertimeMinutes ?? 0, ...capParams(ot) },
    });
  } else {
    out.push({
      field: 'overtimeMinutes',
      rule: 'R7',
      code: 'overtime',
      params: { minutes: r.overtimeMinutes, raw: mins(f.otRawMs), from: hm(f.otStartMs), end: hm(f.effEnd), startAfter: ot.startAfterMin, ...capParams(ot) },
    });
  }
  // R9
  const rule = onLeave ? 'R11' : 'R9';
  const status = r.status;
  if (status === 'on_leave') out.push({ field: 'status', rule, code: 'statusOnLeave', params: { status } });
  else if (k === 0) out.push({ field: 'status', rule, code: 'statusNoPunch', params: { status } });
  else if (status === 'missing_punch') out.push({ field: 'status', rule, code: 'statusMissing', params: { status } });
  else if (status === 'absent') out.push({ field: 'status', rule, code: 'statusAbsent', params: { status, worked: r.workedMinutes, threshold: f.absentBelow } });
  else if (status === 'half_day') out.push({ field: 'status', rule, code: 'statusHalfDay', params: { status, worked: r.workedMinutes, threshold: f.halfDayBelow } });
  else out.push({ field: 'status', rule, code: 'statusPresent', params: { status, worked: r.workedMinutes, absent: f.absentBelow, half: f.halfDayBelow } });
  if (r.flags?.includes('punches_on_leave')) explainPunchesOnLeave(ctx, out);
  return out;
}

/** R11: punches on a full-day leave day are kept and listed, not counted, and flagged. */
export function explainPunchesOnLeave(ctx: DayContext, out: Explanation[]): void {
  const k = ctx.scratch.keptCount;
  out.push({ field: 'flags', rule: 'R11', code: 'punchesOnLeave', params: { count: k }, punchIds: keptIds(ctx, [...Array(k).keys()]) });
}

export function explainRestDay(
  ctx: DayContext,
  plan: DayPlan,
  r: DayResult,
  g: GroupRef,
  hasPair: boolean,
  breakMs: number,
  ot: NonWorkdayOvertimePolicy,
): Explanation[] {
  const out: Explanation[] = [];
  const hm = (ms: number) => formatLocalHHMM(ctx.zt, ms);
  const s = ctx.scratch;
  const k = s.keptCount;
  explainIntake(ctx, r, g, out);
  if (plan.kind === 'unscheduled') {
    out.push({ field: 'status', rule: 'R10', code: 'unscheduled', params: { dayType: plan.dayType } });
    return out;
  }
  out.push({ field: 'status', rule: 'R10', code: plan.dayType === 'statutory_holiday' ? 'holidayDay' : 'restDay', params: { status: r.status } });
  if (hasPair) {
    const a = s.kept[0];
    const b = s.kept[k - 1];
    out.push({
      field: 'workedMinutes',
      rule: 'R10',
      code: 'restWorked',
      params: { minutes: r.workedMinutes, from: hm(a), to: hm(b), span: mins(b - a), breakMin: mins(breakMs) },
      punchIds: keptIds(ctx, [0, k - 1]),
    });
    out.push(
      ot.enabled
        ? { field: 'overtimeMinutes', rule: 'R10', code: 'restOvertime', params: { category: r.overtimeCategory, minutes: r.overtimeMinutes, ...capParams(ot) } }
        : { field: 'overtimeMinutes', rule: 'R10', code: 'restOvertimeDisabled', params: { category: r.overtimeCategory } },
    );
  } else if (k === 0) {
    out.push({ field: 'workedMinutes', rule: 'R10', code: 'restNoPunch', params: {} });
  } else {
    out.push({ field: 'workedMinutes', rule: 'R10', code: 'restNoPair', params: { gap: ctx.policy.minInOutGapMin } });
  }
  return out;
}
