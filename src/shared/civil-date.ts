/**
 * Zone-free civil dates as day indexes (days since 1970-01-01, proleptic Gregorian), so date
 * arithmetic on hot paths is integer arithmetic. Pure: shared by the engine, the server and the web.
 */

export const DAY_MS = 86_400_000;
export const MIN_MS = 60_000;

/** Both memos are bounded: dates come from requests too, and a long-lived process must not grow. */
const MEMO_MAX = 100_000;
const dayIndexByDate = new Map<string, number>();
const dateByDayIndex = new Map<number, string>();

/** Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil); month 1-12. */
export function civilToDayIndex(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `YYYY-MM-DD` → day index; the caller has validated the format. */
export function dayIndexOf(date: string): number {
  let idx = dayIndexByDate.get(date);
  if (idx === undefined) {
    idx = civilToDayIndex(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
    if (dayIndexByDate.size >= MEMO_MAX) dayIndexByDate.clear();
    dayIndexByDate.set(date, idx);
  }
  return idx;
}

/** Day index → `YYYY-MM-DD` (civil_from_days). */
export function dateOfDayIndex(idx: number): string {
  let s = dateByDayIndex.get(idx);
  if (s !== undefined) return s;
  const z = idx + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  s = `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
  if (dateByDayIndex.size >= MEMO_MAX) dateByDayIndex.clear();
  dateByDayIndex.set(idx, s);
  return s;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** true for a real calendar date written `YYYY-MM-DD`. */
export function isCivilDate(date: string): boolean {
  const m = DATE_RE.exec(date);
  if (!m) return false;
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const y = Number(m[1]);
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (mo === 2 ? (leap ? 29 : 28) : DAYS_IN_MONTH[mo - 1]);
}
