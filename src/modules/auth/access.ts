/**
 * Who may see and change what. Every service asks this before it reads or writes,
 * so the HTTP layer, the CLI and exports all get the same answer.
 *
 * - admin: everything, every company.
 * - hr: every employee of their companies; may change setup data there.
 * - manager: read-only over the department subtrees they manage (and themselves).
 * - employee: themselves only.
 * API tokens act as their owner, narrowed by scopes.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError, forbidden } from '../../shared/errors.js';
import type { Actor, Role, Scope } from './actor.js';

export type EmployeeScope =
  | { kind: 'all' }
  | { kind: 'departments'; departmentIds: number[]; selfEmployeeId: number | null }
  | { kind: 'self'; employeeId: number }
  | { kind: 'none' };

export type Need = 'read' | 'write' | 'admin' | 'checkins:write';

export class AccessPolicy {
  constructor(private readonly db: Kysely<DB>) {}

  /** Token scopes: reading needs read (or write), writing needs write, admin endpoints need admin. */
  assertScope(actor: Actor, need: Need): void {
    if (actor.kind !== 'token' || !actor.scopes) return;
    const has = (s: Scope) => actor.scopes!.includes(s);
    const ok =
      need === 'read'
        ? has('read') || has('write') || has('admin')
        : need === 'write'
          ? has('write') || has('admin')
          : need === 'admin'
            ? has('admin')
            : has('checkins:write') || has('write') || has('admin');
    if (!ok) throw new AppError('TOKEN_SCOPE', `This API token lacks the '${need}' scope`, 403);
  }

  assertRole(actor: Actor, roles: Role[], need: Need = 'write'): void {
    this.assertScope(actor, need);
    if (!roles.includes(actor.role)) throw forbidden(`Only ${roles.join(' or ')} may do this`);
  }

  /** Company ids the actor may see; null means every company (admin). */
  companyFilter(actor: Actor): number[] | null {
    return actor.role === 'admin' ? null : actor.companyIds;
  }

  canSeeCompany(actor: Actor, companyId: number): boolean {
    return actor.role === 'admin' || actor.companyIds.includes(companyId);
  }

  assertCompany(actor: Actor, companyId: number, need: Need = 'read', roles?: Role[]): void {
    this.assertScope(actor, need);
    // Hiding the existence of other companies: the answer is the same as for a missing one.
    if (!this.canSeeCompany(actor, companyId)) throw new AppError('NOT_FOUND', `company ${companyId} does not exist`, 404);
    const writers = roles ?? ['admin', 'hr'];
    if (need !== 'read' && !writers.includes(actor.role)) throw forbidden(`Only ${writers.join(' or ')} may change this`);
  }

  /** Which employees of a company the actor may see. */
  async employeeScope(actor: Actor, companyId: number): Promise<EmployeeScope> {
    if (!this.canSeeCompany(actor, companyId)) return { kind: 'none' };
    if (actor.role === 'admin' || actor.role === 'hr') return { kind: 'all' };
    if (actor.employeeId === null) return { kind: 'none' };
    if (actor.role === 'employee') return { kind: 'self', employeeId: actor.employeeId };
    const departmentIds = await this.managedSubtree(companyId, actor.employeeId);
    return { kind: 'departments', departmentIds, selfEmployeeId: actor.employeeId };
  }

  async assertEmployee(actor: Actor, employee: { id: number; company_id: number; department_id: number | null }): Promise<void> {
    const scope = await this.employeeScope(actor, employee.company_id);
    if (!scopeIncludes(scope, employee)) throw new AppError('NOT_FOUND', `employee ${employee.id} does not exist`, 404);
  }

  /** Departments managed by the employee, with every department below them. */
  async managedSubtree(companyId: number, employeeId: number): Promise<number[]> {
    const departments = await this.db
      .selectFrom('departments')
      .select(['id', 'parent_id', 'manager_employee_id'])
      .where('company_id', '=', companyId)
      .execute();
    const children = new Map<number, number[]>();
    for (const d of departments) {
      if (d.parent_id === null) continue;
      const list = children.get(d.parent_id) ?? [];
      list.push(d.id);
      children.set(d.parent_id, list);
    }
    const out = new Set<number>();
    const stack = departments.filter((d) => d.manager_employee_id === employeeId).map((d) => d.id);
    while (stack.length) {
      const id = stack.pop()!;
      if (out.has(id)) continue;
      out.add(id);
      stack.push(...(children.get(id) ?? []));
    }
    return [...out];
  }
}

export function scopeIncludes(scope: EmployeeScope, e: { id: number; department_id: number | null }): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'self':
      return e.id === scope.employeeId;
    case 'departments':
      return e.id === scope.selfEmployeeId || (e.department_id !== null && scope.departmentIds.includes(e.department_id));
  }
}
