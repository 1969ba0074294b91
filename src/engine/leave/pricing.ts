/**
 * What a leave request costs, in the unit of its leave type, from the employee's actual schedule
 * on those dates: a day with a shift costs a day (or its shift hours), a half costs half, a rest
 * day, a statutory holiday or a roster day off costs nothing (年假: 条例 Art. 3, rest days and
 * statutory holidays inside a leave are not counted). A 调休 workday (补班) has a shift, so it
 * costs. Types counted in calendar days (产假 and the like) cost every day of the span.
 */
import type { DayType } from '../types.js';

export type LeaveUnit = 'day' | 'half_day' | 'hour';

export interface ScheduledLeaveDay {
  date: string;
  dayType: DayType;
  /** Scheduled working minutes of the day's shift (break excluded); 0 or null without a shift. */
  shiftMinutes: number | null;
}

export interface LeaveSpan {
  fromDate: string;
  toDate: string;
  half: 'am' | 'pm' | null;
  /** Hourly leave: its length in hours (the span is one date). */
  hours: number | null;
}

export interface LeavePrice {
  /** In the type's unit: days (whole or halves) or hours. */
  amount: number;
  unit: LeaveUnit;
  /** The dates that cost something, with what each cost. */
  days: { date: string; amount: number }[];
  /** Dates inside the span that cost nothing (rest days, holidays, days off). */
  freeDates: string[];
}

/** A free-hours workday has no shift: it counts as a standard 8-hour day. */
const STANDARD_DAY_MIN = 480;

export function isWorkingDay(d: ScheduledLeaveDay): boolean {
  if ((d.shiftMinutes ?? 0) > 0) return true;
  return d.shiftMinutes === null && (d.dayType === 'workday' || d.dayType === 'makeup_workday');
}

const roundUpHalf = (x: number) => Math.ceil(x * 2 - 1e-9) / 2;
const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Prices a request over its scheduled days (one entry per date of the span, in order).
 * `calendarDays` types cost every date, working or not.
 */
export function priceLeave(span: LeaveSpan, schedule: ScheduledLeaveDay[], unit: LeaveUnit, calendarDays = false): LeavePrice {
  const days: LeavePrice['days'] = [];
  const freeDates: string[] = [];
  for (const d of schedule) {
    if (d.date < span.fromDate || d.date > span.toDate) continue;
    const working = calendarDays || isWorkingDay(d);
    if (!working) {
      freeDates.push(d.date);
      continue;
    }
    const dayHours = (d.shiftMinutes && d.shiftMinutes > 0 ? d.shiftMinutes : STANDARD_DAY_MIN) / 60;
    let amount: number;
    if (span.hours !== null) {
      // Hourly leave in a day-counted type is rounded up to the type's step.
      amount = unit === 'hour' ? span.hours : unit === 'half_day' ? roundUpHalf(span.hours / dayHours) : Math.ceil(span.hours / dayHours - 1e-9);
      amount = Math.min(amount, unit === 'hour' ? dayHours : 1);
    } else if (span.half) {
      amount = unit === 'hour' ? dayHours / 2 : unit === 'half_day' ? 0.5 : 1;
    } else {
      amount = unit === 'hour' ? dayHours : 1;
    }
    days.push({ date: d.date, amount: round2(amount) });
  }
  return { amount: round2(days.reduce((s, d) => s + d.amount, 0)), unit, days, freeDates };
}
