/** Membership queries shared by the group, roster and request services and by results. */
import type { Kysely } from 'kysely';
import type { DB, Row } from '../../db/schema.js';
import { resolveMemberships, type GroupRange, type Membership } from './group-resolution.js';

export function membershipOf(r: Row<'group_members'>): Membership {
  return { id: r.id, groupId: r.group_id, departmentId: r.department_id, employeeId: r.employee_id, effectiveFrom: r.effective_from, effectiveTo: r.effective_to };
}

/**
 * Per employee, the date ranges (inclusive, within fromDate…toDate) and the attendance group that
 * applies on them. Dates without a group are absent. Inactive groups count as no group.
 */
export async function resolveGroups(db: Kysely<DB>, companyId: number, employeeIds: number[], fromDate: string, toDate: string): Promise<Map<number, GroupRange[]>> {
  if (!employeeIds.length) return new Map();
  const [employees, departments, members] = await Promise.all([
    db.selectFrom('employees').select(['id', 'department_id']).where('company_id', '=', companyId).where('id', 'in', employeeIds).execute(),
    db.selectFrom('departments').select(['id', 'parent_id']).where('company_id', '=', companyId).execute(),
    db
      .selectFrom('group_members')
      .innerJoin('attendance_groups', 'attendance_groups.id', 'group_members.group_id')
      .selectAll('group_members')
      .where('group_members.company_id', '=', companyId)
      .where('attendance_groups.active', '=', 1)
      .where('group_members.effective_from', '<=', toDate)
      .where((eb) => eb.or([eb('group_members.effective_to', 'is', null), eb('group_members.effective_to', '>=', fromDate)]))
      .execute(),
  ]);
  return resolveMemberships(
    employees.map((e) => ({ id: e.id, departmentId: e.department_id })),
    departments.map((d) => ({ id: d.id, parentId: d.parent_id })),
    members.map(membershipOf),
    fromDate,
    toDate,
  );
}
