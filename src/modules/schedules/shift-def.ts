/**
 * Shift types in readable units (API) and as the engine's ShiftDef (stored `definition`).
 * Pure: validation answers with coded field problems, conversion never touches the database.
 */
import type { ShiftDef } from '../../engine/types.js';
import type { Row } from '../../db/schema.js';
import type { CodedProblem } from '../employees/field-rules.js';
import { toHhmm, toMinutes } from './wall-time.js';
import { DEFAULT_SHIFT_KNOB_MINUTES } from '../../shared/shift-knobs.js';

export interface ShiftRules {
  start: string;
  end: string;
  crossesMidnight: boolean;
  break: { start: string; end: string } | null;
  graceLateMin: number;
  graceEarlyMin: number;
  seriousLateMin: number;
  absenteeismLateMin: number;
  checkInEarliestMin: number;
  checkOutLatestMin: number;
  halfDayBelowMin: number;
  absentBelowMin: number;
  flex: { lateMaxMin: number; earlyMaxMin: number } | null;
}

/** What `shift_types.definition` holds: the engine's ShiftDef without its name. */
export type StoredShift = Omit<ShiftDef, 'name'>;

/** Knob values of the RULES.md example shift, used for whatever a create body leaves out. */
export const DEFAULT_SHIFT_KNOBS = {
  crossesMidnight: false,
  break: null,
  ...DEFAULT_SHIFT_KNOB_MINUTES,
  flex: null,
} satisfies Partial<ShiftRules>;

/** Length of the scheduled interval in minutes (a cross-midnight shift ends the next day). */
export function shiftLengthMin(startMin: number, endMin: number, crossesMidnight: boolean): number {
  return crossesMidnight ? endMin + 1440 - startMin : endMin - startMin;
}

/** Checks the rules a JSON schema cannot express; `at` prefixes each field path (e.g. `body`). */
export function checkShiftRules(s: ShiftRules, at: string): CodedProblem[] {
  const out: CodedProblem[] = [];
  const start = toMinutes(s.start);
  const end = toMinutes(s.end);
  if (!s.crossesMidnight && end <= start) {
    out.push({ path: `${at}.end`, code: 'SHIFT_END_BEFORE_START', message: `end ${s.end} must be after start ${s.start} unless crossesMidnight is true` });
  }
  if (s.crossesMidnight && end > start) {
    out.push({ path: `${at}.end`, code: 'SHIFT_TOO_LONG', message: `a cross-midnight shift from ${s.start} must end at or before ${s.start} the next day` });
  }
  const length = shiftLengthMin(start, end, s.crossesMidnight);
  if (s.break && length > 0) {
    // Break times are placed relative to the shift start: an earlier clock time falls on the next day.
    let bs = toMinutes(s.break.start) - start;
    if (bs < 0) bs += 1440;
    let be = toMinutes(s.break.end) - start;
    if (be < 0) be += 1440;
    if (be <= bs || bs <= 0 || be >= length) {
      out.push({ path: `${at}.break`, code: 'BREAK_OUTSIDE_SHIFT', message: `the break ${s.break.start}–${s.break.end} must lie strictly inside the shift ${s.start}–${s.end}` });
    }
  }
  if (s.absenteeismLateMin > 0 && s.seriousLateMin > s.absenteeismLateMin) {
    out.push({ path: `${at}.seriousLateMin`, code: 'THRESHOLD_ORDER', message: 'seriousLateMin must not exceed absenteeismLateMin' });
  }
  if (s.halfDayBelowMin > 0 && s.absentBelowMin > s.halfDayBelowMin) {
    out.push({ path: `${at}.absentBelowMin`, code: 'THRESHOLD_ORDER', message: 'absentBelowMin must not exceed halfDayBelowMin' });
  }
  if (length > 0 && s.halfDayBelowMin > length) {
    out.push({ path: `${at}.halfDayBelowMin`, code: 'THRESHOLD_EXCEEDS_SHIFT', message: `halfDayBelowMin (${s.halfDayBelowMin}) exceeds the shift length (${length} min)` });
  }
  if (length > 0 && (s.graceLateMin > length || s.graceEarlyMin > length)) {
    out.push({ path: `${at}.graceLateMin`, code: 'THRESHOLD_EXCEEDS_SHIFT', message: `grace minutes exceed the shift length (${length} min)` });
  }
  return out;
}

export function storedFromRules(s: ShiftRules): StoredShift {
  return {
    startMin: toMinutes(s.start),
    endMin: toMinutes(s.end),
    crossesMidnight: s.crossesMidnight,
    break: s.break ? { startMin: toMinutes(s.break.start), endMin: toMinutes(s.break.end) } : null,
    graceLateMin: s.graceLateMin,
    graceEarlyMin: s.graceEarlyMin,
    seriousLateMin: s.seriousLateMin,
    absenteeismLateMin: s.absenteeismLateMin,
    checkInEarliestMin: s.checkInEarliestMin,
    checkOutLatestMin: s.checkOutLatestMin,
    halfDayBelowMin: s.halfDayBelowMin,
    absentBelowMin: s.absentBelowMin,
    flex: s.flex ? { lateMaxMin: s.flex.lateMaxMin, earlyMaxMin: s.flex.earlyMaxMin } : null,
  };
}

export function rulesFromStored(d: StoredShift): ShiftRules {
  return {
    start: toHhmm(d.startMin),
    end: toHhmm(d.endMin),
    crossesMidnight: d.crossesMidnight,
    break: d.break ? { start: toHhmm(d.break.startMin), end: toHhmm(d.break.endMin) } : null,
    graceLateMin: d.graceLateMin,
    graceEarlyMin: d.graceEarlyMin,
    seriousLateMin: d.seriousLateMin,
    absenteeismLateMin: d.absenteeismLateMin,
    checkInEarliestMin: d.checkInEarliestMin,
    checkOutLatestMin: d.checkOutLatestMin,
    halfDayBelowMin: d.halfDayBelowMin,
    absentBelowMin: d.absentBelowMin,
    flex: d.flex,
  };
}

/** The engine's ShiftDef of a stored shift type; the name is the shift type's name. */
export function shiftDefFromRow(row: Pick<Row<'shift_types'>, 'name' | 'definition'>): ShiftDef {
  const d = JSON.parse(row.definition) as StoredShift;
  return { name: row.name, ...d };
}
