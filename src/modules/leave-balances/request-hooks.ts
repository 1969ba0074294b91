/**
 * What the requests module asks of leave balances, at two points:
 * - before a request is filed: a leave request is priced from the schedule (per month of its days)
 *   and refused when it exceeds the balance of a type that does not allow a negative one
 *   (LEAVE_BALANCE_INSUFFICIENT);
 * - inside the transaction that writes a request: the price is kept with the request, approval
 *   books the leave to the ledger one entry per month of its days, and leaving the approved state
 *   (cancelled, rejected on the platform) or moving the dates gives back what each month had
 *   booked, with a dated, audited entry. A month closed for the employee keeps its balances: its
 *   change is dated in the open month it is carried into and recorded as a payroll adjustment.
 */
import type { Transaction } from 'kysely';
import type { DB, NewRow, Row } from '../../db/schema.js';
import { AppError } from '../../shared/errors.js';
import type { Actor } from '../auth/actor.js';
import { LateChangeRecorder } from '../payroll-adjustments/late-changes.js';
import { ledgerDto, type LeaveBalancesService } from './leave-balances.service.js';
import type { LedgerRow } from './leave-ledger.repo.js';
import type { RequestFields } from '../requests/request-rules.js';

/** What pricing reads of a filed or mirrored request. */
export type FiledRequest = Pick<RequestFields, 'kind' | 'leaveType' | 'fromDate' | 'toDate' | 'half' | 'hours' | 'fromMs' | 'toMs'>;

export interface RequestPrice {
  leaveType: string;
  amount: number;
  unit: 'day' | 'half_day' | 'hour';
  /** The price per month of the leave's days (`YYYY-MM` → amount). */
  months: Record<string, number>;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function pricePerMonth(days: { date: string; amount: number }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of days) out[d.date.slice(0, 7)] = round2((out[d.date.slice(0, 7)] ?? 0) + d.amount);
  return out;
}

/** The month an entry of a request books (entries before months were kept: its effective date's). */
const bookedMonth = (r: LedgerRow) => r.for_month ?? r.effective_date.slice(0, 7);

export class LeaveRequestHooks {
  private readonly late: LateChangeRecorder;

  constructor(
    private readonly balances: LeaveBalancesService,
    late?: LateChangeRecorder,
  ) {
    this.late = late ?? new LateChangeRecorder(balances.db, null, balances.now);
  }

  /** Checks a request about to be filed; returns the leave's price (null for other kinds or untracked types). */
  async beforeFile(employee: { id: number; company_id: number }, f: FiledRequest): Promise<RequestPrice | null> {
    if (f.kind !== 'leave' || !f.leaveType) return null;
    // A type without a balance costs nothing to check: no schedule is read for it.
    const types = await this.balances.repo.leaveTypes(employee.company_id);
    if (!types.some((t) => t.code === f.leaveType && t.rules !== null)) return null;
    const hours = f.hours ?? (f.fromMs !== null && f.toMs !== null ? Math.round(((f.toMs - f.fromMs) / 3_600_000) * 100) / 100 : null);
    const price = await this.balances.priceFor(employee, f.leaveType, { fromDate: f.fromDate, toDate: f.toDate, half: f.half, hours });
    if (!price.tracked) return null;
    if (!price.fits) {
      throw new AppError('LEAVE_BALANCE_INSUFFICIENT', `This leave costs ${price.amount} ${unitWord(price.unit)} of '${f.leaveType}', but only ${price.available} is available`, 409, {
        field: 'body.leaveType',
        leaveType: f.leaveType,
        cost: price.amount,
        available: price.available,
        unit: price.unit,
      });
    }
    return { leaveType: price.leaveType, amount: price.amount, unit: price.unit, months: pricePerMonth(price.days) };
  }

  /** Prices a request mirrored from a platform (already approved there: no balance check). */
  async priceExternal(employee: { id: number; company_id: number }, f: FiledRequest): Promise<RequestPrice | null> {
    if (f.kind !== 'leave' || !f.leaveType) return null;
    const hours = f.hours ?? (f.fromMs !== null && f.toMs !== null ? Math.round(((f.toMs - f.fromMs) / 3_600_000) * 100) / 100 : null);
    const types = await this.balances.repo.leaveTypes(employee.company_id);
    if (!types.some((t) => t.code === f.leaveType && t.rules !== null)) return null;
    const price = await this.balances.priceFor(employee, f.leaveType, { fromDate: f.fromDate, toDate: f.toDate, half: f.half, hours });
    return { leaveType: price.leaveType, amount: price.amount, unit: price.unit, months: pricePerMonth(price.days) };
  }

  /**
   * Inside the request's transaction: keeps the price, books approval and give-back to the ledger
   * per month. Returns whether an outbox event was written (kick the outbox after commit).
   */
  async afterWrite(trx: Transaction<DB>, actor: Actor, before: Row<'requests'> | null, after: Row<'requests'>, price?: RequestPrice | null): Promise<boolean> {
    if (after.kind !== 'leave' || !after.leave_type || !after.from_date) return false;
    const repo = this.balances.repo;
    const at = this.balances.now();
    if (price) await repo.saveCost(trx, { request_id: after.id, company_id: after.company_id, employee_id: after.employee_id, leave_type: price.leaveType, amount: price.amount, unit: price.unit, priced_at_ms: at, months: JSON.stringify(price.months) });
    const wasApproved = before?.status === 'approved';
    const isApproved = after.status === 'approved';
    if (wasApproved === isApproved && (!isApproved || sameSpan(before!, after))) return false;
    // What each month has booked so far (taken is negative), and what it should book now.
    const booked = new Map<string, number>();
    for (const r of await repo.requestEntries(trx, after.id)) booked.set(bookedMonth(r), round2((booked.get(bookedMonth(r)) ?? 0) + r.amount));
    const wanted = new Map<string, number>();
    if (isApproved && (await repo.leaveTypes(after.company_id, trx)).some((t) => t.code === after.leave_type && t.rules !== null)) {
      const cost = price ?? (await repo.costOf(trx, after.id));
      const months = cost ? (cost.months ? (typeof cost.months === 'string' ? (JSON.parse(cost.months) as Record<string, number>) : cost.months) : { [after.from_date.slice(0, 7)]: cost.amount }) : {};
      for (const [m, amount] of Object.entries(months)) if (amount !== 0) wanted.set(m, -amount);
    }
    const toDate = after.to_date ?? after.from_date;
    const rows: NewRow<'leave_ledger'>[] = [];
    let announced = false;
    for (const month of [...new Set([...booked.keys(), ...wanted.keys()])].sort()) {
      const delta = round2((wanted.get(month) ?? 0) - (booked.get(month) ?? 0));
      if (delta === 0) continue;
      // The entry is dated on the leave's first day in that month (a give-back of dates moved away: the month's first day).
      const inSpan = after.from_date.slice(0, 7) <= month && toDate.slice(0, 7) >= month;
      const day = inSpan && after.from_date > `${month}-01` ? after.from_date : `${month}-01`;
      let effective = day;
      let note = '';
      if (await this.late.months.isClosed(trx, after.company_id, after.employee_id, month)) {
        const recorded = await this.late.recordLeave(trx, { companyId: after.company_id, employeeId: after.employee_id, requestId: after.id, leaveType: after.leave_type, date: day, before: -(booked.get(month) ?? 0), after: -(wanted.get(month) ?? 0) });
        announced = recorded.announced || announced;
        effective = `${recorded.carriedInto}-01`;
        note = `; ${month} is closed: carried into ${recorded.carriedInto}`;
      }
      const what = delta < 0 ? `request ${after.id} approved (${after.from_date}…${toDate}), ${month} part` : `request ${after.id} ${isApproved ? 'changed' : after.status}, ${month} part given back`;
      rows.push({
        company_id: after.company_id, employee_id: after.employee_id, leave_type: after.leave_type, kind: delta < 0 ? 'leave_taken' : 'leave_cancelled', amount: delta, effective_date: effective,
        expires_on: null, ref: null, request_id: after.id, reason: what + note, created_by_user_id: actor.userId, created_at_ms: at, for_month: month,
      });
    }
    if (!rows.length) return announced;
    const posted = await repo.insert(trx, rows);
    await this.balances.audit.record(trx, actor, { action: 'leave_balance.request', entity: 'request', entityId: after.id, companyId: after.company_id, after: { status: after.status, entries: posted.map(ledgerDto) } });
    return announced;
  }
}

const sameSpan = (a: Row<'requests'>, b: Row<'requests'>) => a.from_date === b.from_date && a.to_date === b.to_date && a.half === b.half && a.hours === b.hours && a.leave_type === b.leave_type;
const unitWord = (u: string) => (u === 'hour' ? 'hours' : 'days');
