/**
 * R11a hourly leave on a shift day: the approved windows clipped to the shift, minus the break
 * (L), and the segment they leave to be worked.
 *
 * A window that covers the segment start moves it to the window's end; one that covers the end
 * moves it to the window's start. Touching windows count as one, so 09:00–10:00 plus 10:00–11:00
 * covers a 09:00 start. When a move lands on the break, it continues across it: leave until the
 * break is leave until the afternoon starts, as a morning half day is (R11).
 */
import type { ShiftInstance } from './shift-window.js';
import type { LeaveEntry, ShiftDef } from './types.js';
import { wallToMs, type ZoneTable } from './zone-offsets.js';

const MIN_MS = 60_000;

export interface HourlyLeave {
  /** L as flat [from0, to0, from1, to1…], sorted and disjoint, break removed. */
  windows: number[];
  leaveMs: number;
  segStart: number;
  segEnd: number;
}

/**
 * `segStart`/`segEnd`: the segment before hourly leave (the shift, or its working half).
 * Entries without a window add their `minutes` to leaveMs, bounded by the shift's length.
 */
export function applyHourlyLeave(
  zt: ZoneTable,
  shift: ShiftDef,
  inst: ShiftInstance,
  dayIndex: number,
  entries: LeaveEntry[],
  segStart: number,
  segEnd: number,
): HourlyLeave {
  const raw: [number, number][] = [];
  let lengthOnlyMs = 0;
  for (const e of entries) {
    if (e.fromMin === undefined || e.toMin === undefined) {
      if (e.minutes !== undefined && e.minutes > 0) lengthOnlyMs += e.minutes * MIN_MS;
      continue;
    }
    let from = e.fromMin;
    let to = e.toMin;
    // On a cross-midnight shift a wall time before the start is on D+1, as its break is (R1).
    if (shift.crossesMidnight && from < shift.startMin) from += 1440;
    if (shift.crossesMidnight && to < shift.startMin) to += 1440;
    if (to <= from) to += 1440;
    const a = Math.max(wallToMs(zt, dayIndex, from), inst.startMs);
    const b = Math.min(wallToMs(zt, dayIndex, to), inst.endMs);
    if (b > a) raw.push([a, b]);
  }
  raw.sort((x, y) => x[0] - y[0]);
  const merged: number[] = [];
  for (const [a, b] of raw) {
    const n = merged.length;
    if (n > 0 && a <= merged[n - 1]) {
      if (b > merged[n - 1]) merged[n - 1] = b;
    } else merged.push(a, b);
  }

  const bs = inst.breakStartMs;
  const be = inst.breakEndMs;
  const hasBreak = bs === bs;
  const windows: number[] = [];
  let leaveMs = 0;
  for (let i = 0; i < merged.length; i += 2) {
    const a = merged[i];
    const b = merged[i + 1];
    const pieces = hasBreak && a < be && b > bs ? [a, Math.min(b, bs), Math.max(a, be), b] : [a, b];
    for (let k = 0; k < pieces.length; k += 2) {
      if (pieces[k + 1] > pieces[k]) {
        windows.push(pieces[k], pieces[k + 1]);
        leaveMs += pieces[k + 1] - pieces[k];
      }
    }
  }
  leaveMs += Math.min(lengthOnlyMs, inst.endMs - inst.startMs);

  // Moves: each pass either moves a bound past one window (or the break) or stops.
  let start = segStart;
  let end = segEnd;
  const passes = merged.length + 2;
  for (let p = 0; p < passes && start < end; p++) {
    let moved = false;
    for (let i = 0; i < merged.length; i += 2) {
      if (merged[i] <= start && merged[i + 1] > start) {
        start = merged[i + 1];
        moved = true;
      }
    }
    if (moved && hasBreak && start >= bs && start < be) start = be;
    if (!moved) break;
  }
  for (let p = 0; p < passes && start < end; p++) {
    let moved = false;
    for (let i = 0; i < merged.length; i += 2) {
      if (merged[i] < end && merged[i + 1] >= end) {
        end = merged[i];
        moved = true;
      }
    }
    if (moved && hasBreak && end > bs && end <= be) end = bs;
    if (!moved) break;
  }
  return { windows, leaveMs, segStart: start, segEnd: end > start ? end : start };
}

/** Length of [a, b] inside the leave windows L. */
export function leaveOverlapMs(windows: number[], a: number, b: number): number {
  let total = 0;
  for (let i = 0; i < windows.length; i += 2) {
    const lo = windows[i] > a ? windows[i] : a;
    const hi = windows[i + 1] < b ? windows[i + 1] : b;
    if (hi > lo) total += hi - lo;
  }
  return total;
}
