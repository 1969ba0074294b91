/** Employee queries shared by the employee service and the import. */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { DB, Row } from '../../db/schema.js';
import type { EmployeeScope } from '../auth/access.js';
import { countRows } from '../../db/count.js';
import type { EmployeeRef } from '../outbox/event-payloads.js';

export function employeeDto(r: Row<'employees'>) {
  return {
    id: r.id,
    companyId: r.company_id,
    jobNumber: r.job_number,
    name: r.name,
    email: r.email,
    mobile: r.mobile,
    departmentId: r.department_id,
    managerId: r.manager_id,
    siteId: r.site_id,
    timeZone: r.time_zone,
    hireDate: r.hire_date,
    leaveDate: r.leave_date,
    workStartDate: r.work_start_date ?? null,
    status: r.status,
  };
}
export type EmployeeDto = ReturnType<typeof employeeDto>;

export interface EmployeeFilter {
  /** Per company, which employees the actor may see; null means every company, unrestricted (admin). */
  scopes: { companyId: number; scope: EmployeeScope }[] | null;
  departmentIds?: number[];
  q?: string;
  status?: 'active' | 'inactive';
  limit: number;
  offset: number;
}

/** `%` and `_` typed by a person are literal characters, not wildcards. */
const likePattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function scopeCondition(eb: ExpressionBuilder<DB, 'employees'>, companyId: number, scope: EmployeeScope): Expression<SqlBool> {
  const inCompany = eb('company_id', '=', companyId);
  switch (scope.kind) {
    case 'all':
      return inCompany;
    case 'none':
      return eb.lit(false);
    case 'self':
      return eb.and([inCompany, eb('id', '=', scope.employeeId)]);
    case 'departments': {
      const parts: Expression<SqlBool>[] = [];
      if (scope.selfEmployeeId !== null) parts.push(eb('id', '=', scope.selfEmployeeId));
      if (scope.departmentIds.length) parts.push(eb('department_id', 'in', scope.departmentIds));
      return parts.length ? eb.and([inCompany, eb.or(parts)]) : eb.lit(false);
    }
  }
}

export async function listEmployees(db: Kysely<DB>, f: EmployeeFilter): Promise<{ rows: Row<'employees'>[]; total: number }> {
  let base = db.selectFrom('employees');
  if (f.scopes) {
    const scopes = f.scopes;
    base = base.where((eb) => (scopes.length ? eb.or(scopes.map((s) => scopeCondition(eb, s.companyId, s.scope))) : eb.lit(false)));
  }
  if (f.departmentIds) base = base.where('department_id', 'in', f.departmentIds.length ? f.departmentIds : [-1]);
  if (f.status) base = base.where('status', '=', f.status);
  if (f.q && f.q.trim()) {
    const pattern = likePattern(f.q.trim());
    base = base.where((eb) =>
      eb.or(
        (['job_number', 'name', 'email', 'mobile'] as const).map((c) => sql<SqlBool>`lower(${sql.ref(c)}) like ${pattern} escape '\\'`),
      ),
    );
  }
  const [rows, total] = await Promise.all([
    base.selectAll().orderBy('company_id').orderBy('job_number').orderBy('id').limit(f.limit).offset(f.offset).execute(),
    countRows(base),
  ]);
  return { rows, total };
}

export async function findEmployee(db: Kysely<DB>, id: number) {
  return db.selectFrom('employees').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Walks the manager chain up from `managerId`; true if it reaches `selfId` (a loop). */
export async function managerChainReaches(db: Kysely<DB>, managerId: number, selfId: number): Promise<boolean> {
  const seen = new Set<number>();
  let cur: number | null = managerId;
  while (cur !== null && !seen.has(cur)) {
    if (cur === selfId) return true;
    seen.add(cur);
    const row: { manager_id: number | null } | undefined = await db.selectFrom('employees').select('manager_id').where('id', '=', cur).executeTakeFirst();
    cur = row?.manager_id ?? null;
  }
  return false;
}

/** Who an event is about: id, job number, name and department of each employee (500 ids a query). */
export async function employeeRefs(db: Kysely<DB>, companyId: number, ids: Iterable<number>): Promise<Map<number, EmployeeRef>> {
  const all = [...new Set(ids)];
  const out = new Map<number, EmployeeRef>();
  for (let i = 0; i < all.length; i += 500) {
    const rows = await db.selectFrom('employees').select(['id', 'job_number', 'name', 'department_id']).where('company_id', '=', companyId).where('id', 'in', all.slice(i, i + 500)).execute();
    for (const r of rows) out.set(r.id, employeeRef(r));
  }
  return out;
}

export function employeeRef(r: Pick<Row<'employees'>, 'id' | 'job_number' | 'name' | 'department_id'>): EmployeeRef {
  return { employeeId: r.id, employeeNo: r.job_number, name: r.name, departmentId: r.department_id };
}
