/**
 * Leave ledger arithmetic. A balance is never stored: it is the sum of the ledger entries dated
 * up to a date. Positive entries (grants, accruals, carry-overs, 调休 credits) are lots that may
 * expire; usage is taken from the lot that expires first, so that what expires is only what was
 * really left unused.
 */
export type LedgerKind = 'grant' | 'accrual' | 'carry_over' | 'expiry' | 'leave_taken' | 'leave_cancelled' | 'adjustment' | 'overtime_credit' | 'import';

export interface LedgerEntry {
  kind: LedgerKind;
  /** Positive adds, negative deducts; in the type's unit. */
  amount: number;
  effectiveDate: string;
  /** For a positive lot: the last date it may be used. */
  expiresOn: string | null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The balance at the end of `asOf`: the sum of every entry dated up to it. */
export function balanceAt(entries: readonly LedgerEntry[], asOf: string): number {
  let sum = 0;
  for (const e of entries) if (e.effectiveDate <= asOf) sum += e.amount;
  return round2(sum);
}

export interface Lot {
  effectiveDate: string;
  expiresOn: string | null;
  amount: number;
  remaining: number;
}

/**
 * Replays the ledger up to `asOf` and returns the lots with what is left of each. Deductions take
 * from the open lot that expires first (then the oldest); a deduction no lot covers is a deficit
 * that the next lots fill first. Expiry entries close their lot.
 */
export function openLots(entries: readonly LedgerEntry[], asOf: string): { lots: Lot[]; deficit: number } {
  const sorted = entries.filter((e) => e.effectiveDate <= asOf).sort((a, b) => (a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : b.amount - a.amount));
  const lots: Lot[] = [];
  let deficit = 0;
  for (const e of sorted) {
    if (e.amount > 0 && e.kind !== 'leave_cancelled') {
      const lot = { effectiveDate: e.effectiveDate, expiresOn: e.expiresOn, amount: e.amount, remaining: e.amount };
      const fill = Math.min(deficit, lot.remaining);
      lot.remaining -= fill;
      deficit -= fill;
      lots.push(lot);
      continue;
    }
    if (e.amount > 0) {
      // Time given back by a cancellation returns to the lot it most likely came from: the open
      // lot expiring last that is not full.
      let back = e.amount;
      const fill = Math.min(deficit, back);
      deficit -= fill;
      back -= fill;
      for (const lot of [...lots].reverse()) {
        if (back <= 0) break;
        if (lot.expiresOn !== null && lot.expiresOn < e.effectiveDate) continue;
        const room = lot.amount - lot.remaining;
        const put = Math.min(room, back);
        lot.remaining += put;
        back -= put;
      }
      if (back > 0) lots.push({ effectiveDate: e.effectiveDate, expiresOn: null, amount: back, remaining: back });
      continue;
    }
    let need = -e.amount;
    const usable = lots
      .filter((l) => l.remaining > 0 && (l.expiresOn === null || l.expiresOn >= e.effectiveDate || e.kind === 'expiry' || e.kind === 'carry_over'))
      .sort((a, b) => (a.expiresOn ?? '9999') .localeCompare(b.expiresOn ?? '9999') || a.effectiveDate.localeCompare(b.effectiveDate));
    for (const lot of usable) {
      if (need <= 0) break;
      const take = Math.min(lot.remaining, need);
      lot.remaining = round2(lot.remaining - take);
      need = round2(need - take);
    }
    deficit = round2(deficit + need);
  }
  return { lots, deficit };
}

/** Unused amount of the lots that expire on exactly `date` (what an expiry entry must remove). */
export function unusedExpiringOn(entries: readonly LedgerEntry[], date: string): number {
  const { lots } = openLots(entries, date);
  return round2(lots.filter((l) => l.expiresOn === date).reduce((s, l) => s + l.remaining, 0));
}

/** Unused amount of lots that expire in (asOf, asOf + withinDays]. */
export function expiringSoon(entries: readonly LedgerEntry[], asOf: string, until: string): number {
  const { lots } = openLots(entries, asOf);
  return round2(lots.filter((l) => l.expiresOn !== null && l.expiresOn > asOf && l.expiresOn <= until).reduce((s, l) => s + l.remaining, 0));
}

export interface BalanceSummary {
  granted: number;
  used: number;
  expired: number;
  adjusted: number;
  balance: number;
}

/** Granted (every positive entry but cancellations), used (net of cancellations), expired, manual adjustments. */
export function summarize(entries: readonly LedgerEntry[], asOf: string): BalanceSummary {
  const s: BalanceSummary = { granted: 0, used: 0, expired: 0, adjusted: 0, balance: 0 };
  for (const e of entries) {
    if (e.effectiveDate > asOf) continue;
    s.balance += e.amount;
    if (e.kind === 'leave_taken' || e.kind === 'leave_cancelled') s.used -= e.amount;
    else if (e.kind === 'expiry') s.expired -= e.amount;
    else if (e.kind === 'adjustment') s.adjusted += e.amount;
    else if (e.kind === 'carry_over') continue;
    else s.granted += e.amount;
  }
  return { granted: round2(s.granted), used: round2(s.used), expired: round2(s.expired), adjusted: round2(s.adjusted), balance: round2(s.balance) };
}

/**
 * What can still be taken on `date`: the live lots then (those expiring before it are gone),
 * less any deficit, less leave already approved for later dates.
 */
export function availableOn(entries: readonly LedgerEntry[], date: string): number {
  const { lots, deficit } = openLots(entries, date);
  let live = 0;
  for (const l of lots) if (l.expiresOn === null || l.expiresOn >= date) live += l.remaining;
  let later = 0;
  for (const e of entries) if (e.effectiveDate > date && (e.kind === 'leave_taken' || e.kind === 'leave_cancelled')) later += e.amount;
  return round2(live - deficit + later);
}
