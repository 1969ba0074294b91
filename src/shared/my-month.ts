/**
 * What 我的考勤 shows of an employee's month: the figures above the calendar and the badge of each
 * day. Shared by the web page and the server, which draws the same first screen into index.html
 * (src/http/employee-home.ts), so the two cannot disagree on a number or a colour.
 */
import type { DayStatus } from './enums.js';

/** Hex colours of the day statuses for calendar badges and charts (DingTalk's: green normal, red absent…). */
export const DAY_STATUS_HEX: Record<DayStatus, string> = {
  present: '#52c41a',
  half_day: '#faad14',
  absent: '#ff4d4f',
  missing_punch: '#fa8c16',
  on_leave: '#1677ff',
  rest: '#bfbfbf',
  holiday: '#722ed1',
};

/** The badge colour of a day whose check-out window is still open. */
export const IN_PROGRESS_HEX = '#1677ff';

/** The fields of a listed day the month view reads. */
export interface MonthDay {
  date: string;
  status: DayStatus;
  inProgress?: boolean;
  late: boolean;
  early: boolean;
  missingIn: boolean;
  missingOut: boolean;
}

export const MONTH_FIGURES = ['shouldAttend', 'attended', 'late', 'early', 'missing', 'absent'] as const;
export type MonthFigureKey = (typeof MONTH_FIGURES)[number];

export interface MonthFigure {
  key: MonthFigureKey;
  value: number;
  /** Shown in the warning colour. */
  warn?: boolean;
}

/** The month's figures as the calendar shows them (`today` is `YYYY-MM-DD`); days still to come count only as scheduled. */
export function monthFigures(list: readonly MonthDay[], today: string): MonthFigure[] {
  if (!list.length) return [];
  // Days still in progress (check-out window open) are not yet absent or missing a punch.
  const past = list.filter((d) => d.date <= today && !d.inProgress);
  // An absent day is counted as absent, not as two missing punches (DingTalk counts them apart).
  const missing = past.filter((d) => d.status !== 'absent').reduce((n, d) => n + (d.missingIn ? 1 : 0) + (d.missingOut ? 1 : 0), 0);
  const late = past.filter((d) => d.late).length;
  const early = past.filter((d) => d.early).length;
  const absent = past.filter((d) => d.status === 'absent').length;
  return [
    { key: 'shouldAttend', value: list.filter((d) => d.status !== 'rest' && d.status !== 'holiday').length },
    { key: 'attended', value: list.filter((d) => d.date <= today && (d.status === 'present' || d.status === 'half_day' || d.status === 'missing_punch')).length },
    { key: 'late', value: late, warn: late > 0 },
    { key: 'early', value: early, warn: early > 0 },
    { key: 'missing', value: missing, warn: missing > 0 },
    { key: 'absent', value: absent, warn: absent > 0 },
  ];
}

export interface DayBadge {
  /** The status the cell shows: the day's own, or `in_progress` / `planned_leave`. */
  shown: DayStatus | 'in_progress' | 'planned_leave';
  /** The translation key of its label. */
  labelKey: string;
  color: string;
  inProgress: boolean;
  /** Late, early, or a punch or the whole day missing: the employee may want to file a request. */
  needsAction: boolean;
}

/** The badge of a day in the calendar, or null when the day has nothing to show yet (a working day still to come). */
export function dayBadge(day: MonthDay, today: string): DayBadge | null {
  if (day.date > today && !['rest', 'holiday', 'on_leave'].includes(day.status)) return null;
  const inProgress = day.inProgress === true;
  const planned = day.date > today && day.status === 'on_leave';
  return {
    shown: inProgress ? 'in_progress' : planned ? 'planned_leave' : day.status,
    // The calendar cell is narrow on a phone: the short 待打卡, with the full 进行中 · 待打卡 as its tooltip.
    labelKey: inProgress ? 'attendance.inProgressShort' : planned ? 'attendance.plannedLeave' : `attendance.status.${day.status}`,
    color: inProgress ? IN_PROGRESS_HEX : DAY_STATUS_HEX[day.status],
    inProgress,
    needsAction: (!inProgress && (day.status === 'missing_punch' || day.status === 'absent')) || day.late || day.early,
  };
}
