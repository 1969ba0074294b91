import type { ShiftType } from '../../components/setup/data';

const toMin = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Scheduled minutes minus the break, for the summary line. */
export function workMinutes(s: Pick<ShiftType, 'start' | 'end' | 'crossesMidnight' | 'break'>): number {
  let len = toMin(s.end) - toMin(s.start);
  if (s.crossesMidnight) len += 1440;
  if (s.break) {
    let b = toMin(s.break.end) - toMin(s.break.start);
    if (b < 0) b += 1440;
    len -= b;
  }
  return Math.max(0, len);
}
