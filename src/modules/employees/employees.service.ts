import type { Kysely } from 'kysely';
import type { DB, Row } from '../../db/schema.js';
import { paged, pageOf } from '../../http/paging.js';
import { conflict, notFound } from '../../shared/errors.js';
import type { DomainEvents } from '../../shared/events.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import type { AccessPolicy } from '../auth/access.js';
import type { Actor } from '../auth/actor.js';
import { DepartmentTree } from '../departments/department-tree.js';
import { companyZone, recomputeWindow } from '../schedules/setup-change.js';
import { checkEmployeeFields, isUniqueViolation, normalizeMobile, rejectProblems, todayIn, type CodedProblem } from './field-rules.js';
import { employeeDto, findEmployee, listEmployees, managerChainReaches } from './employees.repo.js';
import type { Outbox } from '../outbox/outbox.js';
import type { NewEvent } from '../outbox/outbox.types.js';
import { employeeChanged, employeeCreated } from './employee-events.js';
import type { EmployeeCreateT, EmployeeDeactivateT, EmployeePatchT, EmployeeQueryT } from './employees.schemas.js';

type Editable = Omit<EmployeeCreateT, 'companyId'>;

/** Trims text, turns blank optional text into null and writes mobile numbers without spaces. */
function clean<T extends Partial<Editable>>(v: T): T {
  const out = { ...v };
  for (const k of ['email', 'mobile', 'timeZone', 'hireDate', 'leaveDate', 'workStartDate'] as const) {
    const s = out[k];
    if (typeof s === 'string') (out as Partial<Editable>)[k] = s.trim() === '' ? null : s.trim();
  }
  if (typeof out.mobile === 'string') out.mobile = normalizeMobile(out.mobile);
  if (typeof out.name === 'string') out.name = out.name.trim();
  return out;
}

export class EmployeesService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly access: AccessPolicy,
    private readonly audit: AuditRepo,
    private readonly now: () => number = Date.now,
    private readonly events: DomainEvents | null = null,
    private readonly outbox: Outbox | null = null,
  ) {}

  /** Appends the events some consumer wants in the change's transaction; true when any was written. */
  private async announce(trx: Kysely<DB>, events: NewEvent[]): Promise<boolean> {
    if (!this.outbox || !events.length) return false;
    return (await this.outbox.append(trx, events)).some((id) => id !== null);
  }

  async list(actor: Actor, q: EmployeeQueryT) {
    this.access.assertScope(actor, 'read');
    if (q.companyId !== undefined) this.access.assertCompany(actor, q.companyId);
    const companies = q.companyId !== undefined ? [q.companyId] : this.access.companyFilter(actor);
    const scopes = companies ? await Promise.all(companies.map(async (companyId) => ({ companyId, scope: await this.access.employeeScope(actor, companyId) }))) : null;
    let departmentIds: number[] | undefined;
    if (q.departmentId !== undefined) {
      const dept = await this.db.selectFrom('departments').select('company_id').where('id', '=', q.departmentId).executeTakeFirst();
      if (!dept || !this.access.canSeeCompany(actor, dept.company_id)) {
        departmentIds = [];
      } else if (q.includeSubdepartments) {
        const nodes = await this.db.selectFrom('departments').select(['id', 'parent_id', 'name', 'code', 'active']).where('company_id', '=', dept.company_id).execute();
        departmentIds = new DepartmentTree(nodes).subtree(q.departmentId);
      } else {
        departmentIds = [q.departmentId];
      }
    }
    const p = pageOf(q);
    const { rows, total } = await listEmployees(this.db, { scopes, departmentIds, q: q.q, status: q.status, limit: p.limit, offset: p.offset });
    return paged(rows.map(employeeDto), total, p);
  }

  async get(actor: Actor, id: number) {
    return employeeDto(await this.visible(actor, id));
  }

  async create(actor: Actor, input: EmployeeCreateT) {
    this.access.assertCompany(actor, input.companyId, 'write');
    const v = clean(input);
    let announced = false;
    const dto = await this.duplicateAsConflict(v.jobNumber, () => this.db.transaction().execute(async (trx) => {
      await this.check(trx, input.companyId, v, null);
      const now = this.now();
      const row = await trx
        .insertInto('employees')
        .values({
          company_id: input.companyId,
          job_number: v.jobNumber,
          name: v.name,
          email: v.email ?? null,
          mobile: v.mobile ?? null,
          department_id: v.departmentId ?? null,
          manager_id: v.managerId ?? null,
          site_id: v.siteId ?? null,
          time_zone: v.timeZone ?? null,
          hire_date: v.hireDate ?? null,
          leave_date: v.leaveDate ?? null,
          work_start_date: v.workStartDate ?? null,
          status: v.status ?? 'active',
          created_at_ms: now,
          updated_at_ms: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'employee.create', entity: 'employee', entityId: row.id, companyId: row.company_id, after: employeeDto(row) });
      announced = await this.announce(trx, [employeeCreated(row, now)]);
      return employeeDto(row);
    }));
    if (announced) this.outbox!.kick();
    return dto;
  }

  async update(actor: Actor, id: number, patch: EmployeePatchT) {
    const current = await this.writable(actor, id);
    const v = clean(patch);
    let announced = false;
    const { dto, zoneChanged } = await this.duplicateAsConflict(v.jobNumber, () => this.db.transaction().execute(async (trx) => {
      const before = (await findEmployee(trx, id)) ?? current;
      // Dates are checked against each other as they will be after the change.
      const merged = { ...v, hireDate: v.hireDate !== undefined ? v.hireDate : before.hire_date, leaveDate: v.leaveDate !== undefined ? v.leaveDate : before.leave_date, workStartDate: v.workStartDate !== undefined ? v.workStartDate : before.work_start_date };
      await this.check(trx, before.company_id, merged, before);
      const set: Partial<Row<'employees'>> = {};
      if (v.jobNumber !== undefined) set.job_number = v.jobNumber;
      if (v.name !== undefined) set.name = v.name;
      if (v.email !== undefined) set.email = v.email;
      if (v.mobile !== undefined) set.mobile = v.mobile;
      if (v.departmentId !== undefined) set.department_id = v.departmentId;
      if (v.managerId !== undefined) set.manager_id = v.managerId;
      if (v.siteId !== undefined) set.site_id = v.siteId;
      if (v.timeZone !== undefined) set.time_zone = v.timeZone;
      if (v.hireDate !== undefined) set.hire_date = v.hireDate;
      if (v.leaveDate !== undefined) set.leave_date = v.leaveDate;
      if (v.workStartDate !== undefined) set.work_start_date = v.workStartDate;
      if (v.status !== undefined) set.status = v.status;
      const row = await trx.updateTable('employees').set({ ...set, updated_at_ms: this.now() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'employee.update', entity: 'employee', entityId: id, companyId: row.company_id, before: employeeDto(before), after: employeeDto(row) });
      announced = await this.announce(trx, employeeChanged(before, row, row.updated_at_ms));
      return { dto: employeeDto(row), zoneChanged: before.time_zone !== row.time_zone };
    }));
    if (announced) this.outbox!.kick();
    if (zoneChanged) await emitZoneChanged(this.db, this.events, current.company_id, [id], this.now());
    return dto;
  }

  /** Marks the employee as having left; the leave date defaults to today in the company's zone. */
  async deactivate(actor: Actor, id: number, input: EmployeeDeactivateT) {
    const current = await this.writable(actor, id);
    let announced = false;
    const dto = await this.db.transaction().execute(async (trx) => {
      const before = (await findEmployee(trx, id)) ?? current;
      let leaveDate = input.leaveDate?.trim();
      if (!leaveDate) {
        const company = await trx.selectFrom('companies').select('time_zone').where('id', '=', before.company_id).executeTakeFirstOrThrow();
        leaveDate = todayIn(before.time_zone ?? company.time_zone, this.now());
      }
      rejectProblems(checkEmployeeFields({ hireDate: before.hire_date, leaveDate }, (f) => (f === 'leaveDate' ? 'body.leaveDate' : `existing.${f}`)));
      const row = await trx.updateTable('employees').set({ status: 'inactive', leave_date: leaveDate, updated_at_ms: this.now() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'employee.deactivate', entity: 'employee', entityId: id, companyId: row.company_id, before: employeeDto(before), after: employeeDto(row) });
      announced = await this.announce(trx, employeeChanged(before, row, row.updated_at_ms));
      return employeeDto(row);
    });
    if (announced) this.outbox!.kick();
    return dto;
  }

  private async duplicateAsConflict<T>(jobNumber: string | undefined, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('DUPLICATE_JOB_NUMBER', `Job number '${jobNumber}' is taken in this company`, { field: 'body.jobNumber' });
      throw e;
    }
  }

  private async visible(actor: Actor, id: number) {
    this.access.assertScope(actor, 'read');
    const row = await findEmployee(this.db, id);
    if (!row) throw notFound('employee', id);
    await this.access.assertEmployee(actor, row);
    return row;
  }

  private async writable(actor: Actor, id: number) {
    const row = await findEmployee(this.db, id);
    if (!row || !this.access.canSeeCompany(actor, row.company_id)) throw notFound('employee', id);
    this.access.assertCompany(actor, row.company_id, 'write');
    return row;
  }

  /** Every rule for the fields present in `v`; `self` is the row being changed, if any. */
  private async check(trx: Kysely<DB>, companyId: number, v: Partial<Editable>, self: Row<'employees'> | null) {
    const problems: CodedProblem[] = checkEmployeeFields(v, (f) => `body.${f}`);
    if (v.departmentId != null && v.departmentId !== self?.department_id) {
      const d = await trx.selectFrom('departments').select('id').where('id', '=', v.departmentId).where('company_id', '=', companyId).where('active', '=', 1).executeTakeFirst();
      if (!d) problems.push({ path: 'body.departmentId', code: 'UNKNOWN_DEPARTMENT', message: `department ${v.departmentId} is not an active department of company ${companyId}` });
    }
    if (v.siteId != null && v.siteId !== self?.site_id) {
      const s = await trx.selectFrom('sites').select('id').where('id', '=', v.siteId).where('company_id', '=', companyId).where('active', '=', 1).executeTakeFirst();
      if (!s) problems.push({ path: 'body.siteId', code: 'UNKNOWN_SITE', message: `site ${v.siteId} is not an active site of company ${companyId}` });
    }
    if (v.managerId != null && v.managerId !== self?.manager_id) {
      const m = await trx.selectFrom('employees').select('id').where('id', '=', v.managerId).where('company_id', '=', companyId).executeTakeFirst();
      if (!m) problems.push({ path: 'body.managerId', code: 'UNKNOWN_MANAGER', message: `employee ${v.managerId} is not an employee of company ${companyId}` });
      else if (self && (await managerChainReaches(trx, v.managerId, self.id))) {
        problems.push({ path: 'body.managerId', code: 'MANAGER_CYCLE', message: `employee ${v.managerId} reports (directly or not) to employee ${self.id}` });
      }
    }
    rejectProblems(problems);
    if (v.jobNumber !== undefined && v.jobNumber !== self?.job_number) {
      const clash = await trx.selectFrom('employees').select('id').where('company_id', '=', companyId).where('job_number', '=', v.jobNumber).executeTakeFirst();
      if (clash) throw conflict('DUPLICATE_JOB_NUMBER', `Job number '${v.jobNumber}' is taken in this company`, { field: 'body.jobNumber', employeeId: clash.id });
    }
  }
}

/**
 * An employee's own zone decides the dates and wall times of their attendance, so a change of it
 * recomputes their days in the open window (as setup changes do: from the previous month's start).
 */
export async function emitZoneChanged(db: Kysely<DB>, events: DomainEvents | null, companyId: number, employeeIds: number[], nowMs: number): Promise<void> {
  if (!events || !employeeIds.length) return;
  const w = recomputeWindow(await companyZone(db, companyId), nowMs);
  await events.emit('attendance.inputs_changed', { companyId, employeeIds, ...w, reason: 'employee.time_zone' });
}
