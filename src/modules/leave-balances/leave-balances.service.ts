/**
 * Leave balances: read per employee and type (granted, used, pending, expiring soon, available),
 * the ledger behind them, manual adjustments, balance rules, the price of a request before it is
 * filed, and the scheduled run that posts grants, accruals, carry-overs, expiries and 调休 credits.
 */
import type { Kysely } from 'kysely';
import type { DB, NewRow } from '../../db/schema.js';
import { availableOn, DEFAULT_COMPENSATION, expiringSoon, priceLeave, summarize, type BalanceRules, type CompensationPolicy, type LedgerEntry } from '../../engine/leave/index.js';
import { addDays, localDate } from '../../shared/dates.js';
import { AppError, badRequest, notFound } from '../../shared/errors.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import { scopeIncludes, type AccessPolicy } from '../auth/access.js';
import type { Actor } from '../auth/actor.js';
import type { RecomputeService } from '../attendance/recompute.js';
import { closedKey, MonthCloseRepo } from '../month-close/month-close.repo.js';
import { LeaveLedgerRepo, type EmployeeForLeave, type LedgerRow } from './leave-ledger.repo.js';
import { scheduledDays } from './schedule-days.js';

/** "Expiring soon" looks this far ahead of the balance date. */
export const EXPIRING_SOON_DAYS = 30;
const MAX_PAGE = 2000;

export const asEntry = (r: LedgerRow): LedgerEntry => ({ kind: r.kind, amount: r.amount, effectiveDate: r.effective_date, expiresOn: r.expires_on });

export function ledgerDto(r: LedgerRow) {
  return {
    id: r.id,
    employeeId: r.employee_id,
    leaveType: r.leave_type,
    kind: r.kind,
    amount: r.amount,
    effectiveDate: r.effective_date,
    expiresOn: r.expires_on,
    ref: r.ref,
    requestId: r.request_id,
    forMonth: r.for_month ?? null,
    reason: r.reason,
    createdByUserId: r.created_by_user_id,
    createdAtMs: r.created_at_ms,
  };
}

export interface BalanceQuery {
  companyId: number;
  employeeId?: number;
  departmentId?: number;
  asOf?: string;
  limit?: number;
  offset?: number;
}

export class LeaveBalancesService {
  readonly repo: LeaveLedgerRepo;
  readonly months: MonthCloseRepo;
  /** Called after a type's rules change (the leaver consumer caches which companies accrue). */
  onRulesChanged: (() => Promise<void>) | null = null;

  constructor(
    readonly db: Kysely<DB>,
    private readonly access: AccessPolicy,
    readonly audit: AuditRepo,
    private readonly recompute: RecomputeService,
    readonly now: () => number = Date.now,
  ) {
    this.repo = new LeaveLedgerRepo(db);
    this.months = new MonthCloseRepo(db);
  }

  async today(companyId: number): Promise<string> {
    const c = await this.db.selectFrom('companies').select('time_zone').where('id', '=', companyId).executeTakeFirst();
    return localDate(this.now(), c?.time_zone ?? 'UTC');
  }

  /** Balances per employee and tracked type; employees see themselves, managers their team, HR everyone. */
  async balances(actor: Actor, q: BalanceQuery) {
    this.access.assertCompany(actor, q.companyId);
    const scope = await this.access.employeeScope(actor, q.companyId);
    const asOf = q.asOf ?? (await this.today(q.companyId));
    const limit = Math.min(q.limit ?? 100, MAX_PAGE);
    const offset = q.offset ?? 0;
    let employees: EmployeeForLeave[];
    if (q.employeeId !== undefined) {
      const e = await this.repo.employee(q.employeeId);
      if (!e || e.company_id !== q.companyId || !scopeIncludes(scope, e)) throw notFound('employee', q.employeeId);
      employees = [e];
    } else {
      employees = (await this.repo.employees(q.companyId, { departmentIds: q.departmentId !== undefined ? [q.departmentId] : null, limit: 200_000 })).filter((e) => scopeIncludes(scope, e));
    }
    const total = employees.length;
    const page = employees.slice(offset, offset + limit);
    const types = (await this.repo.leaveTypes(q.companyId)).filter((t) => t.rules !== null);
    const ids = page.map((e) => e.id);
    const [entries, pending] = await Promise.all([this.repo.entries(ids), this.repo.pendingCosts(ids)]);
    const byKey = new Map<string, LedgerEntry[]>();
    for (const r of entries) {
      const k = `${r.employee_id}:${r.leave_type}`;
      let list = byKey.get(k);
      if (!list) byKey.set(k, (list = []));
      list.push(asEntry(r));
    }
    const pendingBy = new Map<string, number>();
    for (const p of pending) pendingBy.set(`${p.employee_id}:${p.leave_type}`, (pendingBy.get(`${p.employee_id}:${p.leave_type}`) ?? 0) + p.amount);
    const soon = addDays(asOf, EXPIRING_SOON_DAYS);
    const items = page.map((e) => ({
      employeeId: e.id,
      jobNumber: e.job_number,
      name: e.name,
      departmentId: e.department_id,
      balances: types.map((t) => {
        const list = byKey.get(`${e.id}:${t.code}`) ?? [];
        const s = summarize(list, asOf);
        const pend = round2(pendingBy.get(`${e.id}:${t.code}`) ?? 0);
        return {
          leaveType: t.code,
          name: t.name,
          unit: t.unit,
          granted: s.granted,
          used: s.used,
          expired: s.expired,
          adjusted: s.adjusted,
          pending: pend,
          expiringSoon: expiringSoon(list, asOf, soon),
          balance: s.balance,
          available: round2(availableOn(list, asOf) - pend),
          allowNegative: t.rules!.allowNegative,
        };
      }),
    }));
    return { asOf, total, limit, offset, items };
  }

  async ledger(actor: Actor, employeeId: number, q: { leaveType?: string; limit?: number; offset?: number }) {
    const e = await this.visibleEmployee(actor, employeeId);
    const rows = await this.repo.entries([e.id], { leaveType: q.leaveType });
    const limit = Math.min(q.limit ?? 200, MAX_PAGE);
    const offset = q.offset ?? 0;
    return { total: rows.length, limit, offset, items: rows.slice(offset, offset + limit).map(ledgerDto) };
  }

  /** HR's manual adjustment: dated, with a reason and its author, audited. */
  async adjust(actor: Actor, input: { employeeId: number; leaveType: string; amount: number; effectiveDate: string; reason: string; expiresOn?: string | null }) {
    const e = await this.repo.employee(input.employeeId);
    if (!e || !this.access.canSeeCompany(actor, e.company_id)) throw notFound('employee', input.employeeId);
    this.access.assertCompany(actor, e.company_id, 'write');
    const type = (await this.repo.leaveTypes(e.company_id)).find((t) => t.code === input.leaveType);
    if (!type) throw badRequest('UNKNOWN_LEAVE_TYPE', `No active leave type '${input.leaveType}'`, { field: 'body.leaveType' });
    if (type.rules === null) throw badRequest('LEAVE_TYPE_NOT_TRACKED', `Leave type '${input.leaveType}' keeps no balance: set its balance rules first`, { field: 'body.leaveType' });
    if (input.amount === 0) throw badRequest('ZERO_ADJUSTMENT', 'An adjustment must change the balance', { field: 'body.amount' });
    if (type.unit !== 'hour' && Math.round(input.amount * 2) !== input.amount * 2) throw badRequest('AMOUNT_NOT_IN_UNIT', `Leave type '${type.code}' counts in ${type.unit === 'day' ? 'days' : 'half days'}`, { field: 'body.amount' });
    if (input.expiresOn && input.expiresOn < input.effectiveDate) throw badRequest('EXPIRY_BEFORE_DATE', 'expiresOn must not be before effectiveDate', { field: 'body.expiresOn' });
    await this.assertOpen(e.company_id, e.id, input.effectiveDate);
    return this.db.transaction().execute(async (trx) => {
      const [row] = await this.repo.insert(trx, [
        {
          company_id: e.company_id,
          employee_id: e.id,
          leave_type: type.code,
          kind: 'adjustment',
          amount: input.amount,
          effective_date: input.effectiveDate,
          expires_on: input.amount > 0 ? (input.expiresOn ?? null) : null,
          ref: null,
          request_id: null,
          reason: input.reason,
          created_by_user_id: actor.userId,
          created_at_ms: this.now(),
        },
      ]);
      await this.audit.record(trx, actor, { action: 'leave_balance.adjust', entity: 'leave_ledger', entityId: row.id, companyId: e.company_id, after: ledgerDto(row) });
      return ledgerDto(row);
    });
  }

  async rules(actor: Actor, companyId: number) {
    this.access.assertCompany(actor, companyId);
    const types = await this.repo.leaveTypes(companyId);
    return { items: types.map((t) => ({ leaveType: t.code, name: t.name, unit: t.unit, rules: t.rules })) };
  }

  async setRules(actor: Actor, companyId: number, code: string, rules: BalanceRules | null) {
    this.access.assertCompany(actor, companyId, 'write');
    const before = (await this.repo.leaveTypes(companyId)).find((t) => t.code === code);
    if (!before) throw notFound('leave_type', code);
    if (rules?.carryOver && !/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(rules.carryOver.expiresOn)) {
      throw badRequest('INVALID_MONTH_DAY', 'carryOver.expiresOn is MM-DD, e.g. 03-31', { field: 'body.rules.carryOver.expiresOn' });
    }
    if (rules?.carryOver && !rules.expiresAtYearEnd) {
      throw badRequest('CARRY_OVER_NEEDS_YEAR_END', 'Carry-over applies to time that lapses at year end: set expiresAtYearEnd', { field: 'body.rules.carryOver' });
    }
    if (rules && new Set(rules.bands.map((b) => b.fromYears)).size !== rules.bands.length) {
      throw badRequest('DUPLICATE_BAND', 'Two seniority bands start at the same year', { field: 'body.rules.bands' });
    }
    await this.db.transaction().execute(async (trx) => {
      await this.repo.setRules(trx, companyId, code, rules);
      await this.audit.record(trx, actor, { action: 'leave_type.rules', entity: 'leave_type', entityId: code, companyId, before: before.rules, after: rules });
    });
    await this.onRulesChanged?.();
    return { leaveType: code, rules };
  }

  /** What a request would cost, from the employee's schedule, and whether the balance covers it. */
  async price(actor: Actor, input: { employeeId?: number; leaveType: string; fromDate: string; toDate?: string; half?: 'am' | 'pm' | null; hours?: number | null }) {
    const employeeId = input.employeeId ?? actor.employeeId;
    if (employeeId === null) throw badRequest('EMPLOYEE_REQUIRED', 'Name the employee: this user is not linked to one', { field: 'body.employeeId' });
    const e = await this.visibleEmployee(actor, employeeId);
    const toDate = input.toDate ?? input.fromDate;
    if (toDate < input.fromDate) throw badRequest('DATE_ORDER', 'toDate is before fromDate', { field: 'body.toDate' });
    return this.priceFor(e, input.leaveType, { fromDate: input.fromDate, toDate, half: input.half ?? null, hours: input.hours ?? null });
  }

  async priceFor(e: Pick<EmployeeForLeave, 'id' | 'company_id'>, leaveType: string, span: { fromDate: string; toDate: string; half: 'am' | 'pm' | null; hours: number | null }) {
    const type = (await this.repo.leaveTypes(e.company_id)).find((t) => t.code === leaveType);
    if (!type) throw badRequest('UNKNOWN_LEAVE_TYPE', `No active leave type '${leaveType}'`, { field: 'body.leaveType' });
    const schedule = await scheduledDays(this.recompute, e.company_id, e.id, span.fromDate, span.toDate);
    const price = priceLeave(span, schedule, type.unit, type.rules?.calendarDays ?? false);
    if (type.rules === null) return { ...price, leaveType: type.code, tracked: false, available: null, fits: true };
    const [entries, pending] = await Promise.all([this.repo.entries([e.id], { leaveType: type.code }), this.repo.pendingCosts([e.id])]);
    const pend = pending.filter((p) => p.leave_type === type.code).reduce((s, p) => s + p.amount, 0);
    const available = round2(availableOn(entries.map(asEntry), span.fromDate) - pend);
    return { ...price, leaveType: type.code, tracked: true, available, fits: type.rules.allowNegative || price.amount <= available + 1e-9 };
  }

  /** The group's 调休 policy: per overtime category paid or credited, and how long credits last. */
  async compensation(actor: Actor, groupId: number) {
    const g = await this.repo.group(groupId);
    if (!g || !this.access.canSeeCompany(actor, g.company_id)) throw notFound('attendance_group', groupId);
    this.access.assertCompany(actor, g.company_id);
    const c = await this.repo.compensation(groupId);
    const types = await this.repo.leaveTypes(g.company_id);
    const expiry = types.find((t) => t.code === 'compensatory')?.rules?.creditExpiryDays ?? 0;
    return c
      ? { groupId, workday: c.workday, restday: c.restday, holiday: c.holiday, creditExpiryDays: c.credit_expiry_days }
      : { groupId, ...DEFAULT_COMPENSATION, creditExpiryDays: expiry };
  }

  async setCompensation(actor: Actor, groupId: number, body: CompensationPolicy & { creditExpiryDays: number }) {
    const g = await this.repo.group(groupId);
    if (!g || !this.access.canSeeCompany(actor, g.company_id)) throw notFound('attendance_group', groupId);
    this.access.assertCompany(actor, g.company_id, 'write');
    const before = await this.compensation(actor, groupId);
    await this.db.transaction().execute(async (trx) => {
      await this.repo.saveCompensation(trx, { group_id: groupId, company_id: g.company_id, workday: body.workday, restday: body.restday, holiday: body.holiday, credit_expiry_days: body.creditExpiryDays, updated_at_ms: this.now() });
      await this.audit.record(trx, actor, { action: 'overtime_compensation.update', entity: 'attendance_group', entityId: groupId, companyId: g.company_id, before, after: { groupId, ...body } });
    });
    return { groupId, workday: body.workday, restday: body.restday, holiday: body.holiday, creditExpiryDays: body.creditExpiryDays };
  }

  /** A manual change dated in the employee's closed month is refused: the month's balances are frozen. */
  async assertOpen(companyId: number, employeeId: number, ...dates: string[]) {
    const months = dates.map((d) => d.slice(0, 7)).sort();
    const closed = await this.months.closedKeys(companyId, months[0], months[months.length - 1], [employeeId]);
    const hit = dates.find((d) => closed.has(closedKey(employeeId, d.slice(0, 7))));
    if (hit) throw new AppError('MONTH_CLOSED', `${hit.slice(0, 7)} is closed for payroll; reopen it first or date the change in an open month`, 409, { month: hit.slice(0, 7) });
  }

  async visibleEmployee(actor: Actor, employeeId: number): Promise<EmployeeForLeave> {
    this.access.assertScope(actor, 'read');
    const e = await this.repo.employee(employeeId);
    if (!e || !this.access.canSeeCompany(actor, e.company_id)) throw notFound('employee', employeeId);
    await this.access.assertEmployee(actor, e);
    return e;
  }

  /** Inserts planned rows in one transaction with one audit row for the run. */
  async post(actor: Actor, companyId: number, rows: NewRow<'leave_ledger'>[], action: string, summary: Record<string, unknown>) {
    if (!rows.length) return 0;
    await this.db.transaction().execute(async (trx) => {
      await this.repo.insertMany(trx, rows);
      await this.audit.record(trx, actor, { action, entity: 'leave_ledger', entityId: null, companyId, after: { ...summary, entries: rows.length } });
    });
    return rows.length;
  }

  /** Runs that post for a whole company are HR's. */
  assertHr(actor: Actor, companyId: number) {
    this.access.assertCompany(actor, companyId, 'write');
  }
}

const round2 = (x: number) => Math.round(x * 100) / 100;
