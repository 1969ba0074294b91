/**
 * What-if previews: a draft of policy and shift knobs is laid over the stored setup, the month
 * is evaluated by the engine, and each employee-date is compared with the stored result
 * (diffResults). Nothing is written.
 */
import { diffResults, type DayResult, type FieldChange } from '../../engine/index.js';
import { validationError, type FieldProblem } from '../../shared/errors.js';
import type { AccessPolicy } from '../auth/access.js';
import type { Actor } from '../auth/actor.js';
import type { DaysRepo } from './days.repo.js';
import { rowToResult } from './dto.js';
import { monthRange } from './attendance.service.js';
import type { WhatIfBodyT } from './attendance.schemas.js';
import { evaluateInputs, type RecomputeService } from './recompute.js';
import { inScope, resolveScope } from './scope.js';
import { DEFAULT_ENGINE_POLICY } from './setup-readers.js';

const SHIFT_TEMPLATE = {
  startMin: 0, endMin: 0, crossesMidnight: false, break: { startMin: 0, endMin: 0 }, graceLateMin: 0, graceEarlyMin: 0, seriousLateMin: 0,
  absenteeismLateMin: 0, checkInEarliestMin: 0, checkOutLatestMin: 0, halfDayBelowMin: 0, absentBelowMin: 0, flex: { lateMaxMin: 0, earlyMaxMin: 0 },
};
const NULLABLE = new Set(['capMin', 'breakWindow', 'break', 'flex']);
const ENUMS: Record<string, string[]> = { pairing: ['first_last', 'pairs'] };

/** A draft may only name knobs that exist, with values of the knob's type. */
export function checkDraft(template: unknown, value: unknown, path: string, problems: FieldProblem[]): void {
  const key = path.slice(path.lastIndexOf('.') + 1);
  if (value === null) {
    if (!NULLABLE.has(key)) problems.push({ path, message: 'may not be null' });
    return;
  }
  if (typeof template === 'object' && template !== null) {
    if (typeof value !== 'object' || Array.isArray(value)) return void problems.push({ path, message: 'must be an object' });
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (!(k in (template as object))) problems.push({ path: `${path}.${k}`, message: 'is not a known knob' });
      else checkDraft((template as Record<string, unknown>)[k], v, `${path}.${k}`, problems);
    }
    return;
  }
  if (ENUMS[key] && !ENUMS[key].includes(value as string)) return void problems.push({ path, message: `must be one of ${ENUMS[key].join(', ')}` });
  if (typeof template === 'number' && (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100_000)) {
    problems.push({ path, message: 'must be a number from 0 to 100000' });
  } else if (typeof template !== typeof value) problems.push({ path, message: `must be a ${typeof template}` });
}

export interface WhatIfChange {
  employeeId: number;
  date: string;
  changes: FieldChange[];
}

export class WhatIfService {
  constructor(
    private readonly access: AccessPolicy,
    private readonly days: DaysRepo,
    private readonly recomputer: RecomputeService,
  ) {}

  async preview(actor: Actor, body: WhatIfBodyT) {
    this.access.assertCompany(actor, body.companyId, 'read', ['admin', 'hr']);
    this.access.assertRole(actor, ['admin', 'hr'], 'read');
    const problems: FieldProblem[] = [];
    if (body.draft.policy) checkDraft(DEFAULT_ENGINE_POLICY, body.draft.policy, 'body.draft.policy', problems);
    for (const [id, s] of Object.entries(body.draft.shifts ?? {})) checkDraft(SHIFT_TEMPLATE, s, `body.draft.shifts.${id}`, problems);
    if (problems.length) throw validationError(problems, 'INVALID_DRAFT');

    const scope = await resolveScope(this.access, this.days, actor, body.companyId, { departmentId: body.departmentId, employeeIds: body.employeeIds });
    const { from, to } = monthRange(body.month);
    const builder = await this.recomputer.openBuilder(body.companyId, from, to, body.draft);
    const limit = body.limit ?? 1000;
    const changes: WhatIfChange[] = [];
    let changedDays = 0;
    let evaluatedDays = 0;
    const changedEmployees = new Set<number>();
    const employees = builder ? (await builder.employees(scope.kind === 'employees' ? scope.employeeIds : 'all')).filter((e) => inScope(scope, e)) : [];
    for (let i = 0; i < employees.length && builder; i += 2000) {
      const chunk = employees.slice(i, i + 2000);
      const [inputs, storedRows] = await Promise.all([builder.build(chunk), this.days.stored(body.companyId, chunk.map((e) => e.id), from, to)]);
      const before = new Map<number, Record<string, DayResult>>();
      for (const r of storedRows) {
        const m = before.get(r.employee_id) ?? {};
        m[r.date] = rowToResult(r);
        before.set(r.employee_id, m);
      }
      const after = new Map<number, Record<string, DayResult>>();
      evaluateInputs(inputs, 'none', (d) => {
        const m = after.get(d.employeeId) ?? {};
        m[d.date] = d.result;
        after.set(d.employeeId, m);
        evaluatedDays++;
      });
      for (const e of chunk) {
        const diff = diffResults(before.get(e.id) ?? {}, after.get(e.id) ?? {});
        for (const [date, fields] of Object.entries(diff)) {
          changedDays++;
          changedEmployees.add(e.id);
          if (changes.length < limit) changes.push({ employeeId: e.id, date, changes: fields });
        }
      }
    }
    return { month: body.month, employees: employees.length, evaluatedDays, changedDays, changedEmployees: changedEmployees.size, truncated: changedDays > changes.length, items: changes };
  }
}
