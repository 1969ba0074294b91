/** Calendar-date helpers on `YYYY-MM-DD` strings and zoned day boundaries. */
import { AppError } from './errors.js';
import { assertArithmeticInstant, MAX_ITERATION_DAYS } from './bounds.js';
import { dayStartMs, localDateOf } from './zone-wall.js';

/** The instant a local date starts in a zone (00:00 wall time, or the first instant after a DST gap). */
export function zonedDayStartMs(date: string, zone: string): number {
  return dayStartMs(zone, date);
}

/**
 * `date` plus `days`. Throws 400 `DATE_OUT_OF_RANGE` instead of leaving 1900…2299, so every
 * `for (d = from; d <= to; d = addDays(d, 1))` ends whatever `to` is (a five-digit year would sort
 * before `to` and loop forever).
 */
export function addDays(date: string, days: number): string {
  const ms = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  assertArithmeticInstant(ms, `${date} + ${days} days`);
  return new Date(ms).toISOString().slice(0, 10);
}

/** The local calendar date of an instant in a zone. */
export function localDate(ms: number, zone: string): string {
  return localDateOf(zone, ms);
}

/** Every date from `from` to `to` inclusive; refuses spans over `maxDays` before building anything. */
export function eachDate(from: string, to: string, maxDays = MAX_ITERATION_DAYS): string[] {
  const span = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  if (!(span <= maxDays)) {
    if (Number.isNaN(span)) throw new AppError('INVALID_DATE', `${from}..${to} is not a date range`, 400);
    throw new AppError('RANGE_TOO_LONG', `${from}..${to} covers ${span} days; at most ${maxDays} are walked at once`, 400, { maxDays });
  }
  const out: string[] = [];
  for (let d = from, n = 0; d <= to && n < maxDays; d = addDays(d, 1), n++) out.push(d);
  return out;
}
