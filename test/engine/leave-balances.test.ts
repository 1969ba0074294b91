import { describe, expect, it } from 'vitest';
import {
  balanceAt,
  DEFAULT_COMPENSATION,
  DEFAULT_RULES,
  expiringSoon,
  plannedCredits,
  plannedExpiries,
  plannedGrants,
  priceLeave,
  STATUTORY_ANNUAL_RULES,
  statutoryAnnualLeave,
  statutoryDaysForYears,
  summarize,
  type LedgerEntry,
  type ScheduledLeaveDay,
} from '../../src/engine/leave/index.js';

describe('statutory annual leave (职工带薪年休假条例, 实施办法)', () => {
  it.each([
    [0, 0],
    [1, 5],
    [9, 5],
    [10, 10],
    [19, 10],
    [20, 15],
    [35, 15],
  ])('%i cumulative years → %i days (条例 Art. 3)', (years, days) => {
    expect(statutoryDaysForYears(years)).toBe(days);
  });

  it.each([
    // name, workStart, hire, leave, taken, days, basis
    ['exactly 10 years on 1 January: 10 days', '2016-01-01', null, null, 0, 10, 'full_year'],
    ['exactly 20 years on 1 January: 15 days', '2006-01-01', null, null, 0, 15, 'full_year'],
    ['exactly 1 year on 1 January: 5 days', '2025-01-01', null, null, 0, 5, 'full_year'],
    // 1 year reached on 3-01: 306 days × 5 / 365 = 4.19 → 4.
    ['1 year reached on 1 March: the days after it count', '2025-03-01', null, null, 0, 4, 'full_year'],
    // 10 years reached on 7-01: (181 × 5 + 184 × 10) / 365 = 7.52 → 7.
    ['10 years reached on 1 July: each stretch at its band', '2016-07-01', null, null, 0, 7, 'full_year'],
    ['less than a year of work: nothing', '2026-02-01', null, null, 0, 0, 'full_year'],
    // 人社部 worked example: 10 years of work, joins on 5-01, 245 days left ÷ 365 × 10 = 6.7 → 6.
    ['joiner on 5-01 with 10 years (245 days left): 6', '2014-01-01', '2026-05-01', null, 0, 6, 'joiner'],
    ['joiner on 12-31: 1 day ÷ 365 × 5 is dropped', '2010-01-01', '2026-12-31', null, 0, 0, 'joiner'],
    ['joiner on 1-01 is a full year', '2010-01-01', '2026-01-01', null, 0, 10, 'full_year'],
    // Leaver on 6-30 with 20+ years: 181 ÷ 365 × 15 = 7.44 → 7, minus 3 taken = 4.
    ['leaver mid-year: days passed ÷ 365 × 15 − taken', '2000-01-01', null, '2026-06-30', 3, 4, 'leaver'],
    ['leaver who took more than the pro-rata: 0, nothing clawed back', '2000-01-01', null, '2026-02-28', 10, 0, 'leaver'],
    // Joins 3-01, leaves 9-30: 214 days × 5 / 365 = 2.93 → 2.
    ['joiner and leaver in one year', '2020-06-01', '2026-03-01', '2026-09-30', 0, 2, 'joiner_leaver'],
  ] as const)('%s', (_name, workStartDate, hireDate, leaveDate, takenDays, days, basis) => {
    const r = statutoryAnnualLeave({ year: 2026, workStartDate, hireDate, leaveDate, takenDays });
    expect({ days: r.days, basis: r.basis }).toEqual({ days, basis });
  });

  it('divides by 365 in a leap year too (实施办法 Art. 5): 2028-05-01 leaves 245 days', () => {
    const r = statutoryAnnualLeave({ year: 2028, workStartDate: '2000-01-01', hireDate: '2028-05-01', leaveDate: null });
    expect(r.daysInCompany).toBe(245);
    expect(r.exact).toBeCloseTo((245 / 365) * 15, 6);
    expect(r.days).toBe(10);
  });
});

const day = (date: string, dayType: ScheduledLeaveDay['dayType'], shiftMinutes: number | null): ScheduledLeaveDay => ({ date, dayType, shiftMinutes });
// 2026 National Day week: 10-01…10-03 holidays, 10-04…10-08 rest (调休), 10-10 (Saturday) a 补班 workday.
const NATIONAL_DAY: ScheduledLeaveDay[] = [
  day('2026-09-30', 'workday', 480),
  day('2026-10-01', 'statutory_holiday', 0),
  day('2026-10-02', 'statutory_holiday', 0),
  day('2026-10-03', 'statutory_holiday', 0),
  day('2026-10-04', 'rest_day', 0),
  day('2026-10-05', 'rest_day', 0),
  day('2026-10-06', 'rest_day', 0),
  day('2026-10-07', 'rest_day', 0),
  day('2026-10-08', 'rest_day', 0),
  day('2026-10-09', 'workday', 480),
  day('2026-10-10', 'makeup_workday', 480),
  day('2026-10-11', 'rest_day', 0),
  day('2026-10-12', 'workday', 480),
];

describe('pricing a leave request from the schedule', () => {
  it('annual leave across the National Day week costs only the working days, the 补班 Saturday included', () => {
    const p = priceLeave({ fromDate: '2026-09-30', toDate: '2026-10-12', half: null, hours: null }, NATIONAL_DAY, 'half_day');
    expect(p.amount).toBe(4);
    expect(p.days.map((d) => d.date)).toEqual(['2026-09-30', '2026-10-09', '2026-10-10', '2026-10-12']);
    expect(p.freeDates).toHaveLength(9);
  });

  it('a leave wholly inside the holiday costs nothing', () => {
    expect(priceLeave({ fromDate: '2026-10-01', toDate: '2026-10-08', half: null, hours: null }, NATIONAL_DAY, 'day').amount).toBe(0);
  });

  it('a calendar-day type (产假) costs every date', () => {
    expect(priceLeave({ fromDate: '2026-10-01', toDate: '2026-10-08', half: null, hours: null }, NATIONAL_DAY, 'day', true).amount).toBe(8);
  });

  it('hour units follow the shift: a 7.5 h shift costs 7.5 h, its half 3.75 h', () => {
    const sched = [day('2026-03-02', 'workday', 450), day('2026-03-03', 'workday', 450)];
    expect(priceLeave({ fromDate: '2026-03-02', toDate: '2026-03-03', half: null, hours: null }, sched, 'hour').amount).toBe(15);
    expect(priceLeave({ fromDate: '2026-03-02', toDate: '2026-03-02', half: 'am', hours: null }, sched, 'hour').amount).toBe(3.75);
  });

  it('hourly leave in a half-day type rounds up to half a day; in hours it costs its hours', () => {
    const sched = [day('2026-03-02', 'workday', 480)];
    expect(priceLeave({ fromDate: '2026-03-02', toDate: '2026-03-02', half: null, hours: 3 }, sched, 'half_day').amount).toBe(0.5);
    expect(priceLeave({ fromDate: '2026-03-02', toDate: '2026-03-02', half: null, hours: 5 }, sched, 'half_day').amount).toBe(1);
    expect(priceLeave({ fromDate: '2026-03-02', toDate: '2026-03-02', half: null, hours: 3 }, sched, 'hour').amount).toBe(3);
  });

  it('a roster day off costs nothing; a free-hours workday (no shift) costs a standard day', () => {
    const sched = [day('2026-03-02', 'workday', 0), day('2026-03-03', 'workday', null)];
    const p = priceLeave({ fromDate: '2026-03-02', toDate: '2026-03-03', half: null, hours: null }, sched, 'hour');
    expect(p.amount).toBe(8);
    expect(p.freeDates).toEqual(['2026-03-02']);
  });
});

const entry = (kind: LedgerEntry['kind'], amount: number, effectiveDate: string, expiresOn: string | null = null): LedgerEntry => ({ kind, amount, effectiveDate, expiresOn });

describe('ledger', () => {
  it('the balance at a date is the sum of the entries up to it, and a cancellation restores it', () => {
    const entries = [entry('grant', 10, '2026-01-01', '2026-12-31'), entry('leave_taken', -3, '2026-03-02'), entry('leave_cancelled', 3, '2026-03-05')];
    expect(balanceAt(entries, '2025-12-31')).toBe(0);
    expect(balanceAt(entries, '2026-03-02')).toBe(7);
    expect(balanceAt(entries, '2026-03-05')).toBe(10);
    expect(summarize(entries, '2026-03-31')).toMatchObject({ granted: 10, used: 0, balance: 10 });
  });

  it('property: for random ledgers the balance equals the sum, and taking then cancelling changes nothing', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let run = 0; run < 200; run++) {
      const entries: LedgerEntry[] = [];
      const n = 1 + Math.floor(rnd() * 20);
      for (let i = 0; i < n; i++) {
        const date = `2026-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-1${Math.floor(rnd() * 9)}`;
        const amount = Math.round((rnd() * 10 - 4) * 2) / 2;
        entries.push(entry(amount >= 0 ? 'grant' : 'leave_taken', amount, date));
      }
      const asOf = '2026-12-31';
      const sum = Math.round(entries.reduce((s, e) => s + e.amount, 0) * 100) / 100;
      expect(balanceAt(entries, asOf)).toBe(sum);
      expect(summarize(entries, asOf).balance).toBe(sum);
      const cost = Math.round(rnd() * 6 * 2) / 2;
      const withCancel = [...entries, entry('leave_taken', -cost, '2026-06-01'), entry('leave_cancelled', cost, '2026-06-02')];
      expect(balanceAt(withCancel, asOf)).toBe(sum);
    }
  });

  it('year end: unused days carry over up to the cap and lapse on 3-31; the rest expires at 12-31', () => {
    const entries = [entry('grant', 10, '2026-01-01', '2026-12-31'), entry('leave_taken', -3, '2026-05-06')];
    const planned = plannedExpiries(STATUTORY_ANNUAL_RULES, entries, '2027-01-02', new Set());
    expect(planned.map((p) => [p.ref, p.amount, p.effectiveDate, p.expiresOn])).toEqual([
      ['carry_out:2026', -5, '2026-12-31', null],
      ['carry_in:2026', 5, '2027-01-01', '2027-03-31'],
      ['expire:2026-12-31', -2, '2026-12-31', null],
    ]);
    const after = [...entries, ...planned, entry('grant', 10, '2027-01-01', '2027-12-31'), entry('leave_taken', -2, '2027-02-01')];
    expect(balanceAt(after, '2027-01-01')).toBe(15);
    // The 2 days in February came out of the carried lot (it expires first): 3 of it lapse on 3-31.
    expect(expiringSoon(after, '2027-03-01', '2027-03-31')).toBe(3);
    const april = plannedExpiries(STATUTORY_ANNUAL_RULES, after, '2027-04-01', new Set(planned.map((p) => p.ref)));
    expect(april.map((p) => [p.ref, p.amount])).toEqual([['expire:2027-03-31', -3]]);
    // Run again with everything posted: nothing more.
    const posted = new Set([...planned, ...april].map((p) => p.ref));
    expect(plannedExpiries(STATUTORY_ANNUAL_RULES, [...after, ...april], '2027-04-01', posted)).toEqual([]);
  });

  it('grants: statutory with 福利年假 on top, yearly by seniority band, monthly accrual', () => {
    const e = { hireDate: '2020-06-01', leaveDate: null, workStartDate: '2012-07-01' };
    const annual = plannedGrants({ ...STATUTORY_ANNUAL_RULES, welfareDays: 2 }, e, '2026-01-01');
    expect(annual.map((p) => [p.ref, p.amount])).toEqual([['grant:2026', 12]]);
    const banded = { ...DEFAULT_RULES, accrual: 'yearly' as const, amount: 3, bands: [{ fromYears: 5, amount: 6 }] };
    expect(plannedGrants(banded, e, '2026-01-01')[0].amount).toBe(6);
    expect(plannedGrants(banded, { ...e, hireDate: '2024-01-01' }, '2026-01-01')[0].amount).toBe(3);
    const monthly = plannedGrants({ ...DEFAULT_RULES, accrual: 'monthly', amount: 1 }, { ...e, hireDate: '2026-02-15' }, '2026-04-10');
    expect(monthly.map((p) => p.ref)).toEqual(['accrual:2026-02', 'accrual:2026-03', 'accrual:2026-04']);
  });

  it('a leaver gets the pro-rata as a correcting entry, never below the days taken', () => {
    const e = { hireDate: '2010-01-01', leaveDate: '2026-06-30', workStartDate: '2000-01-01' };
    const planned = plannedGrants(STATUTORY_ANNUAL_RULES, e, '2026-06-30', 3);
    expect(planned.map((p) => [p.ref, p.amount])).toEqual([
      ['grant:2026', 15],
      ['leaver:2026', -8],
    ]);
    const greedy = plannedGrants(STATUTORY_ANNUAL_RULES, e, '2026-06-30', 9);
    expect(greedy[1].amount).toBe(-6);
  });

  it('调休 credits: rest-day overtime credited, holiday overtime paid (劳动法 Art. 44), re-runs post only differences', () => {
    const days = [
      { date: '2026-03-07', overtimeMinutes: 240, category: 'restday' as const },
      { date: '2026-10-01', overtimeMinutes: 480, category: 'holiday' as const },
      { date: '2026-03-09', overtimeMinutes: 90, category: 'workday' as const },
    ];
    const first = plannedCredits(days, DEFAULT_COMPENSATION, 90, new Map());
    expect(first.map((p) => [p.ref, p.amount, p.expiresOn])).toEqual([['ot:2026-03-07', 4, '2026-06-05']]);
    const again = plannedCredits([{ ...days[0], overtimeMinutes: 180 }], DEFAULT_COMPENSATION, 90, new Map([['2026-03-07', { total: 4, count: 1 }]]));
    expect(again.map((p) => [p.ref, p.amount])).toEqual([['ot:2026-03-07:2', -1]]);
    expect(plannedCredits([days[0]], DEFAULT_COMPENSATION, 90, new Map([['2026-03-07', { total: 4, count: 1 }]]))).toEqual([]);
  });
});
