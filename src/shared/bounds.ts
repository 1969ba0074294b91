/**
 * Bounded inputs: the one supported window for every date, month and instant Daka accepts, the
 * maximum length of every date range, and the hard bound on day arithmetic.
 *
 * Why a window at all: `YYYY-MM-DD` strings are compared as text everywhere (`d <= to`), and a
 * date past 9999 becomes `+010000-01-01`, which sorts before every four-digit year, so a day loop
 * never reaches its end. Inside 1970…2199 every date has four digits, every instant is a small
 * positive number, and one year of days is a few hundred iterations.
 */
import { AppError } from './errors.js';

export const MIN_DATE = '1970-01-01';
export const MAX_DATE = '2199-12-31';
export const MIN_MONTH = MIN_DATE.slice(0, 7);
export const MAX_MONTH = MAX_DATE.slice(0, 7);
/** First and last supported instant (epoch ms), UTC ends of the date window. */
export const MIN_INSTANT_MS = Date.UTC(1970, 0, 1);
export const MAX_INSTANT_MS = Date.UTC(2200, 0, 1) - 1;

/**
 * Day arithmetic (`addDays`) refuses to leave this wider window. It is wider than the accepted
 * window so that code may look a few days or months past an accepted edge (`addDays(MAX_DATE, 1)`),
 * and narrow enough that any loop stepping through days ends within ~150,000 steps.
 */
const ARITHMETIC_MIN_MS = Date.UTC(1900, 0, 1);
const ARITHMETIC_MAX_MS = Date.UTC(2299, 11, 31);

/** Longest span any single day iteration walks (ten years): far above every documented range maximum. */
export const MAX_ITERATION_DAYS = 3660;

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A real calendar date `YYYY-MM-DD` inside the supported window. */
export function isSupportedDate(s: unknown): s is string {
  if (typeof s !== 'string' || !DATE_RE.test(s) || s < MIN_DATE || s > MAX_DATE) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** `YYYY-MM` inside the supported window. */
export function isSupportedMonth(s: unknown): s is string {
  return typeof s === 'string' && MONTH_RE.test(s) && s >= MIN_MONTH && s <= MAX_MONTH;
}

/** A whole number of epoch ms inside the supported window. */
export function isSupportedInstant(ms: unknown): ms is number {
  return typeof ms === 'number' && Number.isSafeInteger(ms) && ms >= MIN_INSTANT_MS && ms <= MAX_INSTANT_MS;
}

export const DATE_WINDOW_TEXT = `a date YYYY-MM-DD from ${MIN_DATE} to ${MAX_DATE}`;
export const MONTH_WINDOW_TEXT = `a month YYYY-MM from ${MIN_MONTH} to ${MAX_MONTH}`;
export const INSTANT_WINDOW_TEXT = `an instant (epoch ms) from ${MIN_INSTANT_MS} (${MIN_DATE}) to ${MAX_INSTANT_MS} (${MAX_DATE}, UTC)`;

/** 400 `DATE_OUT_OF_RANGE` naming the field (`querystring.from`, `body.items[2].atMs`, `--month`). */
export function dateOutOfRange(field: string, value: unknown, kind: 'date' | 'month' | 'instant' = 'date'): AppError {
  const want = kind === 'date' ? DATE_WINDOW_TEXT : kind === 'month' ? MONTH_WINDOW_TEXT : INSTANT_WINDOW_TEXT;
  const shown = typeof value === 'string' ? `'${value.slice(0, 40)}'` : String(value);
  return new AppError('DATE_OUT_OF_RANGE', `${field} must be ${want}, not ${shown}`, 400, {
    field,
    min: kind === 'instant' ? MIN_INSTANT_MS : kind === 'month' ? MIN_MONTH : MIN_DATE,
    max: kind === 'instant' ? MAX_INSTANT_MS : kind === 'month' ? MAX_MONTH : MAX_DATE,
  });
}

export function assertSupportedDate(field: string, value: unknown): string {
  if (!isSupportedDate(value)) throw dateOutOfRange(field, value, 'date');
  return value;
}

export function assertSupportedMonth(field: string, value: unknown): string {
  if (!isSupportedMonth(value)) throw dateOutOfRange(field, value, 'month');
  return value;
}

export function assertSupportedInstant(field: string, value: unknown): number {
  if (!isSupportedInstant(value)) throw dateOutOfRange(field, value, 'instant');
  return value;
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`), negative when `to` is earlier. */
export function daysFromTo(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Checks a date range before any work: both ends in the window, in order, and at most `maxDays`
 * days long (inclusive). Field names are as the client sent them (`querystring.from`).
 */
export function assertDateRange(range: { from: string; to: string; fromField: string; toField: string; maxDays: number }): void {
  assertSupportedDate(range.fromField, range.from);
  assertSupportedDate(range.toField, range.to);
  if (range.to < range.from) {
    throw new AppError('INVALID_DATE_RANGE', `${range.toField} (${range.to}) is before ${range.fromField} (${range.from})`, 400, { field: range.toField });
  }
  const days = daysFromTo(range.from, range.to) + 1;
  if (days > range.maxDays) {
    throw new AppError('RANGE_TOO_LONG', `${range.fromField}..${range.toField} covers ${days} days; at most ${range.maxDays} days are allowed here`, 400, {
      field: range.toField,
      maxDays: range.maxDays,
    });
  }
}

/** Guard of day arithmetic: a date outside 1900…2299 means an unchecked input got this far. */
export function assertArithmeticInstant(ms: number, what: string): void {
  if (!(ms >= ARITHMETIC_MIN_MS && ms <= ARITHMETIC_MAX_MS)) {
    throw new AppError('DATE_OUT_OF_RANGE', `${what} is outside the supported dates ${MIN_DATE}..${MAX_DATE}`, 400, { min: MIN_DATE, max: MAX_DATE });
  }
}
