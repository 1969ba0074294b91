/**
 * Whether a stored day is still in progress: its check-out window (the shift's end plus
 * checkOutLatestMin, the next day for a cross-midnight shift) has not closed yet at `now`. Such a
 * day is stored as the engine sees it so far (absent, or missing its check-out), but it is shown
 * and counted as 待打卡 / in progress, never as 旷工 or 缺卡. The engine knows no clock, so this is
 * decided here, once, for the day lists, the day view and the dashboard.
 */
import { dayIndexOf, wallToMs, zoneTable, type ShiftDef } from '../../engine/index.js';
import { addDays, localDate } from '../../shared/dates.js';
import { shiftDefFromRow } from '../schedules/shift-def.js';
import type { DaysRepo } from './days.repo.js';

/** Only these stored statuses can turn out differently once the day's window closes. */
const OPEN_STATUSES = new Set(['absent', 'missing_punch']);

export interface ProgressDay {
  date: string;
  status: string;
  shift_type_id: number | null;
}

export type InProgressJudge = (day: ProgressDay) => boolean;

/** The dates and shifts whose days are open at this instant (later dates are open whatever their shift). */
export interface OpenWindows {
  pairs: { date: string; shiftTypeId: number | null }[];
  afterDate: string;
}

/** The instant a shift's check-out window closes on a date, in the zone's wall time. */
export function windowClosesAtMs(zone: string, date: string, shift: Pick<ShiftDef, 'endMin' | 'crossesMidnight' | 'checkOutLatestMin'>): number {
  return wallToMs(zoneTable(zone), dayIndexOf(date) + (shift.crossesMidnight ? 1 : 0), shift.endMin) + shift.checkOutLatestMin * 60_000;
}

export class DayProgress {
  constructor(
    private readonly days: DaysRepo,
    private readonly now: () => number,
  ) {}

  /** Which (date, shift) days are open now, for narrowing a status filter in SQL. */
  async openWindows(companyId: number): Promise<OpenWindows> {
    const { zone, shiftRows } = await this.days.zoneAndShifts(companyId);
    const nowMs = this.now();
    const today = localDate(nowMs, zone);
    const pairs: OpenWindows['pairs'] = [{ date: today, shiftTypeId: null }];
    for (const back of [0, 1, 2]) {
      const date = addDays(today, -back);
      for (const s of shiftRows) if (nowMs < windowClosesAtMs(zone, date, shiftDefFromRow(s))) pairs.push({ date, shiftTypeId: s.id });
    }
    return { pairs, afterDate: today };
  }

  /** A judge for the company's days at this instant (reads the zone and shift types once). */
  async judge(companyId: number): Promise<InProgressJudge> {
    const { zone, shiftRows } = await this.days.zoneAndShifts(companyId);
    const nowMs = this.now();
    const today = localDate(nowMs, zone);
    // A cross-midnight shift's window (at most a day after its end) can still be open for yesterday's date.
    const earliest = addDays(today, -2);
    const shifts = new Map(shiftRows.map((s) => [s.id, shiftDefFromRow(s)]));
    const closes = new Map<string, number>();
    return (day) => {
      if (!OPEN_STATUSES.has(day.status) || day.date < earliest) return false;
      if (day.date > today) return true;
      const shift = day.shift_type_id === null ? undefined : shifts.get(day.shift_type_id);
      // A scheduled day without a known shift is open until its local date is over.
      if (!shift) return day.date >= today;
      const key = `${day.shift_type_id}|${day.date}`;
      let at = closes.get(key);
      if (at === undefined) {
        at = windowClosesAtMs(zone, day.date, shift);
        closes.set(key, at);
      }
      return nowMs < at;
    };
  }
}

/**
 * A day as a month's summary counts it. A day still in progress is not over: one the employee has
 * shown up for counts as attended with its check-out pending (not 缺卡); one without a punch yet is
 * left out (neither expected nor 旷工) until its window closes.
 */
export function settledForSummary<R extends ProgressDay & { missing_in: number; missing_out: number }>(day: R, inProgress: boolean): R | null {
  if (!inProgress) return day;
  if (day.status === 'absent') return null;
  return { ...day, status: 'present', missing_in: 0, missing_out: 0 };
}
