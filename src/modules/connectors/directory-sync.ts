/**
 * Directory sync: platform departments and members into Daka departments, employees and external
 * identities. Members are matched by the company's identity rules; ambiguous matches and field
 * conflicts are reported on the run, never merged. By default Daka (the HR system) owns every
 * field and the platform only fills what Daka leaves empty; `settings.fieldOwnership` hands
 * fields to the platform. Leavers are deactivated only when they carry this connector's identity.
 */
import type { DirectoryDepartment, DirectoryUser } from '../../sources/platform/neutral.js';
import { systemActor, type Actor } from '../auth/actor.js';
import { normalizeMobile } from '../employees/field-rules.js';
import type { EmployeePatchT } from '../employees/employees.schemas.js';
import { ownerOf, type OwnedField } from './connector-config.js';
import { fetchDirectory, fetchUser } from './platform-calls.js';
import { addProblem, bump, describeError, logged, type Counts, type RunOutcome, type SyncDeps, type SyncTarget } from './sync-context.js';

export interface DirectoryState {
  /** platform department id → Daka department id */
  departments: Record<string, number>;
  /** departments this connector created (it may rename, move and retire those) */
  createdDepartments: string[];
  /** active platform users at the last full listing */
  userIds: string[];
  syncedAtMs: number | null;
}

const emptyState = (): DirectoryState => ({ departments: {}, createdDepartments: [], userIds: [], syncedAtMs: null });
const safeName = (s: string) => s.replace(/\//g, '／').trim().slice(0, 100) || '-';

interface Ctx {
  deps: SyncDeps;
  target: SyncTarget;
  actor: Actor;
  counts: Counts;
  state: DirectoryState;
  /** platform user id → employee id, for this connector's identity space */
  linked: Map<string, number>;
}

export async function syncDirectory(deps: SyncDeps, target: SyncTarget): Promise<RunOutcome> {
  return logged(deps, target.row, 'directory', { scope: 'full' }, async (counts) => {
    const ctx = await context(deps, target, counts);
    const dir = await fetchDirectory(target.pc, target.settings);
    counts.platformDepartments = dir.departments.length;
    counts.platformUsers = dir.users.length;
    await syncDepartments(ctx, dir.departments);
    reportMissing(ctx, dir.users);
    for (const u of dir.users) await applyUser(ctx, u);
    for (const u of dir.users) if (u.active) await applyManager(ctx, u);
    const active = new Set(dir.users.filter((u) => u.active).map((u) => u.externalId));
    // An empty listing is a permissions problem, not a company where everybody left.
    if (active.size > 0) {
      for (const [externalId, employeeId] of ctx.linked) if (!active.has(externalId)) await deactivate(ctx, externalId, employeeId);
    } else if (ctx.linked.size > 0) {
      addProblem(counts, { code: 'EMPTY_DIRECTORY', message: 'The platform listed no active members: nobody was deactivated. Check the app\'s contacts scope.' });
    }
    await retireDepartments(ctx, new Set(dir.departments.map((d) => d.externalId)));
    ctx.state.userIds = [...active].sort();
    ctx.state.syncedAtMs = deps.now();
    await deps.repo.putCursor(target.row.id, 'directory', ctx.state, deps.now());
  });
}

/** One member changed (a contact callback): fetch that member only and apply the same rules. */
export async function syncDirectoryUsers(deps: SyncDeps, target: SyncTarget, userIds: string[], left: boolean): Promise<RunOutcome> {
  return logged(deps, target.row, 'directory', { scope: 'users', userIds, left }, async (counts) => {
    const ctx = await context(deps, target, counts);
    for (const id of userIds) {
      if (left) {
        const employeeId = ctx.linked.get(id);
        if (employeeId !== undefined) await deactivate(ctx, id, employeeId);
        ctx.state.userIds = ctx.state.userIds.filter((x) => x !== id);
        continue;
      }
      const u = await fetchUser(target.pc, target.settings, id);
      reportMissing(ctx, [u]);
      await applyUser(ctx, u);
      if (u.active) await applyManager(ctx, u);
      if (u.active && !ctx.state.userIds.includes(id)) ctx.state.userIds = [...ctx.state.userIds, id].sort();
    }
    await deps.repo.putCursor(target.row.id, 'directory', ctx.state, deps.now());
  });
}

async function context(deps: SyncDeps, target: SyncTarget, counts: Counts): Promise<Ctx> {
  const state: DirectoryState = { ...emptyState(), ...((await deps.repo.getCursor<DirectoryState>(target.row.id, 'directory')) ?? {}) };
  const linked = await deps.repo.identityMap(target.row.company_id, target.provider, target.tenant);
  for (const k of ['created', 'linked', 'updated', 'unchanged', 'deactivated', 'ambiguous', 'conflicts'] as const) counts[k] = 0;
  return { deps, target, actor: systemActor(`connector:${target.row.id}`), counts, state, linked };
}

function reportMissing(ctx: Ctx, users: DirectoryUser[]) {
  const missing: Record<string, number> = (ctx.counts.missingFields as Record<string, number>) ?? {};
  for (const u of users) for (const f of u.missingFields) missing[f] = (missing[f] ?? 0) + 1;
  ctx.counts.missingFields = missing;
  const gaps = (['email', 'mobile'] as const).filter((f) => (missing[f] ?? 0) > 0);
  if (gaps.length && ctx.target.provider === 'wecom') {
    ctx.counts.missingFieldsNote =
      `WeCom returned no ${gaps.map((f) => `${f} for ${missing[f]} of ${Number(ctx.counts.platformUsers ?? users.length)} members`).join(' and no ')}` +
      ' (apps created after 2022-06-20 cannot read them): those members were matched by the remaining keys only.';
  }
}

// ── departments ──────────────────────────────────────────────────────────────

function topological(departments: DirectoryDepartment[]): DirectoryDepartment[] {
  const byId = new Map(departments.map((d) => [d.externalId, d]));
  const out: DirectoryDepartment[] = [];
  const done = new Set<string>();
  const visit = (d: DirectoryDepartment, depth: number) => {
    if (done.has(d.externalId) || depth > 64) return;
    const parent = d.parentExternalId ? byId.get(d.parentExternalId) : undefined;
    if (parent) visit(parent, depth + 1);
    done.add(d.externalId);
    out.push(d);
  };
  for (const d of departments) visit(d, 0);
  return out;
}

async function syncDepartments(ctx: Ctx, departments: DirectoryDepartment[]) {
  const { deps, target, actor, counts, state } = ctx;
  const companyId = target.row.company_id;
  const created = new Set(state.createdDepartments);
  for (const k of ['departmentsCreated', 'departmentsLinked', 'departmentsUpdated'] as const) counts[k] = 0;
  for (const d of topological(departments)) {
    // The root department is the company itself: its children become top-level departments.
    if (d.parentExternalId === null) continue;
    const parentId = state.departments[d.parentExternalId] ?? null;
    const name = safeName(d.name);
    try {
      const mappedId = state.departments[d.externalId];
      const mapped = mappedId === undefined ? undefined : await deps.db.selectFrom('departments').selectAll().where('id', '=', mappedId).where('active', '=', 1).executeTakeFirst();
      if (mapped) {
        if (created.has(d.externalId) && (mapped.name !== name || mapped.parent_id !== parentId)) {
          await deps.departments.update(actor, mapped.id, { name, parentId });
          bump(counts, 'departmentsUpdated');
        }
        continue;
      }
      let q = deps.db.selectFrom('departments').select('id').where('company_id', '=', companyId).where('active', '=', 1).where('name', '=', name);
      q = parentId === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parentId);
      const existing = await q.executeTakeFirst();
      if (existing) {
        state.departments[d.externalId] = existing.id;
        bump(counts, 'departmentsLinked');
        continue;
      }
      const row = await deps.departments.create(actor, { companyId, parentId, name });
      state.departments[d.externalId] = row.id;
      created.add(d.externalId);
      bump(counts, 'departmentsCreated');
    } catch (e) {
      addProblem(counts, { ...describeError(e), departmentExternalId: d.externalId, name: d.name });
    }
  }
  state.createdDepartments = [...created].sort();
}

async function retireDepartments(ctx: Ctx, present: Set<string>) {
  const { deps, actor, counts, state } = ctx;
  for (const ext of state.createdDepartments) {
    if (present.has(ext)) continue;
    const id = state.departments[ext];
    if (id === undefined) continue;
    try {
      await deps.departments.deactivate(actor, id);
      bump(counts, 'departmentsRetired');
      delete state.departments[ext];
      state.createdDepartments = state.createdDepartments.filter((x) => x !== ext);
    } catch (e) {
      addProblem(counts, { ...describeError(e), departmentExternalId: ext });
    }
  }
}

// ── members ──────────────────────────────────────────────────────────────────

function departmentOf(ctx: Ctx, u: DirectoryUser): number | undefined {
  for (const ext of u.departmentExternalIds) {
    const id = ctx.state.departments[ext];
    if (id !== undefined) return id;
  }
  return undefined;
}

async function applyUser(ctx: Ctx, u: DirectoryUser) {
  const { deps, target, actor, counts } = ctx;
  const companyId = target.row.company_id;
  const employeeId = ctx.linked.get(u.externalId);
  if (!u.active) {
    if (employeeId !== undefined) await deactivate(ctx, u.externalId, employeeId);
    else bump(counts, 'inactiveSkipped');
    return;
  }
  if (employeeId !== undefined) return updateEmployee(ctx, employeeId, u);
  const outcome = await deps.identities.match(companyId, { jobNumber: u.jobNumber, email: u.email, mobile: u.mobile });
  if (outcome.status === 'ambiguous') {
    bump(counts, 'ambiguous');
    addProblem(counts, {
      code: 'AMBIGUOUS_MATCH',
      message: `${u.name} (${u.externalId}) matches ${outcome.candidates.length} employees by ${outcome.by}: link one by hand`,
      userExternalId: u.externalId,
      by: outcome.by,
      candidates: outcome.candidates,
    });
    return;
  }
  try {
    if (outcome.status === 'matched') {
      await deps.identities.link(actor, { companyId, employeeId: outcome.employeeId, provider: target.provider, tenant: target.tenant, externalId: u.externalId });
      ctx.linked.set(u.externalId, outcome.employeeId);
      bump(counts, 'linked');
      await updateEmployee(ctx, outcome.employeeId, u);
      return;
    }
    if (!u.jobNumber) bump(counts, 'jobNumberFromUserId');
    const created = await deps.employees.create(actor, {
      companyId,
      jobNumber: u.jobNumber ?? u.externalId,
      name: u.name.trim() || u.externalId,
      email: u.email ?? null,
      mobile: u.mobile ?? null,
      departmentId: departmentOf(ctx, u) ?? null,
    });
    await deps.identities.link(actor, { companyId, employeeId: created.id, provider: target.provider, tenant: target.tenant, externalId: u.externalId });
    ctx.linked.set(u.externalId, created.id);
    bump(counts, 'created');
  } catch (e) {
    addProblem(counts, { ...describeError(e), userExternalId: u.externalId, name: u.name });
  }
}

type Comparable = string | number | null;
const same = (field: OwnedField, a: Comparable, b: Comparable) => {
  if (field === 'email' && typeof a === 'string' && typeof b === 'string') return a.trim().toLowerCase() === b.trim().toLowerCase();
  if (field === 'mobile' && typeof a === 'string' && typeof b === 'string') return normalizeMobile(a) === normalizeMobile(b);
  return a === b;
};
const emptyValue = (v: Comparable) => v === null || v === '';

async function updateEmployee(ctx: Ctx, employeeId: number, u: DirectoryUser, only?: OwnedField[]) {
  const { deps, target, actor, counts } = ctx;
  const row = await deps.db.selectFrom('employees').selectAll().where('id', '=', employeeId).executeTakeFirst();
  if (!row) return;
  if (row.status !== 'active') {
    addProblem(counts, { code: 'INACTIVE_IN_DAKA', message: `${u.name} (${u.externalId}) is active on the platform but inactive in Daka: not reactivated`, userExternalId: u.externalId, employeeId });
    return;
  }
  const platform: Record<OwnedField, Comparable | undefined> = {
    name: u.name.trim() || undefined,
    jobNumber: u.jobNumber,
    email: u.email,
    mobile: u.mobile,
    departmentId: departmentOf(ctx, u),
    managerId: u.managerExternalId ? ctx.linked.get(u.managerExternalId) : undefined,
  };
  const daka: Record<OwnedField, Comparable> = {
    name: row.name,
    jobNumber: row.job_number,
    email: row.email,
    mobile: row.mobile,
    departmentId: row.department_id,
    managerId: row.manager_id,
  };
  const patch: Record<string, Comparable> = {};
  for (const field of only ?? (['name', 'jobNumber', 'email', 'mobile', 'departmentId'] as OwnedField[])) {
    const value = platform[field];
    // What the platform leaves empty never clears Daka.
    if (value === undefined || emptyValue(value) || same(field, daka[field], value)) continue;
    if (field === 'managerId' && value === employeeId) continue;
    if (emptyValue(daka[field]) || ownerOf(target.settings, field) === 'platform') patch[field] = value;
    else {
      bump(counts, 'conflicts');
      addProblem(counts, { code: 'FIELD_CONFLICT', message: `${field} differs and Daka owns it: kept Daka's value`, userExternalId: u.externalId, employeeId, field, daka: daka[field], platform: value });
    }
  }
  if (Object.keys(patch).length === 0) {
    if (!only) bump(counts, 'unchanged');
    return;
  }
  try {
    await deps.employees.update(actor, employeeId, patch as EmployeePatchT);
    bump(counts, only ? 'managersSet' : 'updated');
  } catch (e) {
    addProblem(counts, { ...describeError(e), userExternalId: u.externalId, employeeId, fields: Object.keys(patch) });
  }
}

async function applyManager(ctx: Ctx, u: DirectoryUser) {
  const employeeId = ctx.linked.get(u.externalId);
  if (employeeId === undefined || !u.managerExternalId) return;
  const row = await ctx.deps.db.selectFrom('employees').select('status').where('id', '=', employeeId).executeTakeFirst();
  if (row?.status !== 'active') return;
  await updateEmployee(ctx, employeeId, u, ['managerId']);
}

async function deactivate(ctx: Ctx, externalId: string, employeeId: number) {
  const row = await ctx.deps.db.selectFrom('employees').select('status').where('id', '=', employeeId).executeTakeFirst();
  if (!row || row.status !== 'active') return;
  try {
    await ctx.deps.employees.deactivate(ctx.actor, employeeId, {});
    bump(ctx.counts, 'deactivated');
  } catch (e) {
    addProblem(ctx.counts, { ...describeError(e), userExternalId: externalId, employeeId });
  }
}
