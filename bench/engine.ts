/**
 * Engine throughput on a synthetic month: `npx tsx bench/engine.ts [employees]`.
 *
 * 5,000 employees × October 2026 (National Day block: statutory 10-01…03, swapped rest days
 * 10-04…07, make-up workdays 09-27/10-10 on the calendar where they fall), four shift groups
 * (standard, flexible, cross-midnight night, early), ~4 punches per worked day and ~10% anomalies
 * (late, missing punch, early leave, leave, duplicates), plus some rest-day overtime.
 * Prints ONE JSON object: employee-days/s with explanations off and on, a naive first/last
 * min/max baseline over the same punches, the ratios, and whether the target is met.
 */
import { evaluateRange } from '../src/engine/evaluate-range.js';
import type { CalendarDay, EngineInput, LeaveEntry, Policy, Punch, ShiftDef } from '../src/engine/types.js';

const EMPLOYEES = Number(process.argv[2] ?? 5000);
const TARGET = 1_000_000;
const MIN = 60_000;
const ZONE = 'Asia/Shanghai';
const OFFSET_MS = 8 * 60 * MIN; // Asia/Shanghai has no DST: used only to *generate* punches.

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(20261001);
const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

const policy: Policy = {
  pairing: 'first_last',
  dedupeWindowSec: 60,
  minInOutGapMin: 30,
  restDayStartsAtMin: 300,
  truncateToMinute: true,
  overtime: {
    workday: { enabled: true, startAfterMin: 30, minMin: 30, unitMin: 30, capMin: 240, requiresApproval: false },
    restday: { enabled: true, minMin: 30, unitMin: 30, capMin: null, breakWindow: { startMin: 720, endMin: 780 } },
    holiday: { enabled: true, minMin: 30, unitMin: 30, capMin: null, breakWindow: { startMin: 720, endMin: 780 } },
    payMultiplier: { workday: 1.5, restday: 2, holiday: 3 },
  },
};
const base = {
  graceLateMin: 5, graceEarlyMin: 5, seriousLateMin: 30, absenteeismLateMin: 120,
  checkInEarliestMin: 120, checkOutLatestMin: 360, halfDayBelowMin: 240, absentBelowMin: 120,
};
const shifts: Record<string, ShiftDef> = {
  STD: { ...base, name: 'Standard', startMin: 540, endMin: 1080, crossesMidnight: false, break: { startMin: 720, endMin: 780 }, flex: null },
  FLEX: { ...base, name: 'Flexible', startMin: 540, endMin: 1080, crossesMidnight: false, break: { startMin: 720, endMin: 780 }, flex: { lateMaxMin: 60, earlyMaxMin: 30 } },
  NIGHT: { ...base, name: 'Night', startMin: 1320, endMin: 360, crossesMidnight: true, break: { startMin: 120, endMin: 150 }, checkInEarliestMin: 60, checkOutLatestMin: 120, flex: null },
  EARLY: { ...base, name: 'Early', startMin: 420, endMin: 960, crossesMidnight: false, break: { startMin: 690, endMin: 720 }, flex: null },
};
const groups = Object.keys(shifts);

// October 2026 in mainland China.
const dates: string[] = [];
for (let d = 1; d <= 31; d++) dates.push(`2026-10-${String(d).padStart(2, '0')}`);
const dow = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay(); // civil weekday only
function dayTypeOf(date: string): CalendarDay['dayType'] {
  if (date <= '2026-10-03') return 'statutory_holiday';
  if (date <= '2026-10-07') return 'rest_day';
  if (date === '2026-10-10') return 'makeup_workday';
  const w = dow(date);
  return w === 0 || w === 6 ? 'rest_day' : 'workday';
}
const calendars: Record<string, Record<string, CalendarDay>> = {};
for (const g of groups) {
  calendars[g] = {};
  for (const date of dates) {
    const dayType = dayTypeOf(date);
    calendars[g][date] = { dayType, shift: dayType === 'workday' || dayType === 'makeup_workday' ? g : null };
  }
}
/** Instant of local wall minute `min` on `date` (generation only; fixed +08:00). */
const at = (date: string, min: number) => Date.parse(`${date}T00:00:00Z`) - OFFSET_MS + min * MIN;

function employee(i: number): EngineInput {
  const g = groups[i % groups.length];
  const s = shifts[g];
  const punches: Punch[] = [];
  const leave: LeaveEntry[] = [];
  const push = (date: string, min: number, sec = between(0, 59)) =>
    punches.push({ atMs: at(date, min) + sec * 1000, source: rand() < 0.5 ? 'device:zk-01' : 'dingtalk' });
  for (const date of dates) {
    const cal = calendars[g][date];
    if (!cal.shift) {
      if (rand() < 0.05) {
        push(date, between(540, 600));
        push(date, between(900, 1080));
      }
      continue;
    }
    const end = s.crossesMidnight ? s.endMin + 1440 : s.endMin;
    let inMin = s.startMin - between(0, 15);
    let outMin = end + between(0, 20);
    const roll = rand();
    if (roll < 0.03) inMin = s.startMin + between(6, 150); // late
    else if (roll < 0.05) outMin = end - between(10, 120); // early
    else if (roll < 0.07) {
      push(date, inMin); // missing check-out
      continue;
    } else if (roll < 0.08) {
      leave.push({ date, half: null, type: 'annual' });
      continue;
    } else if (roll < 0.09) {
      leave.push({ date, half: 'am', type: 'sick' });
      inMin = s.break!.endMin + (s.break!.endMin < s.startMin ? 1440 : 0);
    } else if (roll < 0.1) continue; // absent
    else if (roll < 0.15) outMin = end + between(60, Math.min(240, s.checkOutLatestMin - 5)); // overtime
    push(date, inMin);
    if (rand() < 0.05) push(date, inMin, 59); // a second device within the dedupe window
    const br = s.break!;
    const brStart = br.startMin + (s.crossesMidnight && br.startMin < s.startMin ? 1440 : 0);
    if (inMin < brStart) {
      push(date, brStart + between(0, 5));
      push(date, brStart + between(25, 30));
    }
    push(date, outMin);
  }
  return {
    timezone: ZONE, policy, shifts, calendar: calendars[g], leave,
    approvals: { overtime: [], corrections: [] }, punches,
  };
}

const inputs: EngineInput[] = [];
for (let i = 0; i < EMPLOYEES; i++) inputs.push(employee(i));
const employeeDays = EMPLOYEES * dates.length;
const punchCount = inputs.reduce((n, x) => n + x.punches.length, 0);

function runEngine(explain: boolean): number {
  let check = 0;
  for (const input of inputs) {
    const r = evaluateRange(input, { explain });
    for (const k in r) check += r[k].workedMinutes;
  }
  return check;
}

/** Naive baseline: per employee, first and last punch of each local calendar date. */
function runBaseline(): number {
  let check = 0;
  const firstDay = Math.floor((at(dates[0], 0) + OFFSET_MS) / 86_400_000);
  const lo = new Float64Array(dates.length + 1);
  const hi = new Float64Array(dates.length + 1);
  for (const input of inputs) {
    lo.fill(Infinity);
    hi.fill(-Infinity);
    for (const p of input.punches) {
      const d = Math.floor((p.atMs + OFFSET_MS) / 86_400_000) - firstDay;
      if (d < 0 || d >= dates.length) continue;
      if (p.atMs < lo[d]) lo[d] = p.atMs;
      if (p.atMs > hi[d]) hi[d] = p.atMs;
    }
    const out: Record<string, { firstMs: number | null; lastMs: number | null }> = {};
    for (let d = 0; d < dates.length; d++) {
      out[dates[d]] = { firstMs: lo[d] === Infinity ? null : lo[d], lastMs: hi[d] === -Infinity ? null : hi[d] };
      if (hi[d] > lo[d]) check += hi[d] - lo[d];
    }
  }
  return check;
}

function measure(fn: () => number, runs: number): { ms: number; employeeDaysPerSec: number } {
  fn(); // warm-up: JIT and zone/shift caches
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  const ms = times[Math.floor(times.length / 2)];
  return { ms: Math.round(ms * 10) / 10, employeeDaysPerSec: Math.round(employeeDays / (ms / 1000)) };
}

const off = measure(() => runEngine(false), 5);
const on = measure(() => runEngine(true), 3);
const baseline = measure(runBaseline, 5);
console.log(
  JSON.stringify({
    bench: 'engine.evaluateRange',
    node: process.version,
    employees: EMPLOYEES,
    days: dates.length,
    employeeDays,
    punches: punchCount,
    explainOff: off,
    explainOn: on,
    baselineFirstLast: baseline,
    ratioToBaseline: {
      explainOff: Math.round((off.employeeDaysPerSec / baseline.employeeDaysPerSec) * 1000) / 1000,
      explainOn: Math.round((on.employeeDaysPerSec / baseline.employeeDaysPerSec) * 1000) / 1000,
    },
    target: '>= 1,000,000 employee-days/s (explain off)',
    pass: off.employeeDaysPerSec >= TARGET,
  }),
);
