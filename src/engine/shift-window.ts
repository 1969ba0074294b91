/**
 * Per-date plans: the shift instance of each calendar date resolved to instants (R1), or the
 * rest-day range that collects punches on a shiftless rest day or holiday.
 *
 * Shift instances are memoised per (zone, shift definition, date): every employee sharing a shift
 * definition object shares the resolved instants, so a month for thousands of people resolves each
 * shift/date once. Inputs are treated as immutable values.
 */
import type { CalendarDay, DayType, OvertimeCategory, ShiftDef, WallWindow } from './types.js';
import { wallToMs, type ZoneTable } from './zone-offsets.js';

const MIN_MS = 60_000;

/** A shift instance on date D, all instants in epoch ms. */
export interface ShiftInstance {
  /** Scheduled start S and end E. */
  startMs: number;
  endMs: number;
  /** Punch window [S − checkInEarliestMin, E + checkOutLatestMin], inclusive on both ends. */
  windowStartMs: number;
  windowEndMs: number;
  /** Shift break, NaN when the shift has none. */
  breakStartMs: number;
  breakEndMs: number;
}

/**
 * How a date collects and judges punches:
 * - `shift`: a workday or make-up workday with a shift (R4–R9, R11);
 * - `rest_shift`: a rest day or holiday that still has a shift (window from the shift, judged as R10);
 * - `rest`: a rest day or holiday without a shift (rest-day boundary, R10);
 * - `unscheduled`: a workday without a shift: nothing expected, punches ignored;
 * - `free`: a workday or make-up workday of a free-hours group (see free-hours.ts).
 *
 * A free-hours group's `rest` and `free` dates all use its day start as their boundary, so its
 * attendance days tile the time line without gaps or overlaps.
 */
export type PlanKind = 'shift' | 'rest_shift' | 'rest' | 'unscheduled' | 'free';

export interface DayPlan {
  date: string;
  dayIndex: number;
  dayType: DayType;
  kind: PlanKind;
  category: OvertimeCategory;
  /** The calendar's shift id (even if unknown to `shifts`), and its definition. */
  shiftId: string | null;
  shift: ShiftDef | null;
  inst: ShiftInstance | null;
  /** The range [restStartMs, restEndMs) that collects the punches of kind `rest` or `free`; NaN otherwise. */
  restStartMs: number;
  restEndMs: number;
}

const instanceCache = new WeakMap<ZoneTable, WeakMap<ShiftDef, Map<number, ShiftInstance>>>();

export function categoryOf(dayType: DayType): OvertimeCategory {
  if (dayType === 'rest_day') return 'restday';
  if (dayType === 'statutory_holiday') return 'holiday';
  return 'workday';
}

/** Resolve the shift instance of date `dayIndex` (R1, cross-midnight breaks on D+1). */
export function shiftInstance(zt: ZoneTable, shift: ShiftDef, dayIndex: number): ShiftInstance {
  let byShift = instanceCache.get(zt);
  if (!byShift) {
    byShift = new WeakMap();
    instanceCache.set(zt, byShift);
  }
  let byDay = byShift.get(shift);
  if (!byDay) {
    byDay = new Map();
    byShift.set(shift, byDay);
  }
  let inst = byDay.get(dayIndex);
  if (inst) return inst;
  const startMs = wallToMs(zt, dayIndex, shift.startMin);
  const endMs = wallToMs(zt, dayIndex + (shift.crossesMidnight ? 1 : 0), shift.endMin);
  let breakStartMs = NaN;
  let breakEndMs = NaN;
  const br = shift.break;
  if (br) {
    const breakDay = dayIndex + (shift.crossesMidnight && br.startMin < shift.startMin ? 1 : 0);
    breakStartMs = wallToMs(zt, breakDay, br.startMin);
    breakEndMs = wallToMs(zt, breakDay + (br.endMin <= br.startMin ? 1 : 0), br.endMin);
  }
  inst = {
    startMs,
    endMs,
    windowStartMs: startMs - shift.checkInEarliestMin * MIN_MS,
    windowEndMs: endMs + shift.checkOutLatestMin * MIN_MS,
    breakStartMs,
    breakEndMs,
  };
  byDay.set(dayIndex, inst);
  return inst;
}

/** `dayStartsAtMin` is the rest-day boundary, or a free-hours group's day start when `free`. */
export function buildPlan(
  zt: ZoneTable,
  date: string,
  dayIndex: number,
  day: CalendarDay,
  shifts: Record<string, ShiftDef>,
  dayStartsAtMin: number,
  free = false,
): DayPlan {
  const shift = day.shift === null ? null : shifts[day.shift];
  const restLike = day.dayType === 'rest_day' || day.dayType === 'statutory_holiday';
  const kind: PlanKind = shift ? (restLike ? 'rest_shift' : 'shift') : restLike ? 'rest' : free ? 'free' : 'unscheduled';
  const ranged = kind === 'rest' || kind === 'free';
  return {
    date,
    dayIndex,
    dayType: day.dayType,
    kind,
    category: categoryOf(day.dayType),
    shiftId: day.shift,
    shift: shift ?? null,
    inst: shift ? shiftInstance(zt, shift, dayIndex) : null,
    restStartMs: ranged ? wallToMs(zt, dayIndex, dayStartsAtMin) : NaN,
    restEndMs: ranged ? wallToMs(zt, dayIndex + 1, dayStartsAtMin) : NaN,
  };
}

/** Length of the overlap of [aStart, aEnd] with [bStart, bEnd]; 0 when either is empty or NaN. */
export function overlapMs(aStart: number, aEnd: number, bStart: number, bEnd: number): number {
  const lo = aStart > bStart ? aStart : bStart;
  const hi = aEnd < bEnd ? aEnd : bEnd;
  return hi > lo ? hi - lo : 0;
}

/**
 * Overlap of [fromMs, toMs] with a category break window (R10). A rest-day group spans D and the
 * early hours of D+1, so both days' instances of the window are subtracted.
 */
export function breakWindowOverlapMs(
  zt: ZoneTable,
  dayIndex: number,
  win: WallWindow | null,
  fromMs: number,
  toMs: number,
): number {
  if (!win) return 0;
  let total = 0;
  for (let d = dayIndex; d <= dayIndex + 1; d++) {
    const s = wallToMs(zt, d, win.startMin);
    const e = wallToMs(zt, d + (win.endMin <= win.startMin ? 1 : 0), win.endMin);
    total += overlapMs(fromMs, toMs, s, e);
  }
  return total;
}
