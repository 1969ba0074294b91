/**
 * Balance rules of a leave type and the ledger entries they call for on a date. Every planned
 * entry carries a reference unique per employee and type (`grant:2026`, `accrual:2026-03`,
 * `expire:2026-12-31` …), so a scheduled run that posts only missing references is idempotent.
 */
import { addDaysPure } from './civil.js';
import { openLots, unusedExpiringOn, type LedgerEntry, type LedgerKind } from './ledger.js';
import { fullYearsBetween, statutoryAnnualLeave } from './statutory-annual.js';

export interface SeniorityBand {
  /** Full years in this company (hire date) from which the amount applies. */
  fromYears: number;
  amount: number;
}

export interface BalanceRules {
  /**
   * none: only manual entries; statutory_annual: 带薪年休假 by 参加工作日期 plus `welfareDays`
   * (福利年假); yearly: `amount` on 1 January; monthly: `amount` on the 1st of each month.
   */
  accrual: 'none' | 'statutory_annual' | 'yearly' | 'monthly';
  amount: number;
  /** Seniority bands replace `amount` from their year on (highest matching band wins). */
  bands: SeniorityBand[];
  /** Company days on top of the statutory ones, pro-rated the same way. */
  welfareDays: number;
  /** Whether granted time lapses at the end of its year (then carry-over applies). */
  expiresAtYearEnd: boolean;
  /** Unused time carried into the next year, up to `cap`, usable until `expiresOn` (MM-DD) of that year. */
  carryOver: { cap: number; expiresOn: string } | null;
  allowNegative: boolean;
  /** Costs every calendar day of a span (产假, 婚假 in some provinces), not just working days. */
  calendarDays: boolean;
  /** 调休 credits from overtime lapse this many days after the overtime day; 0 = never. */
  creditExpiryDays: number;
}

export const DEFAULT_RULES: BalanceRules = {
  accrual: 'none',
  amount: 0,
  bands: [],
  welfareDays: 0,
  expiresAtYearEnd: false,
  carryOver: null,
  allowNegative: true,
  calendarDays: false,
  creditExpiryDays: 0,
};

/** The usual setup of 年假: statutory days, lapse at year end, up to 5 days carried to 3-31. */
export const STATUTORY_ANNUAL_RULES: BalanceRules = { ...DEFAULT_RULES, accrual: 'statutory_annual', expiresAtYearEnd: true, carryOver: { cap: 5, expiresOn: '03-31' }, allowNegative: false };

export interface AccrualEmployee {
  hireDate: string | null;
  leaveDate: string | null;
  /** 参加工作日期; statutory leave needs it (without it nothing is granted). */
  workStartDate: string | null;
}

export interface PlannedEntry extends LedgerEntry {
  ref: string;
  reason: string;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function bandAmount(rules: BalanceRules, e: AccrualEmployee, date: string): number {
  if (!rules.bands.length || !e.hireDate) return rules.amount;
  const years = fullYearsBetween(e.hireDate, date);
  let amount = rules.amount;
  for (const b of [...rules.bands].sort((a, b) => a.fromYears - b.fromYears)) if (years >= b.fromYears) amount = b.amount;
  return amount;
}

const employed = (e: AccrualEmployee, from: string, to: string) => (!e.hireDate || e.hireDate <= to) && (!e.leaveDate || e.leaveDate >= from);

/** Grants and accruals due on or before `runDate` for the year of `runDate`. */
export function plannedGrants(rules: BalanceRules, e: AccrualEmployee, runDate: string, statutoryTaken = 0): PlannedEntry[] {
  const year = Number(runDate.slice(0, 4));
  const yearEnd = `${year}-12-31`;
  const expiresOn = rules.expiresAtYearEnd ? yearEnd : null;
  const out: PlannedEntry[] = [];
  if (rules.accrual === 'statutory_annual') {
    if (!e.workStartDate || !employed(e, `${year}-01-01`, yearEnd)) return out;
    // The grant as a stayer would have it; a leaver's pro-rata follows as its own entry.
    const stay = statutoryAnnualLeave({ year, workStartDate: e.workStartDate, hireDate: e.hireDate, leaveDate: null });
    const welfare = Math.floor((rules.welfareDays * stay.daysInCompany) / 365 + 1e-9);
    const start = e.hireDate && e.hireDate > `${year}-01-01` ? e.hireDate : `${year}-01-01`;
    const amount = stay.days + (stay.basis === 'full_year' ? rules.welfareDays : welfare);
    if (amount > 0) out.push({ ref: `grant:${year}`, kind: 'grant', amount, effectiveDate: start, expiresOn, reason: `statutory ${stay.days} (${stay.basis}) + welfare ${amount - stay.days}` });
    if (e.leaveDate && e.leaveDate <= yearEnd && e.leaveDate >= `${year}-01-01`) {
      const left = statutoryAnnualLeave({ year, workStartDate: e.workStartDate, hireDate: e.hireDate, leaveDate: e.leaveDate, takenDays: 0 });
      const leftWelfare = Math.floor((rules.welfareDays * left.daysInCompany) / 365 + 1e-9);
      // 实施办法 Art. 12: days already taken beyond the pro-rata are not clawed back.
      const due = Math.max(left.days + leftWelfare, statutoryTaken);
      const delta = due - amount;
      if (delta !== 0) out.push({ ref: `leaver:${year}`, kind: 'adjustment', amount: delta, effectiveDate: e.leaveDate, expiresOn: delta > 0 ? expiresOn : null, reason: `leaver pro-rata ${left.days + leftWelfare} (${left.daysInCompany} days in the year)` });
    }
    return out;
  }
  if (rules.accrual === 'yearly') {
    const start = e.hireDate && e.hireDate > `${year}-01-01` ? e.hireDate : `${year}-01-01`;
    if (!employed(e, start, yearEnd) || start > runDate) return out;
    const amount = bandAmount(rules, e, start);
    if (amount > 0) out.push({ ref: `grant:${year}`, kind: 'grant', amount, effectiveDate: start, expiresOn, reason: `yearly grant` });
    return out;
  }
  if (rules.accrual === 'monthly') {
    const lastMonth = Number(runDate.slice(5, 7));
    for (let m = 1; m <= lastMonth; m++) {
      const mm = String(m).padStart(2, '0');
      const first = `${year}-${mm}-01`;
      const last = `${year}-${mm}-${String(new Date(Date.UTC(year, m, 0)).getUTCDate()).padStart(2, '0')}`;
      if (!employed(e, first, last)) continue;
      const amount = bandAmount(rules, e, first);
      if (amount > 0) out.push({ ref: `accrual:${year}-${mm}`, kind: 'accrual', amount, effectiveDate: first, expiresOn, reason: 'monthly accrual' });
    }
  }
  return out;
}

/**
 * Year-end carry-over and every expiry due before `runDate`, computed on the ledger as it would be
 * with the earlier planned entries posted. `existing` holds the references already posted.
 */
export function plannedExpiries(rules: BalanceRules, entries: readonly (LedgerEntry & { ref?: string | null })[], runDate: string, existing: ReadonlySet<string>): PlannedEntry[] {
  const work: LedgerEntry[] = entries.map((e) => ({ kind: e.kind, amount: e.amount, effectiveDate: e.effectiveDate, expiresOn: e.expiresOn }));
  const out: PlannedEntry[] = [];
  const post = (p: PlannedEntry) => {
    if (existing.has(p.ref) || p.amount === 0) return;
    out.push(p);
    work.push(p);
  };
  const dates = [...new Set(work.filter((e) => e.amount > 0 && e.expiresOn !== null && e.expiresOn < runDate).map((e) => e.expiresOn!))].sort();
  let guard = 0;
  for (const date of dates) {
    if (guard++ > 400) break;
    // Posted already (a re-run): nothing to work out for this date.
    if (existing.has(`expire:${date}`) && (!date.endsWith('-12-31') || !rules.carryOver || existing.has(`carry_in:${date.slice(0, 4)}`))) continue;
    const isYearEnd = date.endsWith('-12-31');
    if (isYearEnd && rules.carryOver && !existing.has(`carry_in:${date.slice(0, 4)}`)) {
      const unused = unusedExpiringOn(work, date);
      const carried = round2(Math.min(unused, rules.carryOver.cap));
      if (carried > 0) {
        const next = Number(date.slice(0, 4)) + 1;
        const until = `${next}-${rules.carryOver.expiresOn}`;
        post({ ref: `carry_out:${date.slice(0, 4)}`, kind: 'carry_over', amount: -carried, effectiveDate: date, expiresOn: null, reason: `carried into ${next}` });
        post({ ref: `carry_in:${date.slice(0, 4)}`, kind: 'carry_over', amount: carried, effectiveDate: addDaysPure(date, 1), expiresOn: until, reason: `carried from ${date.slice(0, 4)}, usable until ${until}` });
        // A carried lot that would expire before runDate is handled in this same pass.
        if (until < runDate && !dates.includes(until)) dates.push(until), dates.sort();
      }
    }
    const unused = unusedExpiringOn(work, date);
    if (unused > 0) post({ ref: `expire:${date}`, kind: 'expiry', amount: -unused, effectiveDate: date, expiresOn: null, reason: `unused time expired on ${date}` });
  }
  return out;
}

export type OvertimeCategory = 'workday' | 'restday' | 'holiday';
export type OvertimeCompensation = 'pay' | 'leave';

/** Per category whether approved overtime is paid or credited as 调休; holiday overtime is paid (劳动法 Art. 44). */
export interface CompensationPolicy {
  workday: OvertimeCompensation;
  restday: OvertimeCompensation;
  holiday: OvertimeCompensation;
}

export const DEFAULT_COMPENSATION: CompensationPolicy = { workday: 'pay', restday: 'leave', holiday: 'pay' };

/**
 * The 调休 credit (hours) each overtime day calls for, and the entry that brings the ledger there:
 * a recomputed day that now has more or less overtime gets a correcting entry, never a rewrite.
 */
export function plannedCredits(
  days: readonly { date: string; overtimeMinutes: number; category: OvertimeCategory }[],
  policy: CompensationPolicy,
  expiryDays: number,
  postedByDate: ReadonlyMap<string, { total: number; count: number }>,
): PlannedEntry[] {
  const out: PlannedEntry[] = [];
  for (const d of days) {
    const want = policy[d.category] === 'leave' ? round2(d.overtimeMinutes / 60) : 0;
    const posted = postedByDate.get(d.date) ?? { total: 0, count: 0 };
    const delta = round2(want - posted.total);
    if (delta === 0) continue;
    out.push({
      ref: posted.count === 0 ? `ot:${d.date}` : `ot:${d.date}:${posted.count + 1}`,
      kind: 'overtime_credit',
      amount: delta,
      effectiveDate: d.date,
      expiresOn: delta > 0 && expiryDays > 0 ? addDaysPure(d.date, expiryDays) : null,
      reason: `${d.category} overtime ${d.overtimeMinutes} min credited as 调休`,
    });
  }
  return out;
}

/** Whether a deduction of `cost` fits, given the balance available for it. */
export function fitsBalance(rules: Pick<BalanceRules, 'allowNegative'>, available: number, cost: number): boolean {
  return rules.allowNegative || cost <= available + 1e-9;
}

