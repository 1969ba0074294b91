/** Stored attendance rows ↔ engine results and API shapes. */
import { DAY_MARKS, type DayMark } from '../../shared/enums.js';
import type { CalendarDay, DayFlag, DayResult, DayStatus, LateLevel, LeaveEntry, OvertimeCategory, DayType } from '../../engine/index.js';
import type { Row } from '../../db/schema.js';
import type { DayWithEmployee } from './days.repo.js';

/** The engine's DayResult as it was stored (explanations are not part of the comparison). */
export function rowToResult(r: Row<'attendance_days'>): DayResult {
  const out: DayResult = {
    status: r.status as DayStatus,
    late: r.late === 1,
    lateMinutes: r.late_minutes,
    lateLevel: r.late_level as LateLevel,
    early: r.early === 1,
    earlyMinutes: r.early_minutes,
    missingIn: r.missing_in === 1,
    missingOut: r.missing_out === 1,
    workedMinutes: r.worked_minutes,
    overtimeMinutes: r.overtime_minutes,
    overtimeCategory: r.overtime_category as OvertimeCategory,
    overtimePayMultiplier: Number(r.overtime_pay_multiplier),
    inTime: r.in_time,
    outTime: r.out_time,
    ignoredPunchCount: r.ignored_punch_count,
    duplicatePunchCount: r.duplicate_punch_count,
    leaveMinutes: r.leave_minutes ?? 0,
  };
  if (r.unapproved_overtime_minutes !== null) out.unapprovedOvertimeMinutes = r.unapproved_overtime_minutes;
  if (r.flags) out.flags = r.flags.split(',') as DayFlag[];
  return out;
}

/** The calendar and leave of stored days, as summarizeMonth reads them. */
export function summaryContextOf(rows: Row<'attendance_days'>[]) {
  const calendar: Record<string, CalendarDay> = {};
  const leave: LeaveEntry[] = [];
  for (const r of rows) {
    calendar[r.date] = { dayType: r.day_type as DayType, shift: r.shift_type_id === null ? null : String(r.shift_type_id) };
    if (r.leave_type !== null) leave.push(storedLeave(r));
  }
  return { calendar, leave };
}

/** The leave a stored day saw: a half or full day, or (leave_half 'hours') hourly leave of leave_minutes. */
export function storedLeave(r: Pick<Row<'attendance_days'>, 'date' | 'leave_type' | 'leave_half' | 'leave_minutes'>): LeaveEntry {
  if (r.leave_half === 'hours') return { date: r.date, half: null, type: r.leave_type ?? '', minutes: r.leave_minutes ?? 0 };
  return { date: r.date, half: r.leave_half === 'am' || r.leave_half === 'pm' ? r.leave_half : null, type: r.leave_type ?? '' };
}

/** `inProgress`: the day's check-out window is still open (see day-progress.ts); shown as 待打卡, not as its status. */
export function resultFields(r: Row<'attendance_days'>, inProgress = false) {
  const res = rowToResult(r);
  return {
    date: r.date,
    dayType: r.day_type as DayType,
    groupId: r.group_id,
    shiftTypeId: r.shift_type_id,
    ...res,
    unapprovedOvertimeMinutes: r.unapproved_overtime_minutes,
    leaveType: r.leave_type,
    leaveHalf: r.leave_half as 'am' | 'pm' | 'hours' | null,
    flags: r.flags ? r.flags.split(',') : [],
    correctionsUsed: r.corrections_used,
    computedAtMs: r.computed_at_ms,
    inProgress,
  };
}

export function dayDto(r: DayWithEmployee, inProgress = false) {
  return {
    employee: { id: r.employee_id, name: r.employee_name, jobNumber: r.job_number, departmentId: r.department_id, departmentName: r.department_name },
    ...resultFields(r, inProgress),
    groupName: r.group_name,
    shiftName: r.shift_name,
  };
}

/** What a month grid cell shows for a day, as the monthly sheet's symbols do (one mark per fact). */

/** Leave or rest first, then every anomaly of the day; `present` when nothing else applies. */
export function dayMarks(r: Row<'attendance_days'>, inProgress: boolean): DayMark[] {
  if (r.status === 'rest') return ['rest'];
  if (r.status === 'holiday') return ['holiday'];
  const half = r.leave_half === 'am' || r.leave_half === 'pm';
  if (r.status === 'on_leave') return [half ? 'half_leave' : 'leave'];
  const out: DayMark[] = half ? ['half_leave'] : r.leave_half === 'hours' ? ['hourly_leave'] : [];
  if (r.late === 1) out.push(r.late_level === 'absenteeism' ? 'absenteeism' : r.late_level === 'serious' ? 'serious' : 'late');
  if (inProgress) return [...out, 'in_progress'];
  if (r.status === 'absent') return [...out, 'absent'];
  if (r.early === 1) out.push('early');
  if (r.missing_in === 1 || r.missing_out === 1) out.push('missing');
  if (r.status === 'half_day') out.push('half_day');
  return out.length ? out : ['present'];
}
