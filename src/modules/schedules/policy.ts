/**
 * Attendance-group policy: every AHR-1 policy knob in readable units (API), stored in
 * `attendance_groups.policy` as the engine's Policy plus the group's approval and 补卡 settings.
 */
import type { Policy } from '../../engine/types.js';
import type { Row } from '../../db/schema.js';
import type { CodedProblem } from '../employees/field-rules.js';
import { toHhmm, toMinutes } from './wall-time.js';

/**
 * How overtime requests of the group are decided: `manager` waits for a manager or HR,
 * `auto` approves a request as it is filed (the punches still decide the minutes).
 */
export type OvertimeApprovalMode = 'manager' | 'auto';

export interface CorrectionLimits {
  /** 补卡 requests per employee and calendar month (pending and approved count); 0 = unlimited. */
  quotaPerMonth: number;
  /** How many days after the punch date a 补卡 may still be filed; 0 = unlimited. */
  deadlineDays: number;
}

/**
 * Web clock-in (H5 打卡) for the group's members: whether it is open, whether a position inside a
 * site's geofence is required, how accurate the fix must be, whether a punch outside is kept as
 * field work (外勤) with the employee's reason, and whether a camera photo is asked for.
 */
export interface WebPunchRules {
  enabled: boolean;
  location: 'off' | 'required';
  maxAccuracyM: number;
  fieldWork: boolean;
  photo: 'off' | 'optional' | 'required';
}

type Window = { start: string; end: string };
export interface PolicyRules {
  pairing: 'first_last' | 'pairs';
  dedupeWindowSec: number;
  minInOutGapMin: number;
  restDayStartsAt: string;
  truncateToMinute: boolean;
  overtime: {
    workday: { enabled: boolean; startAfterMin: number; minMin: number; unitMin: number; capMin: number | null; requiresApproval: boolean };
    restday: { enabled: boolean; minMin: number; unitMin: number; capMin: number | null; breakWindow: Window | null };
    holiday: { enabled: boolean; minMin: number; unitMin: number; capMin: number | null; breakWindow: Window | null };
    payMultiplier: { workday: number; restday: number; holiday: number };
    approvalMode: OvertimeApprovalMode;
  };
  corrections: CorrectionLimits;
  webPunch: WebPunchRules;
}

/** Stored JSON: the engine Policy, plus approvalMode, corrections and web clock-in. */
export interface StoredPolicy extends Policy {
  approvalMode: OvertimeApprovalMode;
  corrections: CorrectionLimits;
  /** Absent in groups stored before web clock-in existed: the default applies. */
  webPunch?: WebPunchRules;
}

/** The RULES.md example policy; 补卡 limits as DingTalk's defaults (3 a month, within 30 days). */
export const DEFAULT_POLICY: PolicyRules = {
  pairing: 'first_last',
  dedupeWindowSec: 60,
  minInOutGapMin: 30,
  restDayStartsAt: '05:00',
  truncateToMinute: true,
  overtime: {
    workday: { enabled: true, startAfterMin: 30, minMin: 30, unitMin: 30, capMin: 240, requiresApproval: false },
    restday: { enabled: true, minMin: 30, unitMin: 30, capMin: null, breakWindow: { start: '12:00', end: '13:00' } },
    holiday: { enabled: true, minMin: 30, unitMin: 30, capMin: null, breakWindow: { start: '12:00', end: '13:00' } },
    payMultiplier: { workday: 1.5, restday: 2.0, holiday: 3.0 },
    approvalMode: 'manager',
  },
  corrections: { quotaPerMonth: 3, deadlineDays: 30 },
  // Closed until HR opens it: a group's members may punch on DingTalk or machines only.
  webPunch: { enabled: false, location: 'required', maxAccuracyM: 100, fieldWork: false, photo: 'off' },
};

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object | null ? (T[K] extends null ? T[K] : DeepPartial<T[K]> | Extract<T[K], null>) : T[K] };
export type PolicyPatch = DeepPartial<PolicyRules>;

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep-merges a partial policy over a base; `null` replaces (e.g. no break window). */
export function mergePolicy(base: PolicyRules, patch: PolicyPatch | undefined): PolicyRules {
  const merge = (b: unknown, p: unknown): unknown => {
    if (p === undefined) return b;
    if (!isPlain(p) || !isPlain(b)) return p;
    const out: Record<string, unknown> = { ...b };
    for (const [k, v] of Object.entries(p)) out[k] = merge(b[k], v);
    return out;
  };
  return merge(base, patch) as PolicyRules;
}

export function checkPolicy(p: PolicyRules, at: string): CodedProblem[] {
  const out: CodedProblem[] = [];
  for (const cat of ['restday', 'holiday'] as const) {
    const w = p.overtime[cat].breakWindow;
    if (w && toMinutes(w.end) <= toMinutes(w.start)) {
      out.push({ path: `${at}.overtime.${cat}.breakWindow`, code: 'WINDOW_END_BEFORE_START', message: `end ${w.end} must be after start ${w.start}` });
    }
  }
  for (const cat of ['workday', 'restday', 'holiday'] as const) {
    const o = p.overtime[cat];
    if (o.capMin !== null && o.capMin > 0 && o.capMin < o.minMin) {
      out.push({ path: `${at}.overtime.${cat}.capMin`, code: 'THRESHOLD_ORDER', message: 'capMin must not be below minMin' });
    }
  }
  return out;
}

export function storedFromPolicy(p: PolicyRules): StoredPolicy {
  const win = (w: Window | null) => (w ? { startMin: toMinutes(w.start), endMin: toMinutes(w.end) } : null);
  const { approvalMode, ...ot } = p.overtime;
  return {
    pairing: p.pairing,
    dedupeWindowSec: p.dedupeWindowSec,
    minInOutGapMin: p.minInOutGapMin,
    restDayStartsAtMin: toMinutes(p.restDayStartsAt),
    truncateToMinute: p.truncateToMinute,
    overtime: {
      workday: { ...ot.workday },
      restday: { ...ot.restday, breakWindow: win(ot.restday.breakWindow) },
      holiday: { ...ot.holiday, breakWindow: win(ot.holiday.breakWindow) },
      payMultiplier: { ...ot.payMultiplier },
    },
    approvalMode,
    corrections: { ...p.corrections },
    webPunch: { ...p.webPunch },
  };
}

export function policyRulesFromStored(s: StoredPolicy): PolicyRules {
  const win = (w: { startMin: number; endMin: number } | null) => (w ? { start: toHhmm(w.startMin), end: toHhmm(w.endMin) } : null);
  return {
    pairing: s.pairing,
    dedupeWindowSec: s.dedupeWindowSec,
    minInOutGapMin: s.minInOutGapMin,
    restDayStartsAt: toHhmm(s.restDayStartsAtMin),
    truncateToMinute: s.truncateToMinute,
    overtime: {
      workday: { ...s.overtime.workday },
      restday: { ...s.overtime.restday, breakWindow: win(s.overtime.restday.breakWindow) },
      holiday: { ...s.overtime.holiday, breakWindow: win(s.overtime.holiday.breakWindow) },
      payMultiplier: { ...s.overtime.payMultiplier },
      approvalMode: s.approvalMode,
    },
    corrections: { ...s.corrections },
    webPunch: { ...DEFAULT_POLICY.webPunch, ...s.webPunch },
  };
}

/** The engine Policy of a group row (approval and 补卡 settings dropped). */
export function policyFromRow(row: Pick<Row<'attendance_groups'>, 'policy'>): Policy {
  const { approvalMode: _a, corrections: _c, webPunch: _w, ...policy } = JSON.parse(row.policy) as StoredPolicy;
  return policy;
}

/** The group's 补卡 limits and overtime approval mode. */
export function groupSettingsFromRow(row: Pick<Row<'attendance_groups'>, 'policy'>): { approvalMode: OvertimeApprovalMode; corrections: CorrectionLimits; webPunch: WebPunchRules } {
  const s = JSON.parse(row.policy) as StoredPolicy;
  return {
    approvalMode: s.approvalMode ?? DEFAULT_POLICY.overtime.approvalMode,
    corrections: s.corrections ?? DEFAULT_POLICY.corrections,
    webPunch: { ...DEFAULT_POLICY.webPunch, ...s.webPunch },
  };
}
