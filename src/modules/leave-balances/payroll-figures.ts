/**
 * The leave figures of a payroll month, per employee: leave taken by type in the type's unit (net
 * of time given back), 调休 hours credited, and each tracked type's balance at month end. Leave is
 * counted in the month of its days (a span across months per month); a late change to a closed month
 * is not in either month's figures but in the adjustments of the month it is carried into.
 */
import type { LeaveLedgerRepo } from './leave-ledger.repo.js';
import { COMPENSATORY_TYPE } from './leave-runs.js';

export interface PayrollLeaveFigures {
  taken: Map<number, Record<string, number>>;
  credited: Map<number, number>;
  balance: Map<number, Record<string, number>>;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export async function payrollLeaveFigures(repo: LeaveLedgerRepo, companyId: number, month: string): Promise<PayrollLeaveFigures> {
  const [y, m] = month.split('-').map(Number);
  const first = `${month}-01`;
  const last = `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
  const [used, balances] = await Promise.all([repo.usedInMonth(companyId, month, first, last), repo.balancesAt(companyId, last)]);
  const out: PayrollLeaveFigures = { taken: new Map(), credited: new Map(), balance: new Map() };
  for (const r of used) {
    if (r.kind === 'overtime_credit') {
      if (r.leave_type === COMPENSATORY_TYPE) out.credited.set(r.employee_id, round2((out.credited.get(r.employee_id) ?? 0) + r.amount));
      continue;
    }
    const rec = out.taken.get(r.employee_id) ?? {};
    rec[r.leave_type] = round2((rec[r.leave_type] ?? 0) - r.amount);
    out.taken.set(r.employee_id, rec);
  }
  for (const b of balances) {
    const rec = out.balance.get(b.employee_id) ?? {};
    rec[b.leave_type] = b.amount;
    out.balance.set(b.employee_id, rec);
  }
  return out;
}
