/**
 * Normalised AHR-1 engine input and output (spec/RULES.md).
 *
 * Everything here is plain data: instants are epoch ms (`*AtMs`), dates `YYYY-MM-DD`, wall times
 * minutes since local midnight in `EngineInput.timezone`. `parseScenario` turns the scenario file
 * format into this shape; the service layer builds it from the database.
 */
import type { ReasonCode } from '../shared/reasons/catalogue.js';

export type DayType = 'workday' | 'makeup_workday' | 'rest_day' | 'statutory_holiday';
export type Pairing = 'first_last' | 'pairs';
export type OvertimeCategory = 'workday' | 'restday' | 'holiday';
export type LateLevel = 'none' | 'late' | 'serious' | 'absenteeism';
export type DayStatus =
  | 'present'
  | 'half_day'
  | 'absent'
  | 'missing_punch'
  | 'on_leave'
  | 'rest'
  | 'holiday';
export type RuleId =
  | 'R1'
  | 'R2'
  | 'R3'
  | 'R4'
  | 'R5'
  | 'R5a'
  | 'R6'
  | 'R7'
  | 'R8'
  | 'R9'
  | 'R10'
  | 'R11'
  | 'R11a'
  | 'R12';

/** A wall-clock interval; `endMin` may be ≤ `startMin` only where the rule says it wraps. */
export interface WallWindow {
  startMin: number;
  endMin: number;
}

export interface FlexDef {
  lateMaxMin: number;
  earlyMaxMin: number;
}

export interface ShiftDef {
  name: string;
  startMin: number;
  endMin: number;
  crossesMidnight: boolean;
  break: WallWindow | null;
  graceLateMin: number;
  graceEarlyMin: number;
  seriousLateMin: number;
  absenteeismLateMin: number;
  checkInEarliestMin: number;
  checkOutLatestMin: number;
  halfDayBelowMin: number;
  absentBelowMin: number;
  flex: FlexDef | null;
}

export interface WorkdayOvertimePolicy {
  enabled: boolean;
  startAfterMin: number;
  minMin: number;
  unitMin: number;
  /** null (or 0) means no cap. */
  capMin: number | null;
  requiresApproval: boolean;
}

export interface NonWorkdayOvertimePolicy {
  enabled: boolean;
  minMin: number;
  unitMin: number;
  capMin: number | null;
  breakWindow: WallWindow | null;
}

export interface Policy {
  pairing: Pairing;
  dedupeWindowSec: number;
  minInOutGapMin: number;
  restDayStartsAtMin: number;
  truncateToMinute: boolean;
  overtime: {
    workday: WorkdayOvertimePolicy;
    restday: NonWorkdayOvertimePolicy;
    holiday: NonWorkdayOvertimePolicy;
    payMultiplier: Record<OvertimeCategory, number>;
  };
}

export interface CalendarDay {
  dayType: DayType;
  shift: string | null;
}

/**
 * Only approved leave belongs here; `half` null is a full day. With `fromMin`/`toMin` the entry is
 * hourly leave (R11a), whatever `half` says: wall minutes on the shift's timeline of `date` (a
 * cross-midnight shift continues past 1440). `minutes` alone is hourly leave known only by its
 * length (a request without a window): it counts in leaveMinutes and the thresholds, moves nothing.
 */
export interface LeaveEntry {
  date: string;
  half: 'am' | 'pm' | null;
  type: string;
  fromMin?: number;
  toMin?: number;
  minutes?: number;
}

/** Something about a day HR should look at; the figures stand as they are. */
export type DayFlag = 'punches_on_leave';

/** An approved overtime window [fromMs, toMs). `date` is informative; matching is by instant. */
export interface OvertimeApproval {
  date?: string;
  fromMs: number;
  toMs: number;
}

/**
 * A free-hours group (自由工时, DingTalk/WeCom): no shift. Each date's attendance day runs from
 * `dayStartsAtMin` to the same wall time of the next date, on workdays and rest days alike.
 */
export interface FreeHoursDef {
  dayStartsAtMin: number;
  /** Worked minutes a workday asks for; 0 sets no requirement (and no workday overtime). */
  requiredMinutes: number;
}

/** An approved 补卡: joins the punches with source `correction` (R12). */
export interface Correction {
  atMs: number;
  reason?: string;
  id?: string;
}

export interface Punch {
  atMs: number;
  source: string;
  id?: string;
  /** When the hub received it; carried for audit only, never read by the rules (R12). */
  receivedAtMs?: number;
}

/**
 * One employee's scenario. Treated as an immutable value: the engine memoises resolved shift
 * instants per ShiftDef object, so build a new ShiftDef rather than editing one in place.
 */
export interface EngineInput {
  timezone: string;
  policy: Policy;
  shifts: Record<string, ShiftDef>;
  calendar: Record<string, CalendarDay>;
  leave: LeaveEntry[];
  approvals: { overtime: OvertimeApproval[]; corrections: Correction[] };
  punches: Punch[];
  /** Set for a free-hours group: its workdays without a shift are judged by worked time. */
  freeHours?: FreeHoursDef | null;
}

/**
 * Why a figure is what it is: a stable reason code with its parameters (minutes, wall times
 * `HH:MM`, counts, enum values), rendered in the reader's language from src/shared/reasons.
 */
export interface Explanation {
  field: string;
  rule: RuleId;
  code: ReasonCode;
  params: Record<string, string | number | boolean | null>;
  punchIds?: string[];
}

export interface DayResult {
  status: DayStatus;
  late: boolean;
  lateMinutes: number;
  lateLevel: LateLevel;
  early: boolean;
  earlyMinutes: number;
  missingIn: boolean;
  missingOut: boolean;
  workedMinutes: number;
  overtimeMinutes: number;
  overtimeCategory: OvertimeCategory;
  overtimePayMultiplier: number;
  inTime: string | null;
  outTime: string | null;
  ignoredPunchCount: number;
  duplicatePunchCount: number;
  /** Minutes of approved hourly leave inside the shift (R11a); 0 otherwise. */
  leaveMinutes: number;
  /** Present only when workday overtime requires approval. */
  unapprovedOvertimeMinutes?: number;
  /** Present only when the day has a flag: punches on a full-day leave day (R11). */
  flags?: DayFlag[];
  explanation?: Explanation[];
}

export interface EvaluateOptions {
  /**
   * true: every day carries its explanation. A predicate: only the days whose (otherwise complete)
   * result it accepts, e.g. the anomalous ones; the others cost nothing extra.
   */
  explain?: boolean | ((result: DayResult) => boolean);
}

/** The result fields every DayResult carries, in output order. */
export const DAY_RESULT_FIELDS = [
  'status',
  'late',
  'lateMinutes',
  'lateLevel',
  'early',
  'earlyMinutes',
  'missingIn',
  'missingOut',
  'workedMinutes',
  'overtimeMinutes',
  'overtimeCategory',
  'overtimePayMultiplier',
  'inTime',
  'outTime',
  'ignoredPunchCount',
  'duplicatePunchCount',
  'leaveMinutes',
] as const;
