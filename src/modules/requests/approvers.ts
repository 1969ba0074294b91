/** Who may decide an employee's requests, besides HR and admins of the company. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { DepartmentTree } from '../departments/department-tree.js';

/**
 * The employee ids `managerEmployeeId` manages: everyone in the departments they manage and below
 * (the department manager of an employee's department or of an ancestor), plus direct reports
 * through employees.manager_id. Never includes the manager.
 */
export async function managedEmployeeIds(db: Kysely<DB>, companyId: number, managerEmployeeId: number): Promise<number[]> {
  const departments = await db.selectFrom('departments').select(['id', 'parent_id', 'name', 'code', 'active', 'manager_employee_id']).where('company_id', '=', companyId).execute();
  const tree = new DepartmentTree(departments);
  const deptIds = new Set<number>();
  for (const d of departments) if (d.manager_employee_id === managerEmployeeId) for (const id of tree.subtree(d.id)) deptIds.add(id);
  let q = db.selectFrom('employees').select('id').where('company_id', '=', companyId);
  q = q.where((eb) => eb.or([eb('manager_id', '=', managerEmployeeId), ...(deptIds.size ? [eb('department_id', 'in', [...deptIds])] : [])]));
  return (await q.execute()).map((r) => r.id).filter((id) => id !== managerEmployeeId);
}

/**
 * Who may decide this employee's requests now, as employees: the direct manager and the managers
 * of the employee's department and its ancestors (HR and admins decide too, as users). Never the
 * employee.
 */
export async function approverEmployeeIds(db: Kysely<DB>, companyId: number, employeeId: number): Promise<number[]> {
  const e = await db.selectFrom('employees').select(['manager_id', 'department_id']).where('id', '=', employeeId).where('company_id', '=', companyId).executeTakeFirst();
  if (!e) return [];
  const out = new Set<number>();
  if (e.manager_id !== null) out.add(e.manager_id);
  if (e.department_id !== null) {
    const departments = await db.selectFrom('departments').select(['id', 'parent_id', 'manager_employee_id']).where('company_id', '=', companyId).execute();
    const byId = new Map(departments.map((d) => [d.id, d]));
    const seen = new Set<number>();
    // Up the tree; `seen` ends the walk even if a corrupt tree has a cycle.
    for (let d = byId.get(e.department_id); d && !seen.has(d.id); d = d.parent_id === null ? undefined : byId.get(d.parent_id)) {
      seen.add(d.id);
      if (d.manager_employee_id !== null) out.add(d.manager_employee_id);
    }
  }
  out.delete(employeeId);
  return [...out].sort((a, b) => a - b);
}
