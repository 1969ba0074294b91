/**
 * Closing a month for payroll (考勤锁定). HR closes a month for a company, for a department with
 * its sub-departments, or for everyone (every company the actor may close). Each employee-month is
 * held by exactly one close (`month_close_employees`): a company close after a department close
 * holds the rest of the company. From then on the employee's results of that month are frozen, a
 * late punch, correction or leave change for a closed day becomes a payroll adjustment carried into
 * the next open month, and `month.closed` goes out through the outbox in the closing transaction.
 * Reopening is explicit, by the close's id or by the same scope, needs a reason and is audited.
 * Employees may confirm their month or raise an objection (考勤确认) before it is closed.
 */
import type { Kysely } from 'kysely';
import type { DB, Row } from '../../db/schema.js';
import { AppError, badRequest, conflict, notFound } from '../../shared/errors.js';
import { localDate } from '../../shared/dates.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import type { AccessPolicy } from '../auth/access.js';
import type { Actor } from '../auth/actor.js';
import type { Outbox } from '../outbox/outbox.js';
import { domainEvent } from '../outbox/event-payloads.js';
import { subtreeOf } from '../attendance/scope.js';
import { closedKey, MonthCloseRepo } from './month-close.repo.js';
import { lastDayOf } from './closed-months.js';

export type CloseScope = Row<'month_closes'>['scope'];
export interface ScopeInput {
  scope: CloseScope;
  companyId?: number;
  departmentId?: number;
  month: string;
}

export function monthCloseDto(r: Row<'month_closes'>) {
  return {
    id: Number(r.id),
    companyId: Number(r.company_id),
    month: r.month,
    scope: r.scope,
    departmentId: r.department_id === null ? null : Number(r.department_id),
    status: r.status,
    closedAtMs: Number(r.closed_at_ms),
    closedByUserId: r.closed_by_user_id === null ? null : Number(r.closed_by_user_id),
    employeeCount: r.employee_count,
    reopenedAtMs: r.reopened_at_ms === null ? null : Number(r.reopened_at_ms),
    reopenedByUserId: r.reopened_by_user_id === null ? null : Number(r.reopened_by_user_id),
    reopenReason: r.reopen_reason,
  };
}

export class MonthCloseService {
  readonly repo: MonthCloseRepo;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly access: AccessPolicy,
    private readonly audit: AuditRepo,
    private readonly outbox: Outbox,
    private readonly now: () => number = Date.now,
  ) {
    this.repo = new MonthCloseRepo(db);
  }

  async list(actor: Actor, companyId: number) {
    this.access.assertCompany(actor, companyId);
    return { items: (await this.repo.list(companyId, 120)).map(monthCloseDto) };
  }

  /** The companies and department a scope names, checked against what the actor may close. */
  private async resolve(actor: Actor, input: Omit<ScopeInput, 'month'>): Promise<{ companyIds: number[]; departmentId: number | null }> {
    if (input.scope === 'all') {
      if (input.companyId !== undefined || input.departmentId !== undefined) throw badRequest('SCOPE_FIELDS', "scope 'all' names no company or department", { field: 'body.scope' });
      this.access.assertRole(actor, ['admin', 'hr']);
      const visible = this.access.companyFilter(actor);
      let q = this.db.selectFrom('companies').select('id').where('active', '=', 1);
      if (visible) q = q.where('id', 'in', visible.length ? visible : [-1]);
      return { companyIds: (await q.orderBy('id').execute()).map((r) => Number(r.id)), departmentId: null };
    }
    if (input.scope === 'department') {
      if (input.departmentId === undefined) throw badRequest('DEPARTMENT_REQUIRED', "scope 'department' needs departmentId", { field: 'body.departmentId' });
      const d = await this.db.selectFrom('departments').select(['id', 'company_id']).where('id', '=', input.departmentId).executeTakeFirst();
      if (!d || !this.access.canSeeCompany(actor, Number(d.company_id)) || (input.companyId !== undefined && input.companyId !== Number(d.company_id))) throw notFound('department', input.departmentId);
      this.access.assertCompany(actor, Number(d.company_id), 'write');
      return { companyIds: [Number(d.company_id)], departmentId: input.departmentId };
    }
    if (input.companyId === undefined) throw badRequest('COMPANY_REQUIRED', "scope 'company' needs companyId", { field: 'body.companyId' });
    if (input.departmentId !== undefined) throw badRequest('SCOPE_FIELDS', "scope 'company' names no department; use scope 'department'", { field: 'body.departmentId' });
    this.access.assertCompany(actor, input.companyId, 'write');
    return { companyIds: [input.companyId], departmentId: null };
  }

  /**
   * Closes the month for every employee of the scope not closed yet, one close per company. A
   * scope whose employees are all closed already is refused (MONTH_ALREADY_CLOSED); a month not
   * over in a company's zone is refused (MONTH_NOT_OVER).
   */
  async close(actor: Actor, input: ScopeInput) {
    const { companyIds, departmentId } = await this.resolve(actor, input);
    const { month } = input;
    const zones = await this.db.selectFrom('companies').select(['id', 'time_zone']).where('id', 'in', companyIds.length ? companyIds : [-1]).execute();
    for (const c of zones) {
      const today = localDate(this.now(), c.time_zone);
      // A month still running cannot be closed: its days are not results yet.
      if (lastDayOf(month) >= today) throw badRequest('MONTH_NOT_OVER', `${month} is not over yet (today is ${today})`, { field: 'body.month' });
    }
    const at = this.now();
    const rows = await this.db.transaction().execute(async (trx) => {
      const out: Row<'month_closes'>[] = [];
      for (const companyId of companyIds) {
        const departmentIds = departmentId === null ? null : subtreeOf(await this.repo.departments(trx, companyId), departmentId);
        const inScope = await this.repo.employeesInMonth(trx, companyId, departmentIds, `${month}-01`, lastDayOf(month));
        const held = await this.repo.closedKeys(companyId, month, month, inScope, trx);
        const open = inScope.filter((id) => !held.has(closedKey(id, month)));
        // Closing everyone skips a company whose month is closed already; a named scope is refused.
        if (!open.length && (input.scope !== 'all' || held.size > 0)) {
          if (input.scope === 'all') continue;
          throw conflict('MONTH_ALREADY_CLOSED', `${month} is closed already for ${inScope.length ? 'every employee of this scope' : 'this scope (it has no employees)'}`, { month });
        }
        const r = await this.repo.insert(trx, {
          company_id: companyId, month, status: 'closed', scope: input.scope, department_id: departmentId, closed_at_ms: at, closed_by_user_id: actor.userId,
          employee_count: open.length, reopened_at_ms: null, reopened_by_user_id: null, reopen_reason: null,
        });
        await this.repo.hold(trx, Number(r.id), companyId, month, open);
        await this.audit.record(trx, actor, { action: 'month.close', entity: 'month_close', entityId: Number(r.id), companyId, after: { ...monthCloseDto(r), alreadyClosedEmployees: held.size } });
        await this.outbox.append(trx, [
          domainEvent(companyId, 'month.closed', `month:${month}`, { month, closeId: Number(r.id), scope: input.scope, departmentId, closedAt: new Date(at).toISOString(), closedByUserId: actor.userId, employeeCount: open.length }, at),
        ]);
        out.push(r);
      }
      if (!out.length) throw conflict('MONTH_ALREADY_CLOSED', `${month} is closed already for every company you may close`, { month });
      return out;
    });
    this.outbox.kick();
    return { items: rows.map(monthCloseDto) };
  }

  async reopen(actor: Actor, id: number, reason: string) {
    const before = await this.repo.byId(id);
    if (!before || !this.access.canSeeCompany(actor, Number(before.company_id))) throw notFound('month_close', id);
    this.access.assertCompany(actor, Number(before.company_id), 'write');
    const [row] = await this.reopenRows(actor, [before], reason);
    return row;
  }

  /** Reopens the closes made with the same scope (company, department, or everyone) for a month. */
  async reopenScope(actor: Actor, input: ScopeInput & { reason: string }) {
    const { companyIds, departmentId } = await this.resolve(actor, input);
    const closes = await this.repo.closedOf(this.db, companyIds, input.month, input.scope, departmentId);
    if (!closes.length) throw conflict('MONTH_NOT_CLOSED', `${input.month} has no close of this scope to reopen`, { month: input.month });
    return { items: await this.reopenRows(actor, closes, input.reason) };
  }

  private async reopenRows(actor: Actor, closes: Row<'month_closes'>[], reason: string) {
    return this.db.transaction().execute(async (trx) => {
      const out = [];
      for (const before of closes) {
        const r = await this.repo.reopen(trx, Number(before.id), this.now(), actor.userId, reason);
        if (!r) throw conflict('MONTH_NOT_CLOSED', `${before.month} is not closed`, { month: before.month });
        await this.audit.record(trx, actor, { action: 'month.reopen', entity: 'month_close', entityId: Number(r.id), companyId: Number(r.company_id), before: monthCloseDto(before), after: monthCloseDto(r) });
        out.push(monthCloseDto(r));
      }
      return out;
    });
  }

  /** The employee confirms their own month, or objects with a note. */
  async confirm(actor: Actor, companyId: number, month: string, objection: string | null) {
    this.access.assertScope(actor, 'write');
    if (!this.access.canSeeCompany(actor, companyId)) throw notFound('company', companyId);
    if (actor.employeeId === null) throw badRequest('EMPLOYEE_REQUIRED', 'Only an employee confirms their month: this user is not linked to one', { field: 'body' });
    const e = await this.db.selectFrom('employees').select(['id', 'company_id']).where('id', '=', actor.employeeId).executeTakeFirst();
    if (!e || Number(e.company_id) !== companyId) throw notFound('company', companyId);
    const employeeId = Number(e.id);
    if ((await this.repo.closedKeys(companyId, month, month, [employeeId])).size) throw new AppError('MONTH_CLOSED', `${month} is closed for payroll`, 409, { month });
    const row: Row<'month_confirmations'> = { company_id: companyId, employee_id: employeeId, month, status: objection ? 'objected' : 'confirmed', objection, at_ms: this.now() };
    await this.db.transaction().execute(async (trx) => {
      await this.repo.confirm(trx, row);
      await this.audit.record(trx, actor, { action: objection ? 'month.object' : 'month.confirm', entity: 'month_confirmation', entityId: `${employeeId}:${month}`, companyId, after: row });
    });
    return { employeeId, month, status: row.status, objection, atMs: row.at_ms };
  }

  async confirmations(actor: Actor, companyId: number, month: string) {
    this.access.assertCompany(actor, companyId);
    const scope = await this.access.employeeScope(actor, companyId);
    const rows = await this.repo.confirmations(companyId, month);
    const visible = scope.kind === 'all' ? rows : rows.filter((r) => scope.kind === 'self' ? Number(r.employee_id) === scope.employeeId : scope.kind === 'departments' && Number(r.employee_id) === scope.selfEmployeeId);
    return { items: visible.map((r) => ({ employeeId: Number(r.employee_id), month: r.month, status: r.status, objection: r.objection, atMs: Number(r.at_ms) })) };
  }
}
