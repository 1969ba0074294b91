/**
 * Shapes of the attendance, requests and reports APIs (`/api/v1/attendance/*`, `/requests`,
 * `/dashboard/today`): generated from the server's OpenAPI document where it describes the answer
 * (requests, leave types), written here where it does not yet (the attendance and dashboard answers).
 */
import type { Id } from '../../api/types';
import type { ListItem } from '../../api/typed';
import { DAY_STATUSES, DAY_TAGS, type DayStatus, type DayTag } from '../../../../src/shared/enums';

export { DAY_STATUSES, DAY_TAGS };
export type { DayStatus, DayTag };
export const LATE_LEVELS = ['none', 'late', 'serious', 'absenteeism'] as const;
export type LateLevel = (typeof LATE_LEVELS)[number];
export type OvertimeCategory = 'workday' | 'restday' | 'holiday';
export type AttendanceDayType = 'workday' | 'makeup_workday' | 'rest_day' | 'statutory_holiday';

export interface DayEmployee {
  id: Id;
  name: string;
  jobNumber: string;
  departmentId: Id | null;
  departmentName?: string | null;
}

export interface DayFigures {
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
  /** Minutes of approved hourly leave inside the shift (R11a). */
  leaveMinutes?: number;
  /** Day flags for HR, e.g. `punches_on_leave` (R11). */
  flags?: string[];
  unapprovedOvertimeMinutes?: number | null;
}

export interface StoredDay extends DayFigures {
  date: string;
  /** The check-out window is still open: shown as 待打卡 (in progress), not as its status. */
  inProgress?: boolean;
  dayType: AttendanceDayType;
  groupId: Id | null;
  shiftTypeId: Id | null;
  leaveType: string | null;
  /** 'hours' when the day's only leave is hourly. */
  leaveHalf: 'am' | 'pm' | 'hours' | null;
  correctionsUsed: number;
  computedAtMs: number;
}

export interface DayRow extends StoredDay {
  employee: DayEmployee;
  groupName?: string | null;
  shiftName?: string | null;
}

/** The engine's reason for a figure: a stable code with params, rendered by reasonText. */
export interface Explanation {
  field: string;
  rule: string;
  code: string;
  params: Record<string, string | number | boolean | null>;
  punchIds?: string[];
}

export interface DayPunch {
  id: Id;
  atMs: number;
  time: string;
  source: string;
  deviceSn: string | null;
  verifyMethod: string | null;
  location: { lat?: number | null; lng?: number | null; address?: string | null; wifiSsid?: string | null; accuracyM?: number | null } | null;
  counted: boolean;
  holdReason: string | null;
  named: boolean;
}

export interface DayDetail {
  employee: DayEmployee;
  date: string;
  day: StoredDay | null;
  live: (DayFigures & { dayType: AttendanceDayType | null }) | null;
  stale: boolean;
  explanation: Explanation[] | null;
  explanationSource: 'stored' | 'live' | null;
  punches: DayPunch[];
}

/** What a month grid cell shows for a day (the server's dayMarks). */
export const DAY_MARKS = ['present', 'late', 'serious', 'absenteeism', 'early', 'missing', 'absent', 'leave', 'half_leave', 'hourly_leave', 'half_day', 'rest', 'holiday', 'in_progress'] as const;
export type DayMark = (typeof DAY_MARKS)[number];

export interface MonthlyRow {
  employee: DayEmployee;
  month: string;
  /** Each stored date of the month with its marks. */
  days?: Record<string, DayMark[]>;
  shouldAttendDays: number;
  attendedDays: number;
  lateCount: number;
  lateMinutes: number;
  seriousLateCount: number;
  absenteeismLateCount: number;
  earlyCount: number;
  earlyMinutes: number;
  missingInCount: number;
  missingOutCount: number;
  absentDays: number;
  halfDays: number;
  leaveDaysByType: Record<string, number>;
  leaveMinutesByType?: Record<string, number>;
  overtimeMinutesByCategory: Record<string, number>;
  correctionsUsed: number;
  restDays: number;
  holidayDays: number;
  workedMinutes: number;
}

export interface DashboardCounts {
  expected: number;
  present: number;
  late: number;
  absent: number;
  missingPunch: number;
  onLeave: number;
  notYetPunched: number;
}

export interface DashboardToday {
  date: string;
  counts: DashboardCounts;
  trend: { date: string; expected: number; present: number; late: number; attendanceRate: number | null }[];
  /** The dates of the anomaly list and how many anomalies they hold (the list shows the latest few). */
  anomalyRange: { from: string; to: string };
  anomalyTotal: number;
  anomalies: {
    employee: { id: Id; name: string; jobNumber: string };
    date: string;
    status: DayStatus;
    inProgress?: boolean;
    lateMinutes: number;
    earlyMinutes: number;
    missingIn: boolean;
    missingOut: boolean;
    inTime: string | null;
    outTime: string | null;
  }[];
}

export interface RecomputeJob {
  jobId: string;
  companyId: Id;
  month: string;
  departmentId: Id | null;
  status: 'queued' | 'running' | 'done' | 'failed';
  employeesDone: number;
  employeesTotal: number | null;
  daysWritten: number | null;
  error: string | null;
  requestedAtMs: number;
  startedAtMs: number | null;
  finishedAtMs: number | null;
}

export interface WhatIfResult {
  month: string;
  employees: number;
  evaluatedDays: number;
  changedDays: number;
  changedEmployees: number;
  truncated: boolean;
  items: { employeeId: Id; date: string; changes: { field: string; before: unknown; after: unknown }[] }[];
}

export type LeaveRequest = ListItem<'/api/v1/requests'>;
export type RequestKind = LeaveRequest['kind'];
export type RequestStatus = LeaveRequest['status'];

export type LeaveType = ListItem<'/api/v1/leave-types'>;
