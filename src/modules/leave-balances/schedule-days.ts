/**
 * The employee's actual schedule on a span of dates, as the attendance engine sees it (group,
 * shifts, roster, holidays, 调休 workdays), reduced to what pricing needs: the day type and the
 * scheduled working minutes of each date.
 */
import type { ShiftDef } from '../../engine/index.js';
import type { ScheduledLeaveDay } from '../../engine/leave/index.js';
import type { RecomputeService } from '../attendance/recompute.js';
import { eachDate } from '../../shared/dates.js';

export function shiftWorkMinutes(s: ShiftDef): number {
  const end = s.crossesMidnight || s.endMin <= s.startMin ? s.endMin + 1440 : s.endMin;
  let len = end - s.startMin;
  if (s.break) {
    const bStart = s.break.startMin < s.startMin ? s.break.startMin + 1440 : s.break.startMin;
    const bEnd = s.break.endMin < bStart ? s.break.endMin + 1440 : s.break.endMin;
    len -= Math.max(0, bEnd - bStart);
  }
  return Math.max(0, len);
}

/** One entry per date of [from, to]. */
export async function scheduledDays(recompute: RecomputeService, companyId: number, employeeId: number, fromDate: string, toDate: string): Promise<ScheduledLeaveDay[]> {
  const builder = await recompute.openBuilder(companyId, fromDate, toDate);
  const byDate = new Map<string, ScheduledLeaveDay>();
  if (builder) {
    const employees = await builder.employees([employeeId]);
    const [inputs] = await builder.build(employees);
    for (const seg of inputs?.segments ?? []) {
      for (const date of seg.dates) {
        const day = seg.input.calendar[date];
        if (!day) continue;
        const shift = day.shift === null ? undefined : seg.input.shifts[day.shift];
        // A free-hours group has workdays without a shift: they count as a standard day.
        const minutes = shift ? shiftWorkMinutes(shift) : seg.input.freeHours && (day.dayType === 'workday' || day.dayType === 'makeup_workday') ? null : 0;
        byDate.set(date, { date, dayType: day.dayType, shiftMinutes: minutes });
      }
    }
  }
  // Outside any group: Monday to Friday are standard days.
  const weekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
  return eachDate(fromDate, toDate).map((date) => byDate.get(date) ?? { date, dayType: weekend(date) ? 'rest_day' : 'workday', shiftMinutes: weekend(date) ? 0 : null });
}
