import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isRealDate } from '../../http/paging.js';
import { daysFromTo } from '../../shared/bounds.js';
import { eachDate } from '../../shared/dates.js';
import type { DomainEvents } from '../../shared/events.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import { scopeIncludes, type AccessPolicy } from '../auth/access.js';
import type { Actor } from '../auth/actor.js';
import { DepartmentTree } from '../departments/department-tree.js';
import { rejectProblems, type CodedProblem } from '../employees/field-rules.js';
import { resolveGroups } from './group-members.repo.js';
import { groupOn } from './group-resolution.js';
import { MAX_ROSTER_DAYS, type RosterPutT, type RosterQueryT } from './rosters.schemas.js';
import { cycleShift, scheduleGroupFromRow } from './schedule.js';

const MAX_PROBLEMS = 100;
const CHUNK = 500;

export class RostersService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly access: AccessPolicy,
    private readonly audit: AuditRepo,
    private readonly events: DomainEvents,
    private readonly now: () => number = Date.now,
  ) {}

  /** Saves every entry or none; each entry must name an employee who is in a roster group that day. */
  async put(actor: Actor, input: RosterPutT) {
    const companyId = input.companyId;
    this.access.assertCompany(actor, companyId, 'write');
    const problems: CodedProblem[] = [];
    const add = (p: CodedProblem) => problems.length < MAX_PROBLEMS && problems.push(p);
    const seen = new Set<string>();
    input.entries.forEach((e, i) => {
      if (!isRealDate(e.date)) add({ path: `body.entries[${i}].date`, code: 'INVALID_DATE', message: `'${e.date}' is not a real date` });
      const key = `${e.employeeId}|${e.date}`;
      if (seen.has(key)) add({ path: `body.entries[${i}]`, code: 'DUPLICATE_ENTRY', message: `employee ${e.employeeId} on ${e.date} appears twice` });
      seen.add(key);
    });
    rejectProblems(problems);
    const dates = input.entries.map((e) => e.date).sort();
    const fromDate = dates[0];
    const toDate = dates[dates.length - 1];
    const employeeIds = [...new Set(input.entries.map((e) => e.employeeId))];
    const shiftIds = [...new Set(input.entries.map((e) => e.shiftTypeId).filter((x): x is number => x !== null))];
    const count = await this.db.transaction().execute(async (trx) => {
      const known = new Set<number>();
      for (let i = 0; i < employeeIds.length; i += CHUNK) {
        const rows = await trx.selectFrom('employees').select('id').where('company_id', '=', companyId).where('id', 'in', employeeIds.slice(i, i + CHUNK)).execute();
        for (const r of rows) known.add(r.id);
      }
      const shifts = new Set(shiftIds.length ? (await trx.selectFrom('shift_types').select('id').where('company_id', '=', companyId).where('active', '=', 1).where('id', 'in', shiftIds).execute()).map((r) => r.id) : []);
      const groups = await resolveGroups(trx, companyId, [...known], fromDate, toDate);
      const rosterGroups = new Set((await trx.selectFrom('attendance_groups').select('id').where('company_id', '=', companyId).where('kind', '=', 'roster').execute()).map((g) => g.id));
      input.entries.forEach((e, i) => {
        if (!known.has(e.employeeId)) return add({ path: `body.entries[${i}].employeeId`, code: 'UNKNOWN_EMPLOYEE', message: `employee ${e.employeeId} is not an employee of company ${companyId}` });
        if (e.shiftTypeId !== null && !shifts.has(e.shiftTypeId)) add({ path: `body.entries[${i}].shiftTypeId`, code: 'UNKNOWN_SHIFT_TYPE', message: `shift type ${e.shiftTypeId} is not an active shift type of company ${companyId}` });
        const g = groupOn(groups.get(e.employeeId), e.date);
        if (g === null || !rosterGroups.has(g)) add({ path: `body.entries[${i}].employeeId`, code: 'NOT_IN_ROSTER_GROUP', message: `employee ${e.employeeId} is not in a roster group on ${e.date}` });
      });
      rejectProblems(problems);
      const now = this.now();
      for (let i = 0; i < input.entries.length; i += CHUNK) {
        const values = input.entries.slice(i, i + CHUNK).map((e) => ({ company_id: companyId, employee_id: e.employeeId, date: e.date, shift_type_id: e.shiftTypeId, updated_at_ms: now }));
        await trx
          .insertInto('roster_entries')
          .values(values)
          .onConflict((oc) => oc.columns(['employee_id', 'date']).doUpdateSet((eb) => ({ shift_type_id: eb.ref('excluded.shift_type_id'), updated_at_ms: eb.ref('excluded.updated_at_ms') })))
          .execute();
      }
      await this.audit.record(trx, actor, {
        action: 'roster.put',
        entity: 'roster',
        entityId: null,
        companyId,
        after: { entries: input.entries.length, employeeIds: employeeIds.slice(0, 1000), fromDate, toDate, sample: input.entries.slice(0, 50) },
      });
      return input.entries.length;
    });
    await this.events.emit('attendance.inputs_changed', { companyId, employeeIds, fromDate, toDate, reason: 'roster.put' });
    return { saved: count, employees: employeeIds.length, fromDate, toDate };
  }

  /** A grid of the visible employees who are in a roster group on some day of the range. */
  async grid(actor: Actor, q: RosterQueryT) {
    this.access.assertCompany(actor, q.companyId);
    const problems: CodedProblem[] = [];
    for (const f of ['from', 'to'] as const) if (!isRealDate(q[f])) problems.push({ path: `querystring.${f}`, code: 'INVALID_DATE', message: `'${q[f]}' is not a real date` });
    rejectProblems(problems);
    if (q.to < q.from) rejectProblems([{ path: 'querystring.to', code: 'DATE_ORDER', message: 'to is before from' }]);
    // The length is checked on the two ends, before a single date is built.
    if (daysFromTo(q.from, q.to) + 1 > MAX_ROSTER_DAYS) rejectProblems([{ path: 'querystring.to', code: 'RANGE_TOO_LONG', message: `at most ${MAX_ROSTER_DAYS} days at a time` }]);
    const dates = eachDate(q.from, q.to, MAX_ROSTER_DAYS);
    const scope = await this.access.employeeScope(actor, q.companyId);
    let employeesQ = this.db.selectFrom('employees').select(['id', 'job_number', 'name', 'department_id']).where('company_id', '=', q.companyId);
    if (q.departmentId !== undefined) {
      const nodes = await this.db.selectFrom('departments').select(['id', 'parent_id', 'name', 'code', 'active']).where('company_id', '=', q.companyId).execute();
      employeesQ = employeesQ.where('department_id', 'in', new DepartmentTree(nodes).subtree(q.departmentId));
    }
    const employees = (await employeesQ.orderBy('job_number').execute()).filter((e) => scopeIncludes(scope, e));
    const groupRows = await this.db.selectFrom('attendance_groups').selectAll().where('company_id', '=', q.companyId).where('kind', '=', 'roster').execute();
    const rosterGroups = new Map(groupRows.map((g) => [g.id, scheduleGroupFromRow(g)]));
    const resolved = await resolveGroups(this.db, q.companyId, employees.map((e) => e.id), q.from, q.to);
    const inRoster = employees.filter((e) => (resolved.get(e.id) ?? []).some((r) => rosterGroups.has(r.groupId)));
    const entries = inRoster.length
      ? await this.db.selectFrom('roster_entries').select(['employee_id', 'date', 'shift_type_id']).where('company_id', '=', q.companyId).where('employee_id', 'in', inRoster.map((e) => e.id)).where('date', '>=', q.from).where('date', '<=', q.to).execute()
      : [];
    const byKey = new Map(entries.map((e) => [`${e.employee_id}|${e.date}`, e.shift_type_id]));
    const shiftTypes = await this.db.selectFrom('shift_types').select(['id', 'code', 'name', 'color']).where('company_id', '=', q.companyId).orderBy('code').execute();
    const rows = inRoster.map((e) => ({
      employeeId: e.id,
      jobNumber: e.job_number,
      name: e.name,
      departmentId: e.department_id,
      cells: dates.map((date) => {
        const groupId = groupOn(resolved.get(e.id), date);
        const group = groupId === null ? undefined : rosterGroups.get(groupId);
        if (groupId === null || !group) return null;
        const key = `${e.id}|${date}`;
        if (byKey.has(key)) return { shiftTypeId: byKey.get(key)!, source: 'entry' as const, groupId };
        if (group.rosterCycle) return { shiftTypeId: cycleShift(group.rosterCycle, date), source: 'cycle' as const, groupId };
        return { shiftTypeId: null, source: 'none' as const, groupId };
      }),
    }));
    return { companyId: q.companyId, dates, shiftTypes, rows };
  }
}
