/**
 * When to remind a person to clock in and out on a date, from the day the attendance engine
 * would evaluate (the group's shift, the roster, 调休 make-up workdays, holidays, approved leave).
 * Pure.
 * - No shift (rest day, holiday, free hours 自由工时): no reminder.
 * - A full day of leave: none; a morning half: no clock-in reminder; an afternoon half: no
 *   clock-out reminder. Hourly leave keeps both (the shift still starts and ends).
 * - Flexible hours: the clock-in reminder comes before the nominal start (the earliest expected
 *   arrival), the clock-out one after the latest end the flex window allows.
 * - A reminder that could not go out before the shift began (clock-in) or before its punch window
 *   closed (clock-out), say after an outage, is dropped rather than sent late.
 * - A reminder is skipped at send time when the person already punched in its span: for clock-in
 *   from the opening of the punch window to the shift end, for clock-out from the shift midpoint
 *   (a punch after it counts as the check-out) to the close of the window.
 */
import type { DayType, ShiftDef } from '../../engine/types.js';
import { dayIndexOf } from '../../shared/civil-date.js';
import { wallToMs, zoneTable } from '../../shared/zone-time.js';
import { formatHHMM } from '../../shared/zone-wall.js';

export interface ReminderDay {
  date: string;
  zone: string;
  dayType: DayType;
  shift: ShiftDef | null;
  leaveType: string | null;
  leaveHalf: 'am' | 'pm' | 'hours' | null;
}

export interface PlannedReminder {
  direction: 'in' | 'out';
  atMs: number;
  /** The shift time the message names, `HH:MM`. */
  time: string;
  skipIfPunched: { fromMs: number; toMs: number };
  /** Past this a reminder is pointless (the shift began; the punch window closed): not sent. */
  expiresAtMs: number;
}

const MIN = 60_000;

export function remindersFor(day: ReminderDay, minutes: { inBeforeMin: number; outAfterMin: number }): PlannedReminder[] {
  const s = day.shift;
  if (!s) return [];
  if (day.leaveType !== null && day.leaveHalf === null) return [];
  const zt = zoneTable(day.zone);
  const idx = dayIndexOf(day.date);
  const startMs = wallToMs(zt, idx, s.startMin);
  const endMs = wallToMs(zt, idx + (s.crossesMidnight ? 1 : 0), s.endMin) + (s.flex ? s.flex.lateMaxMin * MIN : 0);
  const midMs = startMs + Math.floor((endMs - startMs) / 2);
  const out: PlannedReminder[] = [];
  if (day.leaveHalf !== 'am') {
    out.push({ direction: 'in', atMs: startMs - minutes.inBeforeMin * MIN, time: formatHHMM(s.startMin), skipIfPunched: { fromMs: startMs - s.checkInEarliestMin * MIN, toMs: endMs }, expiresAtMs: startMs });
  }
  if (day.leaveHalf !== 'pm') {
    out.push({ direction: 'out', atMs: endMs + minutes.outAfterMin * MIN, time: formatHHMM((s.endMin + (s.flex?.lateMaxMin ?? 0)) % 1440), skipIfPunched: { fromMs: midMs, toMs: endMs + s.checkOutLatestMin * MIN + 1 }, expiresAtMs: endMs + s.checkOutLatestMin * MIN });
  }
  return out;
}
