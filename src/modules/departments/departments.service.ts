import type { Kysely } from 'kysely';
import type { DB, Row } from '../../db/schema.js';
import { paged, pageOf } from '../../http/paging.js';
import { conflict, notFound } from '../../shared/errors.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import type { AccessPolicy } from '../auth/access.js';
import type { Actor } from '../auth/actor.js';
import { rejectProblems, type CodedProblem } from '../employees/field-rules.js';
import { DepartmentTree } from './department-tree.js';
import type { DepartmentCreateT, DepartmentPatchT, DepartmentQueryT } from './departments.schemas.js';
import { countRows } from '../../db/count.js';

export function departmentDto(r: Row<'departments'>) {
  return {
    id: r.id,
    companyId: r.company_id,
    parentId: r.parent_id,
    name: r.name,
    code: r.code,
    managerEmployeeId: r.manager_employee_id,
    active: r.active === 1,
  };
}

export class DepartmentsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly access: AccessPolicy,
    private readonly audit: AuditRepo,
    private readonly now: () => number = Date.now,
  ) {}

  async list(actor: Actor, q: DepartmentQueryT) {
    this.access.assertScope(actor, 'read');
    if (q.companyId !== undefined) this.access.assertCompany(actor, q.companyId);
    const companies = q.companyId !== undefined ? [q.companyId] : this.access.companyFilter(actor);
    let base = this.db.selectFrom('departments');
    if (companies) base = base.where('company_id', 'in', companies.length ? companies : [-1]);
    if (actor.role === 'manager' || actor.role === 'employee') {
      const ids: number[] = [];
      for (const c of companies ?? []) ids.push(...(await this.visibleIds(actor, c)));
      base = base.where('id', 'in', ids.length ? ids : [-1]);
    }
    if (q.active !== undefined) base = base.where('active', '=', q.active ? 1 : 0);
    const p = pageOf(q);
    const [rows, total] = await Promise.all([
      base.selectAll().orderBy('company_id').orderBy('id').limit(p.limit).offset(p.offset).execute(),
      countRows(base),
    ]);
    return paged(rows.map(departmentDto), total, p);
  }

  async get(actor: Actor, id: number) {
    this.access.assertScope(actor, 'read');
    const row = await this.db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();
    // Departments outside what the actor may see answer like missing ones.
    if (!row || !this.access.canSeeCompany(actor, row.company_id)) throw notFound('department', id);
    if (actor.role === 'manager' || actor.role === 'employee') {
      if (!(await this.visibleIds(actor, row.company_id)).includes(id)) throw notFound('department', id);
    }
    return departmentDto(row);
  }

  async create(actor: Actor, input: DepartmentCreateT) {
    this.access.assertCompany(actor, input.companyId, 'write');
    return this.db.transaction().execute(async (trx) => {
      const parentId = input.parentId ?? null;
      await this.checkRefs(trx, input.companyId, { parentId: input.parentId, managerEmployeeId: input.managerEmployeeId }, null);
      await this.checkUnique(trx, input.companyId, parentId, input.name, input.code ?? null, null);
      return departmentDto(await this.insert(trx, actor, { companyId: input.companyId, parentId, name: input.name, code: input.code ?? null, managerEmployeeId: input.managerEmployeeId ?? null }));
    });
  }

  /** Inserts one department with its audit row; the caller has checked access and references. */
  async insert(trx: Kysely<DB>, actor: Actor, v: { companyId: number; parentId: number | null; name: string; code: string | null; managerEmployeeId: number | null }) {
    const now = this.now();
    const row = await trx
      .insertInto('departments')
      .values({ company_id: v.companyId, parent_id: v.parentId, name: v.name, code: v.code, manager_employee_id: v.managerEmployeeId, active: 1, created_at_ms: now, updated_at_ms: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await this.audit.record(trx, actor, { action: 'department.create', entity: 'department', entityId: row.id, companyId: row.company_id, after: departmentDto(row) });
    return row;
  }

  async update(actor: Actor, id: number, patch: DepartmentPatchT) {
    const current = await this.writable(actor, id);
    return this.db.transaction().execute(async (trx) => {
      const before = await this.row(trx, id);
      await this.checkRefs(trx, before.company_id, patch, id);
      const parentId = patch.parentId !== undefined ? patch.parentId : before.parent_id;
      const name = patch.name ?? before.name;
      const code = patch.code !== undefined ? patch.code : before.code;
      if (before.active === 1) await this.checkUnique(trx, before.company_id, parentId, name, code, id);
      const row = await trx
        .updateTable('departments')
        .set({
          parent_id: parentId,
          name,
          code,
          ...(patch.managerEmployeeId !== undefined ? { manager_employee_id: patch.managerEmployeeId } : {}),
          updated_at_ms: this.now(),
        })
        .where('id', '=', current.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'department.update', entity: 'department', entityId: id, companyId: row.company_id, before: departmentDto(before), after: departmentDto(row) });
      return departmentDto(row);
    });
  }

  async deactivate(actor: Actor, id: number) {
    await this.writable(actor, id);
    return this.db.transaction().execute(async (trx) => {
      const before = await this.row(trx, id);
      const children = await trx.selectFrom('departments').select((eb) => eb.fn.countAll<number>().as('n')).where('parent_id', '=', id).where('active', '=', 1).executeTakeFirstOrThrow();
      const staff = await trx.selectFrom('employees').select((eb) => eb.fn.countAll<number>().as('n')).where('department_id', '=', id).where('status', '=', 'active').executeTakeFirstOrThrow();
      const activeChildren = Number(children.n);
      const activeEmployees = Number(staff.n);
      if (activeChildren > 0 || activeEmployees > 0) {
        throw conflict('DEPARTMENT_NOT_EMPTY', `Department ${id} still has ${activeChildren} active sub-departments and ${activeEmployees} active employees`, { activeChildren, activeEmployees });
      }
      const row = await trx.updateTable('departments').set({ active: 0, updated_at_ms: this.now() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'department.deactivate', entity: 'department', entityId: id, companyId: row.company_id, before: departmentDto(before), after: departmentDto(row) });
      return departmentDto(row);
    });
  }

  /** Departments of a company the actor may see (managers: their subtrees; employees: their own). */
  private async visibleIds(actor: Actor, companyId: number): Promise<number[]> {
    const scope = await this.access.employeeScope(actor, companyId);
    if (scope.kind === 'all') {
      return (await this.db.selectFrom('departments').select('id').where('company_id', '=', companyId).execute()).map((r) => r.id);
    }
    if (scope.kind === 'departments') return scope.departmentIds;
    if (scope.kind === 'self') {
      const me = await this.db.selectFrom('employees').select('department_id').where('id', '=', scope.employeeId).where('company_id', '=', companyId).executeTakeFirst();
      return me?.department_id != null ? [me.department_id] : [];
    }
    return [];
  }

  private async writable(actor: Actor, id: number) {
    const row = await this.db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || !this.access.canSeeCompany(actor, row.company_id)) throw notFound('department', id);
    this.access.assertCompany(actor, row.company_id, 'write');
    return row;
  }

  private async checkRefs(trx: Kysely<DB>, companyId: number, v: { parentId?: number | null; managerEmployeeId?: number | null }, selfId: number | null) {
    const problems: CodedProblem[] = [];
    if (v.parentId != null) {
      const parent = await trx.selectFrom('departments').select(['id', 'active']).where('id', '=', v.parentId).where('company_id', '=', companyId).executeTakeFirst();
      if (!parent || parent.active !== 1) {
        problems.push({ path: 'body.parentId', code: 'UNKNOWN_PARENT', message: `department ${v.parentId} is not an active department of company ${companyId}` });
      } else if (selfId !== null) {
        const tree = new DepartmentTree(await trx.selectFrom('departments').select(['id', 'parent_id', 'name', 'code', 'active']).where('company_id', '=', companyId).execute());
        if (tree.wouldCycle(selfId, v.parentId)) {
          problems.push({ path: 'body.parentId', code: 'DEPARTMENT_CYCLE', message: `department ${v.parentId} is ${selfId} itself or lies below it` });
        }
      }
    }
    if (v.managerEmployeeId != null) {
      const m = await trx.selectFrom('employees').select('id').where('id', '=', v.managerEmployeeId).where('company_id', '=', companyId).executeTakeFirst();
      if (!m) problems.push({ path: 'body.managerEmployeeId', code: 'UNKNOWN_MANAGER', message: `employee ${v.managerEmployeeId} is not an employee of company ${companyId}` });
    }
    rejectProblems(problems);
  }

  /** Codes identify a department across a company, names within a parent: imports rely on both. */
  private async checkUnique(trx: Kysely<DB>, companyId: number, parentId: number | null, name: string, code: string | null, selfId: number | null) {
    const active = trx.selectFrom('departments').select('id').where('company_id', '=', companyId).where('active', '=', 1).where('id', '!=', selfId ?? -1);
    if (code !== null && (await active.where('code', '=', code).executeTakeFirst())) {
      throw conflict('DUPLICATE_DEPARTMENT_CODE', `An active department with code '${code}' exists already`, { field: 'body.code' });
    }
    const sibling = await (parentId === null ? active.where('parent_id', 'is', null) : active.where('parent_id', '=', parentId)).where('name', '=', name).executeTakeFirst();
    if (sibling) throw conflict('DUPLICATE_DEPARTMENT_NAME', `An active department named '${name}' exists already under the same parent`, { field: 'body.name' });
  }

  private async row(db: Kysely<DB>, id: number) {
    const row = await db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('department', id);
    return row;
  }
}
