/** When a manager's digest goes out, and which period it covers. Pure. */
import { dayIndexOf, dateOfDayIndex } from '../../shared/civil-date.js';
import { localDateOf, wallTimeOf } from '../../shared/zone-wall.js';
import { wallToMs, zoneTable } from '../../shared/zone-time.js';

/**
 * Daily: the next `atMin` in the company's zone (today's if still ahead). Weekly: the next Monday
 * at `atMin`. The period is the local date the digest goes out on.
 */
export function digestSchedule(nowMs: number, zone: string, atMin: number, mode: 'daily' | 'weekly'): { atMs: number; period: string } {
  const t = zoneTable(zone);
  const today = dayIndexOf(localDateOf(zone, nowMs));
  const wall = wallTimeOf(zone, nowMs).wallTime;
  const minute = Number(wall.slice(11, 13)) * 60 + Number(wall.slice(14, 16));
  let day = minute < atMin ? today : today + 1;
  if (mode === 'weekly') {
    // Day index 0 is 1970-01-01, a Thursday: Monday is index ≡ 4 (mod 7).
    while (((day % 7) + 7) % 7 !== 4) day++;
  }
  return { atMs: wallToMs(t, day, atMin), period: dateOfDayIndex(day) };
}
