/**
 * Human-readable reasons for each figure of a day, built only when explanations are requested,
 * from the figures the evaluation already computed (never by re-evaluating).
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
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 'es'}`;

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
    out.push({
      field: 'ignoredPunchCount',
      rule: 'R1',
      text: `${plural(result.ignoredPunchCount, 'punch')} on this date ${result.ignoredPunchCount === 1 ? 'lies' : 'lie'} in no punch window and no rest-day range: ignored`,
    });
  }
  if (result.duplicatePunchCount > 0) {
    const kept = new Set(Array.from(ctx.scratch.keptIdx.subarray(0, ctx.scratch.keptCount)));
    const dropped: number[] = [];
    for (let i = g.from; i < g.to; i++) if (!kept.has(g.group[i])) dropped.push(g.group[i]);
    out.push({
      field: 'duplicatePunchCount',
      rule: 'R3',
      text: `${plural(result.duplicatePunchCount, 'punch')} less than ${ctx.policy.dedupeWindowSec} s after a kept punch: dropped`,
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
      text: `in ${hm(s.inMs)} = first punch, out ${hm(s.outMs)} = last punch (first_last)${k > 2 ? `, ${k - 2} between ignored` : ''}`,
      punchIds: keptIds(ctx, [0, k - 1]),
    });
    return;
  }
  const spans: string[] = [];
  for (let i = 0; i < s.pairCount; i++) spans.push(`${hm(s.pairs[2 * i])}–${hm(s.pairs[2 * i + 1])}`);
  const odd = s.missingOut ? `; ${hm(s.kept[k - 1])} has no partner: check-out missing` : '';
  out.push({ field: 'inTime', rule: 'R4', text: `pairs ${spans.join(', ')}${odd}`, punchIds: keptIds(ctx, [...Array(k).keys()]) });
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
    out.push({
      field: 'status',
      rule: 'R11',
      text: `${f.leave === 1 ? 'am' : 'pm'} half-day leave: expected segment ${hm(f.segStart)}–${hm(f.segEnd)}, thresholds halved`,
    });
  }
  if (f.hourly && f.leave !== 3) {
    out.push({
      field: 'leaveMinutes',
      rule: 'R11a',
      text: `hourly leave ${r.leaveMinutes} min: expected segment ${hm(f.segStart)}–${hm(f.segEnd)}, thresholds reduced by ${r.leaveMinutes}`,
    });
  }
  // R4
  const gap = p.minInOutGapMin;
  if (k === 0) {
    out.push({ field: 'missingIn', rule: 'R4', text: 'no punch attributed to this shift: check-in and check-out missing' });
  } else if (s.cluster) {
    const what = k === 1 ? `single punch ${hm(s.kept[0])}` : `${k} punches within ${gap} min from ${hm(s.kept[0])}`;
    const text = !s.missingIn
      ? `${what} ≤ midpoint ${hm(f.midMs)}: check-in ${hm(s.inMs)}, check-out missing`
      : `${what} > midpoint ${hm(f.midMs)}: check-out ${hm(s.outMs)}, check-in missing`;
    out.push({ field: s.missingIn ? 'missingIn' : 'missingOut', rule: 'R4', text, punchIds: keptIds(ctx, [!s.missingIn ? 0 : k - 1]) });
  } else explainPairing(ctx, hm, out);
  const onLeave = f.leave === 3;
  if (shift.flex && !s.missingIn) {
    const sign = f.flexMs >= 0 ? '+' : '−';
    out.push({
      field: 'lateMinutes',
      rule: 'R5a',
      text: `flex offset ${sign}${Math.abs(mins(f.flexMs))} min (within −${shift.flex.earlyMaxMin}…+${shift.flex.lateMaxMin}): effective ${hm(f.effStart)}–${hm(f.effEnd)}`,
    });
  }
  if (!onLeave) {
    // R5, R6
    if (!s.missingIn) {
      const cmp = `in ${hm(s.inMs)} ${r.late ? '>' : '≤'} start ${hm(f.effStart)} + grace ${shift.graceLateMin}`;
      out.push({ field: 'late', rule: 'R5', text: r.late ? `late ${r.lateMinutes} min: ${cmp}` : `not late: ${cmp}` });
      if (r.lateLevel === 'serious' || r.lateLevel === 'absenteeism') {
        const thr = r.lateLevel === 'serious' ? `seriousLateMin ${shift.seriousLateMin}` : `absenteeismLateMin ${shift.absenteeismLateMin}`;
        out.push({ field: 'lateLevel', rule: 'R5', text: `${r.lateLevel}: ${r.lateMinutes} > ${thr}` });
      }
    }
    if (!s.missingOut) {
      const cmp = `out ${hm(s.outMs)} ${r.early ? '<' : '≥'} end ${hm(f.effEnd)} − grace ${shift.graceEarlyMin}`;
      out.push({ field: 'early', rule: 'R6', text: r.early ? `early ${r.earlyMinutes} min: ${cmp}` : `not early: ${cmp}` });
    }
  }
  // R8
  const spans: string[] = [];
  for (let i = 0; i < s.pairCount; i++) {
    const a = s.pairs[2 * i];
    const b = s.pairs[2 * i + 1];
    spans.push(`${hm(a)}–${hm(b)} (${mins(b - a)})`);
  }
  out.push({
    field: 'workedMinutes',
    rule: 'R8',
    text:
      onLeave && s.pairCount > 0
        ? 'worked 0 min: full-day leave, punches are not worked time'
        : s.pairCount === 0
        ? 'worked 0 min: no complete pair'
        : `worked ${r.workedMinutes} min: ${spans.join(' + ')} − break overlap ${mins(f.breakMs)}${f.leaveOverlapMs > 0 ? ` − hourly leave ${mins(f.leaveOverlapMs)}` : ''}`,
  });
  // R7
  const ot = p.overtime.workday;
  let otText: string;
  if (!ot.enabled) otText = 'workday overtime disabled';
  else if (f.leave !== 0) otText = 'no workday overtime on a day with leave';
  else if (s.pairCount === 0) otText = 'no workday overtime without a complete pair';
  else {
    const basis = ot.requiresApproval
      ? `${mins(f.otRawMs)} min after ${hm(f.otStartMs)}, ${mins(f.approvedMs)} approved (${r.unapprovedOvertimeMinutes ?? 0} unapproved)`
      : `${mins(f.otRawMs)} min after ${hm(f.otStartMs)} (end ${hm(f.effEnd)} + ${ot.startAfterMin})`;
    otText = `overtime ${r.overtimeMinutes} min: ${basis}; min ${ot.minMin}, unit ${ot.unitMin}, cap ${ot.capMin ?? 'none'}`;
  }
  out.push({ field: 'overtimeMinutes', rule: 'R7', text: otText });
  // R9
  let why: string;
  if (r.status === 'on_leave') why = 'full-day approved leave';
  else if (k === 0) why = 'no valid punch';
  else if (r.status === 'missing_punch') why = 'a check-in or check-out is missing, thresholds not applied';
  else if (r.status === 'absent') why = `worked ${r.workedMinutes} < absentBelowMin ${f.absentBelow}`;
  else if (r.status === 'half_day') why = `worked ${r.workedMinutes} < halfDayBelowMin ${f.halfDayBelow}`;
  else why = `worked ${r.workedMinutes} meets the thresholds (absent < ${f.absentBelow}, half day < ${f.halfDayBelow})`;
  out.push({ field: 'status', rule: onLeave ? 'R11' : 'R9', text: `${r.status}: ${why}` });
  if (r.flags?.includes('punches_on_leave')) {
    out.push({ field: 'flags', rule: 'R11', text: `${plural(k, 'punch')} on a full-day leave day: kept and listed, not worked time; check whether the leave should be withdrawn`, punchIds: keptIds(ctx, [...Array(k).keys()]) });
  }
  return out;
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
    out.push({ field: 'status', rule: 'R10', text: `${plan.dayType} without a shift: nothing expected, punches ignored` });
    return out;
  }
  const label = plan.dayType === 'statutory_holiday' ? 'statutory holiday' : 'rest day';
  out.push({ field: 'status', rule: 'R10', text: `${r.status}: ${label}, no anomalies` });
  if (hasPair) {
    const a = s.kept[0];
    const b = s.kept[k - 1];
    out.push({
      field: 'workedMinutes',
      rule: 'R10',
      text: `worked ${r.workedMinutes} min: ${hm(a)}–${hm(b)} (${mins(b - a)}) − break window overlap ${mins(breakMs)}`,
      punchIds: keptIds(ctx, [0, k - 1]),
    });
    out.push({
      field: 'overtimeMinutes',
      rule: 'R10',
      text: ot.enabled
        ? `${r.overtimeCategory} overtime ${r.overtimeMinutes} min: all worked time; min ${ot.minMin}, unit ${ot.unitMin}, cap ${ot.capMin ?? 'none'}`
        : `${r.overtimeCategory} overtime disabled`,
    });
  } else {
    out.push({
      field: 'workedMinutes',
      rule: 'R10',
      text: k === 0 ? 'no punch' : `no pair at least ${ctx.policy.minInOutGapMin} min apart: worked 0`,
    });
  }
  return out;
}
