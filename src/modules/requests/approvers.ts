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
