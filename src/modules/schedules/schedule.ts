/**
 * Which day type and shift type each date has for an attendance group. Pure: the caller loads
 * the group, the employee's roster entries and the group's holiday calendar.
 *
 * Decisions:
 * - Day type: a date listed in the calendar has its listed type; an unlisted date is a rest_day
 *   when its weekday is one of the calendar's weekend days (Saturday and Sunday without a calendar),
 *   else a workday.
 * - Roster groups have no weekly weekend: on an unlisted date the roster decides, a rostered shift
 *   makes it a workday and no shift a rest_day. Listed dates (holidays, 调休 workdays) keep their type.
 * - Fixed groups: workday → the weekday's shift; makeup_workday (调休上班, usually a weekend day)
 *   → the shift of the group's first working weekday in the order Monday … Saturday, Sunday, since
 *   the weekend day itself has no shift; rest_day / statutory_holiday → no shift.
 * - Roster groups: the day's entry (null = rest), else the cycle, else no shift.
 * - Free groups (自由工时): never a shift; their workdays are judged by worked time against
 *   `freeHours` (engine free-hours.ts), each day running from dayStartsAt to dayStartsAt.
 */
import type { DayType, FreeHoursDef } from '../../engine/types.js';
import type { Row } from '../../db/schema.js';
import { toMinutes, weekdayOf } from './wall-time.js';

/** Weekday ('0' = Sunday … '6') → shift type id. */
export type WeeklyShifts = Partial<Record<'0' | '1' | '2' | '3' | '4' | '5' | '6', number | null>>;
export interface RosterCycle {
  startDate: string;
  shiftTypeIds: (number | null)[];
}
export interface FreeHours {
  dayStartsAt: string;
  requiredMinutes: number;
}

/** What a free group without stored settings gets: DingTalk's 05:00 day start and an 8-hour day. */
export const DEFAULT_FREE_HOURS: FreeHours = { dayStartsAt: '05:00', requiredMinutes: 480 };

export interface ScheduleGroup {
  kind: 'fixed' | 'roster' | 'free';
  weekly: WeeklyShifts | null;
  rosterCycle: RosterCycle | null;
  freeHours?: FreeHours | null;
}

export interface ScheduleCalendar {
  /** 0 = Sunday … 6 = Saturday. */
  weekendDays: number[];
  days: { date: string; dayType: DayType }[];
}

export interface RosterDay {
  date: string;
  shiftTypeId: number | null;
}

export interface ScheduledDay {
  dayType: DayType;
  shiftTypeId: number | null;
}

export const DEFAULT_WEEKEND = [0, 6];
const MAKEUP_ORDER = ['1', '2', '3', '4', '5', '6', '0'] as const;

export function scheduleGroupFromRow(row: Pick<Row<'attendance_groups'>, 'kind' | 'weekly' | 'roster_cycle' | 'free_hours'>): ScheduleGroup {
  return {
    kind: row.kind,
    weekly: row.weekly ? (JSON.parse(row.weekly) as WeeklyShifts) : null,
    rosterCycle: row.roster_cycle ? (JSON.parse(row.roster_cycle) as RosterCycle) : null,
    freeHours: row.free_hours ? (JSON.parse(row.free_hours) as FreeHours) : null,
  };
}

/** The engine's free-hours settings of a free group (defaults when none are stored); null for other kinds. */
export function freeHoursDefOf(group: ScheduleGroup): FreeHoursDef | null {
  if (group.kind !== 'free') return null;
  const f = group.freeHours ?? DEFAULT_FREE_HOURS;
  return { dayStartsAtMin: toMinutes(f.dayStartsAt), requiredMinutes: f.requiredMinutes };
}

export function calendarFromRows(
  calendar: Pick<Row<'holiday_calendars'>, 'weekend_days'> | null,
  days: Pick<Row<'calendar_days'>, 'date' | 'day_type'>[],
): ScheduleCalendar {
  return { weekendDays: calendar ? (JSON.parse(calendar.weekend_days) as number[]) : DEFAULT_WEEKEND, days: days.map((d) => ({ date: d.date, dayType: d.day_type })) };
}

/** The shift a cycle assigns to a date (cycles repeat both ways from their start date). */
export function cycleShift(cycle: RosterCycle, date: string): number | null {
  const n = cycle.shiftTypeIds.length;
  if (n === 0) return null;
  const days = Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${cycle.startDate}T00:00:00Z`)) / 86_400_000);
  return cycle.shiftTypeIds[((days % n) + n) % n] ?? null;
}

/** The fixed group's shift for a make-up workday: its first working weekday, Monday first. */
export function makeupShift(weekly: WeeklyShifts | null): number | null {
  for (const d of MAKEUP_ORDER) {
    const id = weekly?.[d];
    if (id != null) return id;
  }
  return null;
}

export function scheduleFor(group: ScheduleGroup, rosterEntries: RosterDay[], calendar: ScheduleCalendar | null, dates: string[]): Record<string, ScheduledDay> {
  const cal = calendar ?? { weekendDays: DEFAULT_WEEKEND, days: [] };
  const listed = new Map(cal.days.map((d) => [d.date, d.dayType]));
  const roster = new Map(rosterEntries.map((e) => [e.date, e.shiftTypeId]));
  const out: Record<string, ScheduledDay> = {};
  for (const date of dates) {
    const weekday = weekdayOf(date);
    const listedType = listed.get(date);
    if (group.kind === 'roster') {
      const shift = roster.has(date) ? roster.get(date)! : group.rosterCycle ? cycleShift(group.rosterCycle, date) : null;
      out[date] = { dayType: listedType ?? (shift !== null ? 'workday' : 'rest_day'), shiftTypeId: shift };
      continue;
    }
    const dayType: DayType = listedType ?? (cal.weekendDays.includes(weekday) ? 'rest_day' : 'workday');
    let shift: number | null = null;
    if (group.kind === 'fixed') {
      if (dayType === 'workday') shift = group.weekly?.[String(weekday) as keyof WeeklyShifts] ?? null;
      else if (dayType === 'makeup_workday') shift = makeupShift(group.weekly);
    }
    out[date] = { dayType, shiftTypeId: shift };
  }
  return out;
}
