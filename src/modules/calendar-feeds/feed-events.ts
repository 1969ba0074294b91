/**
 * Turns the engine inputs of a date range (shifts per day, day types of the holiday calendar,
 * approved leave) into calendar events. The same inputs drive attendance results, so the feed
 * shows what attendance will judge by.
 */
import { addDays, zonedDayStartMs } from '../../shared/dates.js';
import { offsetMinutesAt } from '../../shared/time.js';
import type { EmployeeInputs } from '../attendance/input-builder.js';
import type { IcsEvent } from './ics.js';

export type FeedEvent = Omit<IcsEvent, 'sequence'>;

const hhmm = (min: number) => `${String(Math.floor((min % 1440) / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;

/** The instant of a wall time (`minute` may pass 1440 for the next day) in `zone`. */
function wallMs(date: string, minute: number, zone: string): number {
  const guess = zonedDayStartMs(date, zone) + minute * 60_000;
  // Correct for an offset change between midnight and the wall time (daylight saving).
  return guess - (offsetMinutesAt(zone, guess) - offsetMinutesAt(zone, zonedDayStartMs(date, zone))) * 60_000;
}

/** The title of a leave entry, the same in the ICS feeds and in WeCom schedules. */
export function leaveSummary(leaveName: string, half: 'am' | 'pm' | 'hours' | null): string {
  const part = half === 'am' ? '（上午）' : half === 'pm' ? '（下午）' : half === 'hours' ? '（小时假）' : '';
  return `请假：${leaveName}${part}`;
}

export function feedEvents(inputs: EmployeeInputs, employee: { id: number; name: string }, companyId: number, leaveNames: Map<string, string>, prefixName: boolean): FeedEvent[] {
  const out: FeedEvent[] = [];
  const who = prefixName ? `${employee.name} · ` : '';
  for (const seg of inputs.segments) {
    const zone = seg.input.timezone;
    for (const date of seg.dates) {
      const meta = seg.meta.get(date);
      const day = seg.input.calendar[date];
      if (!meta || !day) continue;
      const fullLeave = meta.leaveType !== null && meta.leaveHalf === null;
      if (day.shift && !fullLeave && (meta.dayType === 'workday' || meta.dayType === 'makeup_workday')) {
        const def = seg.input.shifts[day.shift];
        if (def) {
          const startMs = wallMs(date, def.startMin, zone);
          const endMs = wallMs(date, def.endMin + (def.crossesMidnight ? 1440 : 0), zone);
          out.push({ uid: `shift-${employee.id}-${date}@daka`, summary: `${who}${def.name} ${hhmm(def.startMin)}–${hhmm(def.endMin)}`, time: { startMs, endMs }, categories: '班次' });
        }
      }
      if (meta.leaveType !== null) {
        const name = leaveNames.get(meta.leaveType) ?? meta.leaveType;
        out.push({ uid: `leave-${employee.id}-${date}@daka`, summary: `${who}${leaveSummary(name, meta.leaveHalf)}`, date: { start: date, end: addDays(date, 1) }, categories: '请假' });
      }
      if (meta.dayType === 'statutory_holiday' || meta.dayType === 'makeup_workday') {
        // One per company and date: a team feed shows it once.
        out.push({ uid: `day-${companyId}-${date}@daka`, summary: meta.dayType === 'statutory_holiday' ? '法定节假日' : '调休上班日', date: { start: date, end: addDays(date, 1) }, categories: '节假日' });
      }
    }
  }
  return out;
}
