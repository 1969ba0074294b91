/**
 * Closing a month for payroll (考勤锁定): HR closes a company's month; from then on its attendance
 * results are frozen (recompute leaves them as they were), requests and balance changes dated in it
 * are refused with MONTH_CLOSED, and `month.closed` goes out through the outbox in the closing
 * transaction. Reopening is explicit, needs a reason and is audited. Employees may confirm their
 * month or raise an objection (考勤确认) before it is closed.
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
import { MonthCloseRepo } from './month-close.repo.js';

export function monthCloseDto(r: Row<'month_closes'>) {
  return {
    id: r.id,
    companyId: r.company_id,
    month: r.month,
    status: r.status,
    closedAtMs: r.closed_at_ms,
    closedByUserId: r.closed_by_user_id,
    employeeCount: r.employee_count,
    reopenedAtMs: r.reopened_at_ms,
    reopenedByUserId: r.reopened_by_user_id,
    reopenReason: r.reopen_reason,
  };
}

const lastDayOf = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

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

  async close(actor: Actor, companyId: number, month: string) {
    this.access.assertCompany(actor, companyId, 'write');
    const zone = (await this.db.selectFrom('companies').select('time_zone').where('id', '=', companyId).executeTakeFirstOrThrow()).time_zone;
    const today = localDate(this.now(), zone);
    // A month still running cannot be closed: its days are not results yet.
    if (lastDayOf(month) >= today) throw badRequest('MONTH_NOT_OVER', `${month} is not over yet (today is ${today})`, { field: 'body.month' });
    const at = this.now();
    const row = await this.db.transaction().execute(async (trx) => {
      if (await this.repo.current(trx, companyId, month)) throw conflict('MONTH_ALREADY_CLOSED', `${month} is closed already`, { month });
      const employeeCount = await this.repo.activeEmployeeCount(trx, companyId, `${month}-01`, lastDayOf(month));
      const r = await this.repo.insert(trx, { company_id: companyId, month, status: 'closed', closed_at_ms: at, closed_by_user_id: actor.userId, employee_count: employeeCount, reopened_at_ms: null, reopened_by_user_id: null, reopen_reason: null });
      await this.audit.record(trx, actor, { action: 'month.close', entity: 'month_close', entityId: r.id, companyId, after: monthCloseDto(r) });
      await this.outbox.append(trx, [
        domainEvent(companyId, 'month.closed', `month:${month}`, { month, closedAt: new Date(at).toISOString(), closedByUserId: actor.userId, employeeCount }, at),
      ]);
      return r;
    });
    this.outbox.kick();
    return monthCloseDto(row);
  }

  async reopen(actor: Actor, id: number, reason: string) {
    const before = await this.repo.byId(id);
    if (!before || !this.access.canSeeCompany(actor, before.company_id)) throw notFound('month_close', id);
    this.access.assertCompany(actor, before.company_id, 'write');
    const row = await this.db.transaction().execute(async (trx) => {
      const r = await this.repo.reopen(trx, id, this.now(), actor.userId, reason);
      if (!r) throw conflict('MONTH_NOT_CLOSED', `${before.month} is not closed`, { month: before.month });
      await this.audit.record(trx, actor, { action: 'month.reopen', entity: 'month_close', entityId: id, companyId: r.company_id, before: monthCloseDto(before), after: monthCloseDto(r) });
      return r;
    });
    return monthCloseDto(row);
  }

  /** The employee confirms their own month, or objects with a note. */
  async confirm(actor: Actor, companyId: number, month: string, objection: string | null) {
    this.access.assertScope(actor, 'write');
    if (!this.access.canSeeCompany(actor, companyId)) throw notFound('company', companyId);
    if (actor.employeeId === null) throw badRequest('EMPLOYEE_REQUIRED', 'Only an employee confirms their month: this user is not linked to one', { field: 'body' });
    const e = await this.db.selectFrom('employees').select(['id', 'company_id']).where('id', '=', actor.employeeId).executeTakeFirst();
    if (!e || e.company_id !== companyId) throw notFound('company', companyId);
    if (await this.repo.current(this.db, companyId, month)) throw new AppError('MONTH_CLOSED', `${month} is closed for payroll`, 409, { month });
    const row: Row<'month_confirmations'> = { company_id: companyId, employee_id: e.id, month, status: objection ? 'objected' : 'confirmed', objection, at_ms: this.now() };
    await this.db.transaction().execute(async (trx) => {
      await this.repo.confirm(trx, row);
      await this.audit.record(trx, actor, { action: objection ? 'month.object' : 'month.confirm', entity: 'month_confirmation', entityId: `${e.id}:${month}`, companyId, after: row });
    });
    return { employeeId: e.id, month, status: row.status, objection, atMs: row.at_ms };
  }

  async confirmations(actor: Actor, companyId: number, month: string) {
    this.access.assertCompany(actor, companyId);
    const scope = await this.access.employeeScope(actor, companyId);
    const rows = await this.repo.confirmations(companyId, month);
    const visible = scope.kind === 'all' ? rows : rows.filter((r) => scope.kind === 'self' ? r.employee_id === scope.employeeId : scope.kind === 'departments' && r.employee_id === scope.selfEmployeeId);
    return { items: visible.map((r) => ({ employeeId: r.employee_id, month: r.month, status: r.status, objection: r.objection, atMs: r.at_ms })) };
  }
}
