/**
 * The scheduled postings: grants and accruals for the year, year-end carry-over and expiries, and
 * 调休 credits from overtime. Each planned entry has a reference unique per employee and type, and
 * only missing references are posted, so a run repeated (or run by two instances) posts nothing
 * twice: the unique index on (employee, type, ref) refuses a duplicate.
 */
import type { NewRow } from '../../db/schema.js';
import { DEFAULT_COMPENSATION, plannedCredits, plannedExpiries, plannedGrants, type CompensationPolicy, type LedgerEntry, type PlannedEntry } from '../../engine/leave/index.js';
import type { Actor } from '../auth/actor.js';
import { asEntry, type LeaveBalancesService } from './leave-balances.service.js';
import type { LedgerRow } from './leave-ledger.repo.js';
import { closedKey } from '../month-close/month-close.repo.js';

const PAGE = 5000;
const PREVIEW = 100;
/** The type 调休 credits go to (the seeded 调休 type). */
export const COMPENSATORY_TYPE = 'compensatory';

export interface RunResult {
  runDate: string;
  dryRun: boolean;
  employees: number;
  entries: number;
  byType: Record<string, { entries: number; amount: number }>;
  preview: { employeeId: number; leaveType: string; ref: string; kind: string; amount: number; effectiveDate: string; expiresOn: string | null; reason: string }[];
}

function groupByEmployee(rows: LedgerRow[]): Map<number, LedgerRow[]> {
  const out = new Map<number, LedgerRow[]>();
  for (const r of rows) {
    let list = out.get(r.employee_id);
    if (!list) out.set(r.employee_id, (list = []));
    list.push(r);
  }
  return out;
}

/** Grants, accruals, carry-overs and expiries due on `runDate` for every employee of a company. */
export async function runAccruals(svc: LeaveBalancesService, actor: Actor, companyId: number, runDate: string, dryRun: boolean): Promise<RunResult> {
  const result: RunResult = { runDate, dryRun, employees: 0, entries: 0, byType: {}, preview: [] };
  const types = (await svc.repo.leaveTypes(companyId)).filter((t) => t.rules !== null);
  if (!types.length) return result;
  const year = runDate.slice(0, 4);
  const closed = await svc.months.closedKeys(companyId, `${Number(year) - 1}-01`, `${year}-12`);
  let afterId = 0;
  for (let guard = 0; guard < 10_000; guard++) {
    const employees = await svc.repo.employees(companyId, { afterId, limit: PAGE });
    if (!employees.length) break;
    afterId = employees[employees.length - 1].id;
    result.employees += employees.length;
    const rows: NewRow<'leave_ledger'>[] = [];
    for (const t of types) {
      const byEmployee = groupByEmployee(await svc.repo.entriesForIdRange(companyId, t.code, employees[0].id, afterId));
      for (const e of employees) {
        const existing = byEmployee.get(e.id) ?? [];
        const refs = new Set(existing.map((r) => r.ref).filter((r): r is string => r !== null));
        const entries: LedgerEntry[] = existing.map(asEntry);
        const takenThisYear = takenInYear(existing, year);
        const grants = plannedGrants(t.rules!, { hireDate: e.hire_date, leaveDate: e.leave_date, workStartDate: e.work_start_date }, runDate, takenThisYear).filter((p) => !refs.has(p.ref));
        const expiries = plannedExpiries(t.rules!, [...entries, ...grants], runDate, refs);
        for (const p of [...grants, ...expiries]) {
          // A closed month's balances do not change: its postings wait until it is reopened.
          if (closed.has(closedKey(e.id, p.effectiveDate.slice(0, 7)))) continue;
          rows.push(toRow(companyId, e.id, t.code, p, actor, svc.now()));
        }
      }
    }
    tally(result, rows);
    if (!dryRun) await svc.post(actor, companyId, rows, 'leave_balance.run', { runDate });
  }
  return result;
}

/** 调休 credits for overtime in [fromDate, toDate] by each group's policy (default: rest-day overtime credited). */
export async function syncOvertimeCredits(svc: LeaveBalancesService, actor: Actor, companyId: number, fromDate: string, toDate: string, dryRun: boolean): Promise<RunResult> {
  const result: RunResult = { runDate: toDate, dryRun, employees: 0, entries: 0, byType: {}, preview: [] };
  const type = (await svc.repo.leaveTypes(companyId)).find((t) => t.code === COMPENSATORY_TYPE && t.rules !== null);
  if (!type) return result;
  const policies = new Map<number, { policy: CompensationPolicy; expiryDays: number }>();
  for (const c of await svc.repo.compensations(companyId)) policies.set(c.group_id, { policy: { workday: c.workday, restday: c.restday, holiday: c.holiday }, expiryDays: c.credit_expiry_days });
  const fallback = { policy: DEFAULT_COMPENSATION, expiryDays: type.rules!.creditExpiryDays };
  const closed = await svc.months.closedKeys(companyId, fromDate.slice(0, 7), toDate.slice(0, 7));
  const days = (await svc.repo.overtimeDays(companyId, fromDate, toDate)).filter((d) => !closed.has(closedKey(d.employee_id, d.date.slice(0, 7))));
  const byEmployee = new Map<number, typeof days>();
  for (const d of days) {
    let list = byEmployee.get(d.employee_id);
    if (!list) byEmployee.set(d.employee_id, (list = []));
    list.push(d);
  }
  const ids = [...byEmployee.keys()];
  const posted = groupByEmployee((await svc.repo.entries(ids, { leaveType: type.code })).filter((r) => r.kind === 'overtime_credit'));
  const rows: NewRow<'leave_ledger'>[] = [];
  for (const [employeeId, list] of byEmployee) {
    const postedByDate = new Map<string, { total: number; count: number }>();
    for (const r of posted.get(employeeId) ?? []) {
      const p = postedByDate.get(r.effective_date) ?? { total: 0, count: 0 };
      postedByDate.set(r.effective_date, { total: Math.round((p.total + r.amount) * 100) / 100, count: p.count + 1 });
    }
    for (const d of list) {
      const { policy, expiryDays } = (d.group_id !== null ? policies.get(d.group_id) : undefined) ?? fallback;
      const category = d.overtime_category === 'restday' || d.overtime_category === 'holiday' ? d.overtime_category : 'workday';
      for (const p of plannedCredits([{ date: d.date, overtimeMinutes: d.overtime_minutes, category }], policy, expiryDays, postedByDate)) rows.push(toRow(companyId, employeeId, type.code, p, actor, svc.now()));
    }
  }
  result.employees = ids.length;
  tally(result, rows);
  if (!dryRun) await svc.post(actor, companyId, rows, 'leave_balance.overtime_credits', { fromDate, toDate });
  return result;
}

/** Leave taken in a year, net of give-backs (by the month of the leave days). */
export function takenInYear(rows: LedgerRow[], year: string): number {
  return -rows.filter((r) => (r.kind === 'leave_taken' || r.kind === 'leave_cancelled') && (r.for_month ?? r.effective_date).startsWith(year)).reduce((s, r) => s + r.amount, 0);
}

export function toRow(companyId: number, employeeId: number, leaveType: string, p: PlannedEntry, actor: Actor, atMs: number): NewRow<'leave_ledger'> {
  return {
    company_id: companyId,
    employee_id: employeeId,
    leave_type: leaveType,
    kind: p.kind,
    amount: p.amount,
    effective_date: p.effectiveDate,
    expires_on: p.expiresOn,
    ref: p.ref,
    request_id: null,
    reason: p.reason,
    created_by_user_id: actor.userId,
    created_at_ms: atMs,
  };
}

function tally(result: RunResult, rows: NewRow<'leave_ledger'>[]) {
  result.entries += rows.length;
  for (const r of rows) {
    const t = (result.byType[r.leave_type] ??= { entries: 0, amount: 0 });
    t.entries += 1;
    t.amount = Math.round((t.amount + r.amount) * 100) / 100;
    if (result.preview.length < PREVIEW) result.preview.push({ employeeId: r.employee_id, leaveType: r.leave_type, ref: r.ref!, kind: r.kind, amount: r.amount, effectiveDate: r.effective_date, expiresOn: r.expires_on ?? null, reason: r.reason });
  }
}
