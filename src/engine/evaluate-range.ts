/**
 * The engine's entry point: every calendar date of one employee's scenario, evaluated under AHR-1.
 *
 * Pipeline: corrections join the punches (R12) → one sort by instant → attribution (R1) → a
 * counting sort into per-date groups → evaluateDay per date. Buffers are reused across calls and
 * per-date plans are memoised per calendar object, so a month costs a handful of allocations
 * plus one result object per day.
 */
import { attribute, IGNORED } from './attribute.js';
import { evaluateDay, LeaveKind, type DayContext } from './evaluate-day.js';
import { mergeApprovals } from './overtime.js';
import { newPairScratch } from './punch-pairs.js';
import { buildPlan, type DayPlan } from './shift-window.js';
import type { CalendarDay, DayResult, EngineInput, EvaluateOptions, LeaveEntry, ShiftDef } from './types.js';
import { dayIndexOf, zoneTable, type ZoneTable } from './zone-offsets.js';

interface PlanSet {
  zt: ZoneTable;
  shifts: Record<string, ShiftDef>;
  /** The rest-day boundary, or the free-hours day start when `free`. */
  dayStartsAtMin: number;
  free: boolean;
  dates: string[];
  plans: DayPlan[];
  planByDayIndex: Map<number, number>;
}

const planCache = new WeakMap<Record<string, CalendarDay>, PlanSet>();

function plansFor(input: EngineInput, zt: ZoneTable): PlanSet {
  const free = input.freeHours != null;
  const rd = free ? input.freeHours!.dayStartsAtMin : input.policy.restDayStartsAtMin;
  const hit = planCache.get(input.calendar);
  if (hit && hit.zt === zt && hit.shifts === input.shifts && hit.dayStartsAtMin === rd && hit.free === free && stillMatches(hit, input.calendar)) {
    return hit;
  }
  const dates = Object.keys(input.calendar).sort();
  const plans: DayPlan[] = [];
  const planByDayIndex = new Map<number, number>();
  for (let i = 0; i < dates.length; i++) {
    const dayIndex = dayIndexOf(dates[i]);
    plans.push(buildPlan(zt, dates[i], dayIndex, input.calendar[dates[i]], input.shifts, rd, free));
    planByDayIndex.set(dayIndex, i);
  }
  const set: PlanSet = { zt, shifts: input.shifts, dayStartsAtMin: rd, free, dates, plans, planByDayIndex };
  planCache.set(input.calendar, set);
  return set;
}

/** Guards the memo against a calendar object edited in place since it was cached. */
function stillMatches(set: PlanSet, calendar: Record<string, CalendarDay>): boolean {
  let n = 0;
  for (const date in calendar) {
    const p = set.planByDayIndex.get(dayIndexOf(date));
    if (p === undefined) return false;
    const plan = set.plans[p];
    const day = calendar[date];
    if (plan.dayType !== day.dayType || plan.shiftId !== day.shift) return false;
    n++;
  }
  return n === set.plans.length;
}

// Reused buffers: the engine is synchronous, so one set serves every call.
let times = new Float64Array(256);
let sortedTimes = new Float64Array(256);
let order = new Int32Array(256);
let assign = new Int32Array(256);
let group = new Int32Array(256);
let perPlan = new Int32Array(64);
let ignored = new Int32Array(64);
let leaveKinds = new Uint8Array(64);
const scratch = newPairScratch();

function ensure(np: number, nd: number): void {
  if (times.length < np) {
    const n = np * 2;
    times = new Float64Array(n);
    sortedTimes = new Float64Array(n);
    order = new Int32Array(n);
    assign = new Int32Array(n);
    group = new Int32Array(n);
  }
  if (perPlan.length < nd + 1) {
    perPlan = new Int32Array((nd + 1) * 2);
    ignored = new Int32Array((nd + 1) * 2);
    leaveKinds = new Uint8Array((nd + 1) * 2);
  }
}

const everyDay = (): boolean => true;

export function evaluateRange(input: EngineInput, opts?: EvaluateOptions): Record<string, DayResult> {
  const explain = opts?.explain === true ? everyDay : typeof opts?.explain === 'function' ? opts.explain : null;
  const zt = zoneTable(input.timezone);
  const { dates, plans, planByDayIndex } = plansFor(input, zt);
  const nd = dates.length;
  const punches = input.punches;
  const corrections = input.approvals.corrections;
  const np = punches.length + corrections.length;
  ensure(np, nd);

  // R12: corrections are punches like any other from here on.
  for (let i = 0; i < punches.length; i++) times[i] = punches[i].atMs;
  for (let i = 0; i < corrections.length; i++) times[punches.length + i] = corrections[i].atMs;
  let sorted = true;
  for (let i = 0; i < np; i++) {
    order[i] = i;
    if (i > 0 && times[i] < times[i - 1]) sorted = false;
  }
  if (!sorted) {
    const sub = order.subarray(0, np);
    sub.sort((a, b) => times[a] - times[b] || a - b);
  }
  for (let i = 0; i < np; i++) sortedTimes[i] = times[order[i]];

  perPlan.fill(0, 0, nd + 1);
  ignored.fill(0, 0, nd);
  leaveKinds.fill(0, 0, nd);
  attribute(plans, planByDayIndex, zt, sortedTimes, np, assign, ignored);

  // Counting sort of punch indices by plan, keeping instant order inside each date.
  for (let i = 0; i < np; i++) if (assign[i] !== IGNORED) perPlan[assign[i] + 1]++;
  for (let p = 0; p < nd; p++) perPlan[p + 1] += perPlan[p];
  const fill = perPlan.slice(0, nd);
  for (let i = 0; i < np; i++) if (assign[i] !== IGNORED) group[fill[assign[i]]++] = i;

  // Hourly leave (R11a) is rare: a sparse list per plan, allocated only when there is some.
  let hourly: (LeaveEntry[] | undefined)[] | null = null;
  for (const l of input.leave) {
    const p = planByDayIndex.get(dayIndexOf(l.date));
    if (p === undefined) continue;
    if ((l.fromMin !== undefined && l.toMin !== undefined) || l.minutes !== undefined) {
      hourly ??= [];
      (hourly[p] ??= []).push(l);
      continue;
    }
    // am + pm on one date is a full day.
    leaveKinds[p] |= l.half === 'am' ? LeaveKind.Am : l.half === 'pm' ? LeaveKind.Pm : LeaveKind.Full;
  }

  const otWorkday = input.policy.overtime.workday;
  const ctx: DayContext = {
    policy: input.policy,
    zt,
    approvals: otWorkday.requiresApproval ? mergeApprovals(input.approvals.overtime) : new Float64Array(0),
    scratch,
    explain,
    punchIds: explain ? punchIdsInOrder(input, np) : null,
    withUnapproved: otWorkday.requiresApproval,
    freeHours: input.freeHours ?? null,
  };
  const out: Record<string, DayResult> = {};
  for (let p = 0; p < nd; p++) {
    out[dates[p]] = evaluateDay(
      ctx,
      plans[p],
      leaveKinds[p] as LeaveKind,
      hourly?.[p] ?? null,
      ignored[p],
      sortedTimes,
      group,
      perPlan[p],
      perPlan[p + 1],
    );
  }
  return out;
}

/** Ids of the punches in sorted order; unnamed ones are named by their place in the input. */
function punchIdsInOrder(input: EngineInput, np: number): string[] {
  const ids: string[] = new Array(np);
  const n = input.punches.length;
  for (let i = 0; i < np; i++) {
    const o = order[i];
    if (o < n) ids[i] = input.punches[o].id ?? `punches[${o}]`;
    else ids[i] = input.approvals.corrections[o - n].id ?? `corrections[${o - n}]`;
  }
  return ids;
}
