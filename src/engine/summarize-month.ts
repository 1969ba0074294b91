/**
 * Monthly roll-up of day results, in the columns of the DingTalk monthly attendance report
 * (月度汇总). Definitions, chosen so every column can be traced back to day results:
 *
 * - shouldAttendDays (应出勤天数): dates whose result is a scheduled workday, i.e. a workday or
 *   make-up workday with a shift (leave days included: leave is taken out of expected days), or
 *   one of a free-hours group: without a shift, but with a result that expected attendance (its
 *   status is never `rest`, unlike an unscheduled workday's).
 * - earlyCount / earlyMinutes include the shortfalls of free-hours days (reported as early leave).
 * - attendedDays (出勤天数): scheduled days with status present, half_day or missing_punch, i.e.
 *   the employee showed up; a half-leave day that was worked counts 1.
 * - lateCount / lateMinutes, earlyCount / earlyMinutes: days with `late` / `early`, and the sum of
 *   their reported minutes. seriousLateCount / absenteeismLateCount: days at that lateLevel.
 * - missingInCount / missingOutCount (上班/下班缺卡): days missing exactly that side; a day with
 *   neither punch is an absence, not two missing punches.
 * - absentDays (旷工天数): status absent counts 1, or 0.5 on a half-leave day (only half was
 *   expected). halfDays: days with status half_day (reported separately, not folded into absence).
 * - leaveDaysByType: approved leave on scheduled days, full day 1, half day 0.5, at most 1 per date.
 * - leaveMinutesByType: approved hourly leave (R11a) on scheduled days, the day's leaveMinutes
 *   (inside the shift), shared among a date's hourly entries in their order, each up to its length.
 * - overtimeMinutesByCategory: overtimeMinutes summed by the day's overtimeCategory.
 * - correctionsUsed (补卡次数): approved corrections whose local date is one of the summarised dates.
 * - restDays / holidayDays: calendar dates of type rest_day / statutory_holiday.
 * - workedMinutes: sum over all summarised dates, rest days included.
 *
 * With `month` ('YYYY-MM') only dates of that month are summarised; otherwise every date given.
 */
import type { DayResult, EngineInput, OvertimeCategory } from './types.js';
import { dateOfDayIndex, localDayIndexOf, zoneTable } from './zone-offsets.js';

export type SummaryContext = Pick<EngineInput, 'timezone' | 'calendar' | 'leave' | 'approvals'> & { month?: string };

export interface MonthlySummary {
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
  leaveMinutesByType: Record<string, number>;
  overtimeMinutesByCategory: Record<OvertimeCategory, number>;
  correctionsUsed: number;
  restDays: number;
  holidayDays: number;
  workedMinutes: number;
}

export function summarizeMonth(results: Record<string, DayResult>, ctx: SummaryContext): MonthlySummary {
  const s: MonthlySummary = {
    shouldAttendDays: 0,
    attendedDays: 0,
    lateCount: 0,
    lateMinutes: 0,
    seriousLateCount: 0,
    absenteeismLateCount: 0,
    earlyCount: 0,
    earlyMinutes: 0,
    missingInCount: 0,
    missingOutCount: 0,
    absentDays: 0,
    halfDays: 0,
    leaveDaysByType: {},
    leaveMinutesByType: {},
    overtimeMinutesByCategory: { workday: 0, restday: 0, holiday: 0 },
    correctionsUsed: 0,
    restDays: 0,
    holidayDays: 0,
    workedMinutes: 0,
  };
  const dates = Object.keys(results)
    .filter((d) => !ctx.month || d.startsWith(`${ctx.month}-`))
    .sort();
  const included = new Set(dates);
  const scheduled = new Set<string>();
  const leaveByDate = new Map<string, { type: string; days: number }[]>();
  const hourlyByDate = new Map<string, { type: string; minutes: number }[]>();
  for (const l of ctx.leave) {
    if (!included.has(l.date)) continue;
    if ((l.fromMin !== undefined && l.toMin !== undefined) || l.minutes !== undefined) {
      const length = l.fromMin !== undefined && l.toMin !== undefined ? (l.toMin > l.fromMin ? l.toMin - l.fromMin : l.toMin + 1440 - l.fromMin) : l.minutes!;
      const list = hourlyByDate.get(l.date) ?? [];
      list.push({ type: l.type, minutes: length });
      hourlyByDate.set(l.date, list);
      continue;
    }
    const list = leaveByDate.get(l.date) ?? [];
    list.push({ type: l.type, days: l.half ? 0.5 : 1 });
    leaveByDate.set(l.date, list);
  }

  for (const date of dates) {
    const r = results[date];
    const cal = ctx.calendar[date];
    if (cal?.dayType === 'rest_day') s.restDays++;
    if (cal?.dayType === 'statutory_holiday') s.holidayDays++;
    s.workedMinutes += r.workedMinutes;
    s.overtimeMinutesByCategory[r.overtimeCategory] += r.overtimeMinutes;
    const isScheduled = !!cal && (cal.dayType === 'workday' || cal.dayType === 'makeup_workday') && (!!cal.shift || r.status !== 'rest');
    if (!isScheduled) continue;
    scheduled.add(date);
    s.shouldAttendDays++;
    if (r.status === 'present' || r.status === 'half_day' || r.status === 'missing_punch') s.attendedDays++;
    if (r.late) {
      s.lateCount++;
      s.lateMinutes += r.lateMinutes;
      if (r.lateLevel === 'serious') s.seriousLateCount++;
      if (r.lateLevel === 'absenteeism') s.absenteeismLateCount++;
    }
    if (r.early) {
      s.earlyCount++;
      s.earlyMinutes += r.earlyMinutes;
    }
    if (r.missingIn && !r.missingOut) s.missingInCount++;
    if (r.missingOut && !r.missingIn) s.missingOutCount++;
    const leaves = leaveByDate.get(date) ?? [];
    if (r.status === 'absent') s.absentDays += leaves.some((l) => l.days === 0.5) ? 0.5 : 1;
    if (r.status === 'half_day') s.halfDays++;
    // At most one day of leave per date, whatever overlapping entries say.
    let budget = 1;
    for (const l of leaves) {
      const take = Math.min(l.days, budget);
      if (take <= 0) break;
      s.leaveDaysByType[l.type] = (s.leaveDaysByType[l.type] ?? 0) + take;
      budget -= take;
    }
    let left = r.leaveMinutes;
    for (const h of hourlyByDate.get(date) ?? []) {
      const take = Math.min(h.minutes, left);
      if (take <= 0) break;
      s.leaveMinutesByType[h.type] = (s.leaveMinutesByType[h.type] ?? 0) + take;
      left -= take;
    }
  }

  const zt = zoneTable(ctx.timezone);
  for (const c of ctx.approvals.corrections) {
    if (included.has(dateOfDayIndex(localDayIndexOf(zt, c.atMs)))) s.correctionsUsed++;
  }
  return s;
}
