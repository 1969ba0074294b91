/**
 * Turns the caller's role (AccessPolicy.employeeScope) and the request's department / employee
 * filters into one ScopeFilter for the attendance queries. A filter can only narrow the role's
 * scope, never widen it; an out-of-scope employee yields an empty scope, not an error.
 */
import type { AccessPolicy } from '../auth/access.js';
import type { Actor } from '../auth/actor.js';
import type { DaysRepo, ScopeFilter } from './days.repo.js';

/** A department with every department below it. */
export function subtreeOf(departments: { id: number; parent_id: number | null }[], rootId: number): number[] {
  const children = new Map<number, number[]>();
  for (const d of departments) {
    if (d.parent_id === null) continue;
    const list = children.get(d.parent_id) ?? [];
    list.push(d.id);
    children.set(d.parent_id, list);
  }
  const out = new Set<number>();
  const stack = departments.some((d) => d.id === rootId) ? [rootId] : [];
  while (stack.length) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return [...out];
}

export async function resolveScope(
  access: AccessPolicy,
  days: DaysRepo,
  actor: Actor,
  companyId: number,
  filters: { departmentId?: number; employeeId?: number; employeeIds?: number[] },
): Promise<ScopeFilter> {
  access.assertCompany(actor, companyId, 'read');
  const role = await access.employeeScope(actor, companyId);
  let scope: ScopeFilter =
    role.kind === 'all'
      ? { kind: 'all' }
      : role.kind === 'self'
        ? { kind: 'employees', employeeIds: [role.employeeId] }
        : role.kind === 'departments'
          ? { kind: 'departments', departmentIds: role.departmentIds, alsoEmployeeId: role.selfEmployeeId }
          : { kind: 'employees', employeeIds: [] };
  if (filters.departmentId !== undefined) {
    const wanted = subtreeOf(await days.departments(companyId), filters.departmentId);
    if (scope.kind === 'all') scope = { kind: 'departments', departmentIds: wanted, alsoEmployeeId: null };
    else if (scope.kind === 'departments') {
      const allowed = new Set(scope.departmentIds);
      scope = { kind: 'departments', departmentIds: wanted.filter((d) => allowed.has(d)), alsoEmployeeId: null };
    } else {
      const ids = scope.employeeIds;
      const inDept = await Promise.all(ids.map((id) => days.employee(companyId, id)));
      scope = { kind: 'employees', employeeIds: inDept.filter((e) => e && e.department_id !== null && wanted.includes(e.department_id)).map((e) => e!.id) };
    }
  }
  const picked = filters.employeeId !== undefined ? [filters.employeeId] : filters.employeeIds;
  if (picked) {
    const visible: number[] = [];
    for (const id of picked) {
      const e = await days.employee(companyId, id);
      if (e && inScope(scope, e)) visible.push(id);
    }
    scope = { kind: 'employees', employeeIds: visible };
  }
  return scope;
}

export function inScope(scope: ScopeFilter, e: { id: number; department_id: number | null }): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'employees') return scope.employeeIds.includes(e.id);
  return e.id === scope.alsoEmployeeId || (e.department_id !== null && scope.departmentIds.includes(e.department_id));
}
