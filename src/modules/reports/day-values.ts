/**
 * Stored attendance days turned back into the engine's values, so the monthly columns come from the
 * engine's own `summarizeMonth` and mean exactly what the engine documents; plus the one-character
 * day symbols of the monthly sheet and the Chinese labels the exports print.
 */
import { summarizeMonth, type MonthlySummary } from '../../engine/summarize-month.js';
import type { CalendarDay, DayResult, DayType, LeaveEntry } from '../../engine/types.js';
import { storedLeave } from '../attendance/dto.js';
import type { DayRow } from './reports.repo.js';

export function dayResultOf(r: DayRow): DayResult {
  return {
    status: r.status as DayResult['status'],
    late: r.late === 1,
    lateMinutes: r.late_minutes,
    lateLevel: r.late_level as DayResult['lateLevel'],
    early: r.early === 1,
    earlyMinutes: r.early_minutes,
    missingIn: r.missing_in === 1,
    missingOut: r.missing_out === 1,
    workedMinutes: r.worked_minutes,
    overtimeMinutes: r.overtime_minutes,
    overtimeCategory: r.overtime_category as DayResult['overtimeCategory'],
    overtimePayMultiplier: r.overtime_pay_multiplier,
    inTime: r.in_time,
    outTime: r.out_time,
    ignoredPunchCount: r.ignored_punch_count,
    duplicatePunchCount: r.duplicate_punch_count,
    leaveMinutes: r.leave_minutes ?? 0,
    ...(r.unapproved_overtime_minutes !== null ? { unapprovedOvertimeMinutes: r.unapproved_overtime_minutes } : {}),
  };
}

/**
 * One employee's month from their stored days. The calendar and leave the engine saw are rebuilt from
 * the row (a scheduled day is one with a shift type, as the recompute builds it); corrections are
 * stored per date already, so their count is the sum of `corrections_used`.
 */
export function summarizeRows(rows: DayRow[], month: string): MonthlySummary {
  const results: Record<string, DayResult> = {};
  const calendar: Record<string, CalendarDay> = {};
  const leave: LeaveEntry[] = [];
  let corrections = 0;
  for (const r of rows) {
    if (!r.date.startsWith(`${month}-`)) continue;
    results[r.date] = dayResultOf(r);
    calendar[r.date] = { dayType: r.day_type as DayType, shift: r.shift_type_id === null ? null : String(r.shift_type_id) };
    if (r.leave_type !== null) leave.push(storedLeave(r));
    corrections += r.corrections_used;
  }
  const s = summarizeMonth(results, { timezone: 'UTC', calendar, leave, approvals: { overtime: [], corrections: [] }, month });
  s.correctionsUsed = corrections;
  return s;
}

export const SYMBOLS = {
  present: '√',
  late: '迟',
  serious: '严',
  absent: '旷',
  missing: '缺',
  early: '早',
  leave: '假',
  half: '½',
  hourly: '时',
  halfDay: '半',
  rest: '休',
  holiday: '节',
  inProgress: '待',
} as const;

export const LEGEND =
  '图例：√ 正常出勤　迟 迟到　严 严重迟到　旷 旷工（含旷工迟到）　缺 缺卡　早 早退　假 请假（½假 为半天假，时假 为按小时请假）　半 半天出勤　休 休息日　节 法定节假日　待 进行中（待打卡）　空白 当日无考勤记录';

/** The symbol(s) of one day: leave or rest first, then every anomaly of the day; √ when nothing else applies. */
export function daySymbol(r: DayRow): string {
  switch (r.status) {
    case 'rest':
      return SYMBOLS.rest;
    case 'holiday':
      return SYMBOLS.holiday;
    case 'on_leave':
      return r.leave_half === 'am' || r.leave_half === 'pm' ? SYMBOLS.half + SYMBOLS.leave : SYMBOLS.leave;
    case 'absent':
      return partLeave(r) + SYMBOLS.absent;
  }
  let s = partLeave(r);
  if (r.late === 1) s += r.late_level === 'absenteeism' ? SYMBOLS.absent : r.late_level === 'serious' ? SYMBOLS.serious : SYMBOLS.late;
  if (r.early === 1) s += SYMBOLS.early;
  if (r.missing_in === 1 || r.missing_out === 1) s += SYMBOLS.missing;
  if (r.status === 'half_day') s += SYMBOLS.halfDay;
  // A worked half-leave day with nothing else to flag shows just ½假 (two characters fit a day column).
  return s === '' ? SYMBOLS.present : s;
}

/** ½假 on a half-leave day, 时假 on a day with hourly leave, else nothing. */
function partLeave(r: DayRow): string {
  if (r.leave_half === 'am' || r.leave_half === 'pm') return SYMBOLS.half + SYMBOLS.leave;
  return r.leave_half === 'hours' ? SYMBOLS.hourly + SYMBOLS.leave : '';
}

export const STATUS_LABEL: Record<string, string> = {
  present: '正常',
  half_day: '半天出勤',
  absent: '旷工',
  missing_punch: '缺卡',
  on_leave: '请假',
  rest: '休息',
  holiday: '节假日',
};

export const DAY_TYPE_LABEL: Record<string, string> = {
  workday: '工作日',
  makeup_workday: '调休上班',
  rest_day: '休息日',
  statutory_holiday: '法定节假日',
};

export const OVERTIME_LABEL: Record<string, string> = { workday: '工作日', restday: '休息日', holiday: '节假日' };

export const WEEKDAY = ['日', '一', '二', '三', '四', '五', '六'];

export function weekdayOf(date: string): string {
  return WEEKDAY[new Date(`${date}T00:00:00Z`).getUTCDay()];
}

/** `2026-10-08T08:59:00+08:00` → `08:59` on the attendance date, `次日 01:10` / `10-07 23:50` otherwise. */
export function clockOf(iso: string | null, date: string): string {
  if (!iso) return '';
  const d = iso.slice(0, 10);
  const hm = iso.slice(11, 16);
  if (d === date) return hm;
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return d === next.toISOString().slice(0, 10) ? `次日 ${hm}` : `${d.slice(5)} ${hm}`;
}

export const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;
