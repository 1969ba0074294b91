/** Calendar-date helpers on `YYYY-MM-DD` strings and zoned day boundaries. */
import { offsetMinutesAt } from './time.js';

/** The instant a local date starts in a zone (00:00 wall time, or the first instant after a DST gap). */
export function zonedDayStartMs(date: string, zone: string): number {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  const guess = utcMidnight - offsetMinutesAt(zone, utcMidnight) * 60_000;
  return utcMidnight - offsetMinutesAt(zone, guess) * 60_000;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The local calendar date of an instant in a zone. */
export function localDate(ms: number, zone: string): string {
  return new Date(ms + offsetMinutesAt(zone, ms) * 60_000).toISOString().slice(0, 10);
}

export function eachDate(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}
