/**
 * What the requests module asks of leave balances, at two points:
 * - before a request is filed: a request dated in a closed month is refused (MONTH_CLOSED); a leave
 *   request is priced from the schedule and refused when it exceeds the balance of a type that does
 *   not allow a negative one (LEAVE_BALANCE_INSUFFICIENT);
 * - inside the transaction that writes a request: the price is kept with the request, approval posts
 *   the leave to the ledger, and leaving the approved state (cancelled, rejected on the platform)
 *   gives the time back.
 */
import type { Transaction } from 'kysely';
import type { DB, Row } from '../../db/schema.js';
import { AppError } from '../../shared/errors.js';
import type { Actor } from '../auth/actor.js';
import type { LeaveBalancesService } from './leave-balances.service.js';
import type { RequestFields } from '../requests/request-rules.js';

/** What pricing reads of a filed or mirrored request. */
export type FiledRequest = Pick<RequestFields, 'kind' | 'leaveType' | 'fromDate' | 'toDate' | 'half' | 'hours' | 'fromMs' | 'toMs'>;

export interface RequestPrice {
  leaveType: string;
  amount: number;
  unit: 'day' | 'half_day' | 'hour';
}

export class LeaveRequestHooks {
  constructor(private readonly balances: LeaveBalancesService) {}

  /** Checks a request about to be filed; returns the leave's price (null for other kinds or untracked types). */
  async beforeFile(employee: { id: number; company_id: number }, f: FiledRequest): Promise<RequestPrice | null> {
    await this.balances.assertOpen(employee.company_id, f.fromDate, f.toDate);
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
    return { leaveType: price.leaveType, amount: price.amount, unit: price.unit };
  }

  /** Prices a request mirrored from a platform (already approved there: no balance check). */
  async priceExternal(employee: { id: number; company_id: number }, f: FiledRequest): Promise<RequestPrice | null> {
    if (f.kind !== 'leave' || !f.leaveType) return null;
    const hours = f.hours ?? (f.fromMs !== null && f.toMs !== null ? Math.round(((f.toMs - f.fromMs) / 3_600_000) * 100) / 100 : null);
    const types = await this.balances.repo.leaveTypes(employee.company_id);
    if (!types.some((t) => t.code === f.leaveType && t.rules !== null)) return null;
    const price = await this.balances.priceFor(employee, f.leaveType, { fromDate: f.fromDate, toDate: f.toDate, half: f.half, hours });
    return { leaveType: price.leaveType, amount: price.amount, unit: price.unit };
  }

  /** A decision on a request dated in a closed month is refused like a new one. */
  async beforeDecide(row: Row<'requests'>): Promise<void> {
    if (row.from_date) await this.balances.assertOpen(row.company_id, row.from_date, row.to_date ?? row.from_date);
  }

  /** Inside the request's transaction: keeps the price, posts approval and give-back to the ledger. */
  async afterWrite(trx: Transaction<DB>, actor: Actor, before: Row<'requests'> | null, after: Row<'requests'>, price?: RequestPrice | null): Promise<void> {
    if (after.kind !== 'leave' || !after.leave_type || !after.from_date) return;
    const repo = this.balances.repo;
    if (price) await repo.saveCost(trx, { request_id: after.id, company_id: after.company_id, employee_id: after.employee_id, leave_type: price.leaveType, amount: price.amount, unit: price.unit, priced_at_ms: this.balances.now() });
    const wasApproved = before?.status === 'approved';
    const isApproved = after.status === 'approved';
    if (wasApproved === isApproved && (!isApproved || sameSpan(before!, after))) return;
    const posted = await repo.requestEntries(trx, after.id);
    const net = Math.round(posted.reduce((s, r) => s + r.amount, 0) * 100) / 100;
    const at = this.balances.now();
    const base = { company_id: after.company_id, employee_id: after.employee_id, leave_type: after.leave_type, expires_on: null, ref: null, request_id: after.id, created_by_user_id: actor.userId, created_at_ms: at };
    // Leaving the approved state, or moving dates while approved, first gives back what was taken.
    if (net < 0) await repo.insert(trx, [{ ...base, kind: 'leave_cancelled', amount: -net, effective_date: after.from_date, reason: `request ${after.id} ${after.status === 'approved' ? 'changed' : after.status}` }]);
    if (!isApproved) return;
    const cost = price ?? (await repo.costOf(trx, after.id));
    if (!cost || cost.amount === 0) return;
    const types = await repo.leaveTypes(after.company_id, trx);
    if (!types.some((t) => t.code === after.leave_type && t.rules !== null)) return;
    await repo.insert(trx, [{ ...base, kind: 'leave_taken', amount: -cost.amount, effective_date: after.from_date, reason: `request ${after.id} approved (${after.from_date}…${after.to_date ?? after.from_date})` }]);
  }
}

const sameSpan = (a: Row<'requests'>, b: Row<'requests'>) => a.from_date === b.from_date && a.to_date === b.to_date && a.half === b.half && a.hours === b.hours && a.leave_type === b.leave_type;
const unitWord = (u: string) => (u === 'hour' ? 'hours' : 'days');
