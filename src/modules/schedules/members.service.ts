import type { Kysely } from 'kysely';
import type { DB, Row } from '../../db/schema.js';
import { isRealDate, paged, pageOf } from '../../http/paging.js';
import { conflict, notFound } from '../../shared/errors.js';
import type { DomainEvents } from '../../shared/events.js';
import { addDays, localDate } from '../../shared/dates.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import type { Actor } from '../auth/actor.js';
import { DepartmentTree } from '../departments/department-tree.js';
import { rejectProblems, type CodedProblem } from '../employees/field-rules.js';
import type { GroupsService } from './groups.service.js';
import type { MemberCreateT } from './groups.schemas.js';
import { countRows } from '../../db/count.js';

export function memberDto(r: Row<'group_members'>) {
  return { id: r.id, groupId: r.group_id, departmentId: r.department_id, employeeId: r.employee_id, effectiveFrom: r.effective_from, effectiveTo: r.effective_to };
}

export class MembersService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly groups: GroupsService,
    private readonly audit: AuditRepo,
    private readonly events: DomainEvents,
    private readonly now: () => number = Date.now,
  ) {}

  async list(actor: Actor, groupId: number, q: { page?: number; pageSize?: number }) {
    await this.groups.visible(actor, groupId);
    const base = this.db.selectFrom('group_members').where('group_id', '=', groupId);
    const p = pageOf(q);
    const [rows, total] = await Promise.all([
      base.selectAll().orderBy('id').limit(p.limit).offset(p.offset).execute(),
      countRows(base),
    ]);
    return paged(rows.map(memberDto), total, p);
  }

  async add(actor: Actor, groupId: number, input: MemberCreateT) {
    const group = await this.groups.writable(actor, groupId);
    const companyId = group.company_id;
    const effectiveTo = input.effectiveTo ?? null;
    const problems: CodedProblem[] = [];
    if ((input.departmentId === undefined) === (input.employeeId === undefined)) {
      problems.push({ path: 'body', code: 'MEMBER_TARGET', message: 'give exactly one of departmentId and employeeId' });
    }
    for (const [f, v] of [['effectiveFrom', input.effectiveFrom], ['effectiveTo', effectiveTo]] as const) {
      if (v !== null && !isRealDate(v)) problems.push({ path: `body.${f}`, code: 'INVALID_DATE', message: `'${v}' is not a real date` });
    }
    if (effectiveTo !== null && effectiveTo < input.effectiveFrom) problems.push({ path: 'body.effectiveTo', code: 'DATE_ORDER', message: 'effectiveTo is before effectiveFrom' });
    rejectProblems(problems);
    const row = await this.db.transaction().execute(async (trx) => {
      if (input.employeeId !== undefined) {
        const e = await trx.selectFrom('employees').select('id').where('id', '=', input.employeeId).where('company_id', '=', companyId).executeTakeFirst();
        if (!e) rejectProblems([{ path: 'body.employeeId', code: 'UNKNOWN_EMPLOYEE', message: `employee ${input.employeeId} is not an employee of company ${companyId}` }]);
      } else {
        const d = await trx.selectFrom('departments').select('id').where('id', '=', input.departmentId!).where('company_id', '=', companyId).executeTakeFirst();
        if (!d) rejectProblems([{ path: 'body.departmentId', code: 'UNKNOWN_DEPARTMENT', message: `department ${input.departmentId} is not a department of company ${companyId}` }]);
      }
      // One target (employee or department) belongs to one group at a time.
      let clash = trx
        .selectFrom('group_members')
        .innerJoin('attendance_groups', 'attendance_groups.id', 'group_members.group_id')
        .select(['group_members.id', 'group_members.group_id'])
        .where('group_members.company_id', '=', companyId)
        .where('attendance_groups.active', '=', 1)
        .where((eb) => eb.or([eb('group_members.effective_to', 'is', null), eb('group_members.effective_to', '>=', input.effectiveFrom)]));
      if (effectiveTo !== null) clash = clash.where('group_members.effective_from', '<=', effectiveTo);
      clash = input.employeeId !== undefined ? clash.where('group_members.employee_id', '=', input.employeeId) : clash.where('group_members.department_id', '=', input.departmentId!);
      const hit = await clash.executeTakeFirst();
      if (hit) throw conflict('MEMBERSHIP_OVERLAP', `membership ${hit.id} (group ${hit.group_id}) already covers part of these dates`, { memberId: hit.id, groupId: hit.group_id });
      const r = await trx
        .insertInto('group_members')
        .values({ company_id: companyId, group_id: groupId, department_id: input.departmentId ?? null, employee_id: input.employeeId ?? null, effective_from: input.effectiveFrom, effective_to: effectiveTo, created_at_ms: this.now() })
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'group_member.create', entity: 'group_member', entityId: r.id, companyId, after: memberDto(r) });
      return r;
    });
    await this.emit(row, group.time_zone, row.effective_from, row.effective_to, 'group_member.create');
    return memberDto(row);
  }

  /** Ends (or moves the end of) a membership; the end date is inclusive. */
  async end(actor: Actor, groupId: number, memberId: number, effectiveTo: string) {
    const group = await this.groups.writable(actor, groupId);
    const before = await this.db.selectFrom('group_members').selectAll().where('id', '=', memberId).where('group_id', '=', groupId).executeTakeFirst();
    if (!before) throw notFound('group_member', memberId);
    if (!isRealDate(effectiveTo)) rejectProblems([{ path: 'body.effectiveTo', code: 'INVALID_DATE', message: `'${effectiveTo}' is not a real date` }]);
    if (effectiveTo < before.effective_from) rejectProblems([{ path: 'body.effectiveTo', code: 'DATE_ORDER', message: `effectiveTo is before effectiveFrom ${before.effective_from}` }]);
    const row = await this.db.transaction().execute(async (trx) => {
      const r = await trx.updateTable('group_members').set({ effective_to: effectiveTo }).where('id', '=', memberId).returningAll().executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'group_member.end', entity: 'group_member', entityId: memberId, companyId: r.company_id, before: memberDto(before), after: memberDto(r) });
      return r;
    });
    // The dates between the old and the new end changed hands.
    const today = localDate(this.now(), group.time_zone ?? 'Asia/Shanghai');
    const oldEnd = before.effective_to ?? today;
    const lo = effectiveTo < oldEnd ? effectiveTo : oldEnd;
    const hi = effectiveTo < oldEnd ? oldEnd : effectiveTo;
    await this.emit(row, group.time_zone, addDays(lo, 1), hi, 'group_member.end');
    return memberDto(row);
  }

  /** Announces the dates (clipped to today: later dates have no results yet) whose group changed. */
  private async emit(m: Row<'group_members'>, zone: string | null, fromDate: string, toDate: string | null, reason: string) {
    const today = localDate(this.now(), zone ?? 'Asia/Shanghai');
    const to = toDate === null || toDate > today ? today : toDate;
    if (fromDate > to) return;
    let employeeIds: number[];
    if (m.employee_id !== null) {
      employeeIds = [m.employee_id];
    } else {
      const nodes = await this.db.selectFrom('departments').select(['id', 'parent_id', 'name', 'code', 'active']).where('company_id', '=', m.company_id).execute();
      const subtree = new DepartmentTree(nodes).subtree(m.department_id!);
      employeeIds = (await this.db.selectFrom('employees').select('id').where('company_id', '=', m.company_id).where('department_id', 'in', subtree).execute()).map((e) => e.id);
    }
    if (employeeIds.length) await this.events.emit('attendance.inputs_changed', { companyId: m.company_id, employeeIds, fromDate, toDate: to, reason });
  }
}
