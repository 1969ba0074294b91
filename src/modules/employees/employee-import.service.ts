/**
 * Bulk import of employees from CSV/XLSX: a dry run reports what would happen; a real run
 * applies everything in one transaction or, if any row has a problem, nothing at all.
 */
import { sql, type Kysely } from 'kysely';
import type { DB, Row } from '../../db/schema.js';
import { AppError } from '../../shared/errors.js';
import type { DomainEvents } from '../../shared/events.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import type { AccessPolicy } from '../auth/access.js';
import type { Actor } from '../auth/actor.js';
import { DepartmentTree } from '../departments/department-tree.js';
import type { DepartmentsService } from '../departments/departments.service.js';
import { employeeDto } from './employees.repo.js';
import { emitZoneChanged } from './employees.service.js';
import { planImport, type ImportContext, type ImportPlan, type PlannedRow } from './employee-import.plan.js';
import type { ImportBodyT } from './employees.schemas.js';
import { readTabularFile } from './tabular-file.js';
import { employeeChanged, employeeCreated } from './employee-events.js';
import type { Outbox } from '../outbox/outbox.js';

export const MAX_IMPORT_ROWS = 50_000;
const CHUNK = 200;

export class EmployeeImportService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly access: AccessPolicy,
    private readonly audit: AuditRepo,
    private readonly departments: DepartmentsService,
    private readonly now: () => number = Date.now,
    private readonly events: DomainEvents | null = null,
    private readonly outbox: Outbox | null = null,
  ) {}

  async run(actor: Actor, companyId: number, body: ImportBodyT, dryRun: boolean) {
    this.access.assertCompany(actor, companyId, 'write');
    const b64 = body.contentBase64.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) throw new AppError('INVALID_BASE64', 'contentBase64 is not base64', 400, { field: 'body.contentBase64' });
    const file = await readTabularFile(body.filename, Buffer.from(b64, 'base64'), { maxRows: MAX_IMPORT_ROWS });
    const options = { createDepartments: body.createDepartments === true };
    if (dryRun) return summary(planImport(file, await loadContext(this.db, companyId), options), true, { created: 0, updated: 0 });
    // Planning inside the transaction means the plan is applied to exactly the data it was made from.
    const { result, zoneChanged, announced } = await this.db.transaction().execute(async (trx) => {
      const ctx = await loadContext(trx, companyId);
      const plan = planImport(file, ctx, options);
      if (plan.problems.length) {
        throw new AppError('IMPORT_INVALID', `${plan.problems.length} problems in the file; nothing was imported`, 400, { problems: plan.problems });
      }
      const { announced, ...counts } = await this.apply(trx, actor, companyId, plan, ctx);
      await this.audit.record(trx, actor, {
        action: 'employee.import',
        entity: 'company',
        entityId: companyId,
        companyId,
        after: { filename: body.filename, createDepartments: options.createDepartments, total: plan.total, ...counts, departmentsCreated: plan.departmentsToCreate },
      });
      const zoneChanged = plan.rows.filter((r) => r.changed && r.existing && r.values.timeZone !== undefined && r.values.timeZone !== r.existing.time_zone).map((r) => r.existing!.id);
      return { result: summary(plan, false, counts), zoneChanged, announced };
    });
    if (announced) this.outbox!.kick();
    await emitZoneChanged(this.db, this.events, companyId, zoneChanged, this.now());
    return result;
  }

  private async apply(trx: Kysely<DB>, actor: Actor, companyId: number, plan: ImportPlan, ctx: ImportContext) {
    const now = this.now();
    const deptIds = new Map<string, number>();
    const tree = new DepartmentTree(await trx.selectFrom('departments').select(['id', 'parent_id', 'name', 'code', 'active']).where('company_id', '=', companyId).execute());
    for (const path of plan.departmentsToCreate) {
      const segments = path.split('/');
      const parentPath = segments.slice(0, -1).join('/');
      const parentId = segments.length === 1 ? null : (deptIds.get(parentPath) ?? tree.findPath(segments.slice(0, -1))!.id);
      const row = await this.departments.insert(trx, actor, { companyId, parentId, name: segments[segments.length - 1], code: null, managerEmployeeId: null });
      deptIds.set(path, row.id);
    }
    const deptOf = (r: PlannedRow) => (r.department === undefined ? undefined : r.department === null ? null : 'id' in r.department ? r.department.id : deptIds.get(r.department.path)!);

    const changed = plan.rows.filter((r) => r.changed);
    const ids = new Map<string, number>([...ctx.existing].map(([job, e]) => [job, e.id]));
    const managerIdOf = (r: PlannedRow) => (r.managerJobNumber ? (ids.get(r.managerJobNumber) ?? null) : null);
    const fresh = changed.filter((r) => !r.existing);
    for (let i = 0; i < fresh.length; i += CHUNK) {
      const inserted = await trx
        .insertInto('employees')
        .values(
          fresh.slice(i, i + CHUNK).map((r) => ({
            company_id: companyId,
            job_number: r.jobNumber,
            name: r.values.name!,
            email: r.values.email ?? null,
            mobile: r.values.mobile ?? null,
            department_id: deptOf(r) ?? null,
            manager_id: managerIdOf(r),
            site_id: r.values.siteId ?? null,
            time_zone: r.values.timeZone ?? null,
            hire_date: r.values.hireDate ?? null,
            leave_date: r.values.leaveDate ?? null,
            status: r.values.status ?? 'active',
            created_at_ms: now,
            updated_at_ms: now,
          })),
        )
        .returning(['id', 'job_number'])
        .execute();
      for (const e of inserted) ids.set(e.job_number, e.id);
    }
    // A new row may name a manager this same file creates further down: link those now that every id is known.
    const late = fresh.filter((r) => r.managerJobNumber && !ctx.existing.has(r.managerJobNumber)).map((r) => ({ id: ids.get(r.jobNumber)!, managerId: ids.get(r.managerJobNumber!)! }));
    for (let i = 0; i < late.length; i += CHUNK) {
      const part = late.slice(i, i + CHUNK);
      const managerCase = sql<number>`case ${sql.join(part.map((p) => sql`when id = ${p.id} then cast(${p.managerId} as bigint)`), sql` `)} end`;
      await trx.updateTable('employees').set({ manager_id: managerCase }).where('id', 'in', part.map((p) => p.id)).execute();
    }
    for (const r of changed) {
      if (!r.existing) continue;
      const set: Partial<Row<'employees'>> = {};
      if (r.managerJobNumber !== undefined) set.manager_id = managerIdOf(r);
      const dept = deptOf(r);
      if (dept !== undefined) set.department_id = dept;
      for (const [k, col] of [['name', 'name'], ['email', 'email'], ['mobile', 'mobile'], ['siteId', 'site_id'], ['timeZone', 'time_zone'], ['hireDate', 'hire_date'], ['leaveDate', 'leave_date'], ['status', 'status']] as const) {
        if (r.values[k] !== undefined) (set as Record<string, unknown>)[col] = r.values[k];
      }
      await trx.updateTable('employees').set({ ...set, updated_at_ms: now }).where('id', '=', r.existing.id).execute();
    }
    const announced = await this.auditRows(trx, actor, companyId, changed.map((r) => ({ id: ids.get(r.jobNumber)!, before: r.existing })));
    return { created: fresh.length, updated: changed.length - fresh.length, announced };
  }

  /** One audit row per created or updated employee, with the state before and after; their events in batches. */
  private async auditRows(trx: Kysely<DB>, actor: Actor, companyId: number, changes: { id: number; before: Row<'employees'> | undefined }[]): Promise<number> {
    let announced = 0;
    for (let i = 0; i < changes.length; i += CHUNK) {
      const part = changes.slice(i, i + CHUNK);
      const after = new Map((await trx.selectFrom('employees').selectAll().where('id', 'in', part.map((c) => c.id)).execute()).map((e) => [e.id, e]));
      await this.audit.recordMany(
        trx,
        actor,
        part.map((c) => ({
          action: c.before ? 'employee.update' : 'employee.create',
          entity: 'employee',
          entityId: c.id,
          companyId,
          ...(c.before ? { before: employeeDto(c.before) } : {}),
          after: { ...employeeDto(after.get(c.id)!), via: 'import' },
        })),
      );
      if (this.outbox) {
        const now = this.now();
        const events = part.flatMap((c) => (c.before ? employeeChanged(c.before, after.get(c.id)!, now) : [employeeCreated(after.get(c.id)!, now)]));
        announced += (await this.outbox.append(trx, events)).filter((id) => id !== null).length;
      }
    }
    return announced;
  }
}

export async function loadContext(db: Kysely<DB>, companyId: number): Promise<ImportContext> {
  const [employees, departments, sites] = await Promise.all([
    db.selectFrom('employees').selectAll().where('company_id', '=', companyId).execute(),
    db.selectFrom('departments').select(['id', 'parent_id', 'name', 'code', 'active']).where('company_id', '=', companyId).execute(),
    db.selectFrom('sites').select(['id', 'name']).where('company_id', '=', companyId).where('active', '=', 1).orderBy('id').execute(),
  ]);
  const siteByName = new Map<string, number>();
  for (const s of sites) if (!siteByName.has(s.name)) siteByName.set(s.name, s.id);
  return {
    existing: new Map(employees.map((e) => [e.job_number, e])),
    jobById: new Map(employees.map((e) => [e.id, e.job_number])),
    tree: new DepartmentTree(departments),
    sites: siteByName,
  };
}

function summary(plan: ImportPlan, dryRun: boolean, applied: { created: number; updated: number }) {
  const created = dryRun ? plan.rows.filter((r) => r.changed && !r.existing).length : applied.created;
  const updated = dryRun ? plan.rows.filter((r) => r.changed && r.existing).length : applied.updated;
  return {
    dryRun,
    total: plan.total,
    valid: plan.rows.length,
    created,
    updated,
    unchanged: plan.rows.length - created - updated,
    departmentsToCreate: plan.departmentsToCreate,
    problems: plan.problems,
  };
}
