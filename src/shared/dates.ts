/** Calendar-date helpers on `YYYY-MM-DD` strings and zoned day boundaries. */
import { dayStartMs, localDateOf } from './zone-wall.js';

/** The instant a local date starts in a zone (00:00 wall time, or the first instant after a DST gap). */
export function zonedDayStartMs(date: string, zone: string): number {
  return dayStartMs(zone, date);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The local calendar date of an instant in a zone. */
export function localDate(ms: number, zone: string): string {
  return localDateOf(zone, ms);
}

export function eachDate(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}
