/**
 * Statutory paid annual leave (带薪年休假) under 职工带薪年休假条例 (2007) and 企业职工带薪年休假
 * 实施办法 (2008). Pure: dates in, whole days out.
 *
 * - 条例 Art. 3: cumulative working years ≥ 1 and < 10 → 5 days; ≥ 10 and < 20 → 10; ≥ 20 → 15.
 * - 实施办法 Art. 5: a joiner gets (remaining calendar days in this company this year ÷ 365) × the
 *   year's entitlement; a fraction of a day is not granted.
 * - 实施办法 Art. 12: a leaver gets (calendar days already passed this year ÷ 365) × the entitlement,
 *   minus the days already taken; a fraction is dropped (and nothing is clawed back below 0).
 *
 * The divisor is 365 in a leap year too, as the 办法 writes it. When the working years cross a
 * band during the year the days on each side are weighted by their own entitlement, which gives
 * the joiner formula exactly when nothing changes.
 */
import { dateOfDayIndex, dayIndexOf } from '../../shared/civil-date.js';

export const STATUTORY_BANDS: readonly { fromYears: number; days: number }[] = [
  { fromYears: 20, days: 15 },
  { fromYears: 10, days: 10 },
  { fromYears: 1, days: 5 },
];

/** Whole years from `workStart` to `date` (the anniversary itself counts as a full year). */
export function fullYearsBetween(workStart: string, date: string): number {
  const [y0, m0, d0] = workStart.split('-').map(Number);
  const [y1, m1, d1] = date.split('-').map(Number);
  let years = y1 - y0;
  if (m1 < m0 || (m1 === m0 && d1 < d0)) years -= 1;
  return Math.max(0, years);
}

/** The full-year entitlement for cumulative working years (条例 Art. 3). */
export function statutoryDaysForYears(years: number): number {
  for (const b of STATUTORY_BANDS) if (years >= b.fromYears) return b.days;
  return 0;
}

export interface AnnualLeaveInput {
  year: number;
  /** 参加工作日期: start of cumulative working years (all employers). */
  workStartDate: string;
  /** Joined this company (null: before the year). */
  hireDate: string | null;
  /** Last day in this company (null: stays past the year). */
  leaveDate: string | null;
  /** Statutory days already taken this year (for the leaver formula). */
  takenDays?: number;
}

export interface AnnualLeaveResult {
  /** Whole days granted for the year. */
  days: number;
  /** Full-year entitlement at the end of the employment in the year. */
  fullYearDays: number;
  /** Calendar days of the year in this company. */
  daysInCompany: number;
  /** The exact fraction before dropping (for explanations). */
  exact: number;
  basis: 'full_year' | 'joiner' | 'leaver' | 'joiner_leaver' | 'not_employed';
}

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Statutory days for `year`, pro-rated for a joiner or a leaver, fractions dropped. */
export function statutoryAnnualLeave(input: AnnualLeaveInput): AnnualLeaveResult {
  const { year } = input;
  const yearStart = iso(year, 1, 1);
  const yearEnd = iso(year, 12, 31);
  const from = input.hireDate && input.hireDate > yearStart ? input.hireDate : yearStart;
  const to = input.leaveDate && input.leaveDate < yearEnd ? input.leaveDate : yearEnd;
  const joiner = from !== yearStart;
  const leaver = to !== yearEnd;
  if (from > to) return { days: 0, fullYearDays: 0, daysInCompany: 0, exact: 0, basis: 'not_employed' };
  const first = dayIndexOf(from);
  const last = dayIndexOf(to);
  const daysInCompany = last - first + 1;
  // Weight each stretch of the year by its band: the band changes at most twice in a year (only
  // on the anniversary of the work start), so walk anniversaries rather than days.
  let weighted = 0;
  let cursor = first;
  let guard = 0;
  while (cursor <= last && guard++ < 4) {
    const date = dateOfDayIndex(cursor);
    const years = fullYearsBetween(input.workStartDate, date);
    const next = anniversaryAfter(input.workStartDate, date);
    const end = Math.min(last, next === null ? last : dayIndexOf(next) - 1);
    weighted += (end - cursor + 1) * statutoryDaysForYears(years);
    cursor = end + 1;
  }
  const fullYearDays = statutoryDaysForYears(fullYearsBetween(input.workStartDate, to));
  if (!joiner && !leaver) {
    // A whole year in the company: the 条例's days, except in the year the band changes.
    const exact = weighted === fullYearDays * daysInCompany ? fullYearDays : weighted / 365;
    return { days: Math.floor(exact + 1e-9), fullYearDays, daysInCompany, exact, basis: 'full_year' };
  }
  const exact = weighted / 365;
  const taken = leaver ? (input.takenDays ?? 0) : 0;
  const days = Math.max(0, Math.floor(exact + 1e-9) - taken);
  return { days, fullYearDays, daysInCompany, exact, basis: joiner && leaver ? 'joiner_leaver' : joiner ? 'joiner' : 'leaver' };
}

/** The first anniversary of `workStart` strictly after `date` (Feb 29 falls on Mar 1). */
function anniversaryAfter(workStart: string, date: string): string | null {
  const [y0, m0, d0] = workStart.split('-').map(Number);
  const y = Number(date.slice(0, 4));
  for (const cand of [y, y + 1]) {
    if (cand <= y0) continue;
    const leapSafe = m0 === 2 && d0 === 29 && !isLeap(cand) ? iso(cand, 3, 1) : iso(cand, m0, d0);
    if (leapSafe > date) return leapSafe;
  }
  return null;
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
