/**
 * Turns the rows of an employee file into a plan: what each row would create or change,
 * which departments would be created, and every problem by line and column. Pure: the
 * caller loads the company's current state into an ImportContext.
 */
import type { Row } from '../../db/schema.js';
import type { DepartmentTree } from '../departments/department-tree.js';
import { defaultHeader, fieldOfHeader, parseDateCell, parseStatus, type ImportField } from './employee-import.columns.js';
import { DepartmentResolver, type DeptTarget } from './import-department.js';
import { checkEmployeeFields, normalizeMobile } from './field-rules.js';
import { cellText, type TabularFile } from './tabular-file.js';

export interface ImportProblem {
  line: number;
  column: string | null;
  code: string;
  message: string;
  /** The cell's text, for problems a reader fixes by looking at the value (departments). */
  value?: string;
  /** Department paths an ambiguous name fits. */
  candidates?: string[];
}

export interface ImportOptions {
  /** Create departments a row names that do not exist yet; otherwise such a row is an error. */
  createDepartments: boolean;
}

export interface ImportContext {
  /** Employees of the company by job number. */
  existing: Map<string, Row<'employees'>>;
  jobById: Map<number, string>;
  tree: DepartmentTree;
  /** Active sites by name. */
  sites: Map<string, number>;
}


export interface EmployeeValues {
  name?: string;
  email?: string | null;
  mobile?: string | null;
  siteId?: number | null;
  timeZone?: string | null;
  hireDate?: string | null;
  leaveDate?: string | null;
  status?: 'active' | 'inactive';
}

export interface PlannedRow {
  line: number;
  jobNumber: string;
  existing: Row<'employees'> | undefined;
  /** Only the columns the file has: a missing column leaves the field alone, a blank cell clears it. */
  values: EmployeeValues;
  /** An existing department, one the import creates (by root path), or none (blank cell). */
  department?: DeptTarget | null;
  managerJobNumber?: string | null;
  changed: boolean;
}

export interface ImportPlan {
  total: number;
  rows: PlannedRow[];
  problems: ImportProblem[];
  /** Paths of departments to create, parents first. */
  departmentsToCreate: string[];
}

export function planImport(file: TabularFile, ctx: ImportContext, opts: ImportOptions = { createDepartments: false }): ImportPlan {
  const problems: ImportProblem[] = [];
  const columns = new Map<ImportField, { index: number; header: string }>();
  file.headers.forEach((header, index) => {
    if (header === '') return;
    const field = fieldOfHeader(header);
    if (!field) problems.push({ line: 1, column: header, code: 'UNKNOWN_COLUMN', message: `'${header}' is not a known column` });
    else if (columns.has(field)) problems.push({ line: 1, column: header, code: 'DUPLICATE_COLUMN', message: `'${header}' repeats column '${columns.get(field)!.header}'` });
    else columns.set(field, { index, header });
  });
  if (!columns.has('jobNumber')) {
    problems.push({ line: 1, column: defaultHeader('jobNumber'), code: 'MISSING_COLUMN', message: 'The file needs a job number column (工号 / jobNumber)' });
    return { total: file.rows.length, rows: [], problems, departmentsToCreate: [] };
  }
  const col = (f: ImportField) => columns.get(f)?.header ?? defaultHeader(f);

  const firstLine = new Map<string, number>();
  for (const r of file.rows) {
    const job = cellText(r.cells[columns.get('jobNumber')!.index] ?? null);
    if (job && !firstLine.has(job)) firstLine.set(job, r.line);
  }

  const departments = new DepartmentResolver(ctx.tree);
  const planned: (PlannedRow & { ok: boolean })[] = [];
  for (const r of file.rows) {
    const rowProblems: ImportProblem[] = [];
    const bad = (f: ImportField, code: string, message: string) => rowProblems.push({ line: r.line, column: col(f), code, message });
    const has = (f: ImportField) => columns.has(f);
    const cell = (f: ImportField) => r.cells[columns.get(f)!.index] ?? null;
    const text = (f: ImportField) => cellText(cell(f));

    const job = text('jobNumber');
    if (!job) bad('jobNumber', 'REQUIRED', 'The job number is empty');
    else if (firstLine.get(job) !== r.line) bad('jobNumber', 'DUPLICATE_JOB_NUMBER', `Job number '${job}' appears already on line ${firstLine.get(job)}`);
    const existing = job ? ctx.existing.get(job) : undefined;
    const v: EmployeeValues = {};

    if (has('name')) {
      v.name = text('name');
      if (!v.name) bad('name', 'REQUIRED', 'The name is empty');
    } else if (!existing) bad('name', 'REQUIRED', 'A new employee needs a name');
    if (has('email')) v.email = text('email') || null;
    if (has('mobile')) v.mobile = normalizeMobile(text('mobile')) || null;
    if (has('timeZone')) v.timeZone = text('timeZone') || null;
    for (const f of ['hireDate', 'leaveDate'] as const) {
      if (!has(f)) continue;
      const d = parseDateCell(cell(f));
      if (d === undefined) bad(f, 'INVALID_DATE', `'${text(f)}' is not a real date (YYYY-MM-DD or YYYY/M/D)`);
      else v[f] = d;
    }
    if (has('status')) {
      const s = parseStatus(cell('status'));
      if (s === undefined) bad('status', 'INVALID_STATUS', `'${text('status')}' is not a status (active/inactive, 在职/离职)`);
      else if (s !== null) v.status = s;
    }
    const hireDate = v.hireDate !== undefined ? v.hireDate : (existing?.hire_date ?? null);
    const leaveDate = v.leaveDate !== undefined ? v.leaveDate : (existing?.leave_date ?? null);
    const datesParsed = !rowProblems.some((p) => p.code === 'INVALID_DATE');
    const formatNames: Record<string, ImportField> = { email: 'email', mobile: 'mobile', timeZone: 'timeZone', hireDate: 'hireDate', leaveDate: has('leaveDate') ? 'leaveDate' : 'hireDate' };
    for (const p of checkEmployeeFields({ email: v.email, mobile: v.mobile, timeZone: v.timeZone, ...(datesParsed ? { hireDate, leaveDate } : {}) }, (f) => f)) {
      rowProblems.push({ line: r.line, column: col(formatNames[p.path]), code: p.code, message: p.message });
    }
    if (has('site')) {
      const name = text('site');
      if (!name) v.siteId = null;
      else if (ctx.sites.has(name)) v.siteId = ctx.sites.get(name)!;
      else bad('site', 'UNKNOWN_SITE', `There is no active site named '${name}'`);
    }
    let department: DeptTarget | null | undefined;
    if (has('department')) {
      const value = text('department');
      const found = value ? departments.resolve(value, opts.createDepartments) : { ok: true as const, target: null };
      if (found.ok) department = found.target;
      else rowProblems.push({ line: r.line, column: col('department'), code: found.code, message: found.message, value, ...(found.candidates ? { candidates: found.candidates } : {}) });
    }
    let managerJobNumber: string | null | undefined;
    if (has('managerJobNumber')) {
      managerJobNumber = text('managerJobNumber') || null;
      if (managerJobNumber !== null && managerJobNumber === job) bad('managerJobNumber', 'MANAGER_CYCLE', 'An employee cannot be their own manager');
      else if (managerJobNumber !== null && !ctx.existing.has(managerJobNumber) && !firstLine.has(managerJobNumber)) {
        bad('managerJobNumber', 'UNKNOWN_MANAGER', `No employee has job number '${managerJobNumber}', in the company or in this file`);
      }
    }
    problems.push(...rowProblems);
    planned.push({ line: r.line, jobNumber: job, existing, values: v, department, managerJobNumber, changed: false, ok: rowProblems.length === 0 });
  }

  problems.push(...managerLoops(planned, ctx, col('managerJobNumber')));
  const failed = new Set(problems.map((p) => p.line));
  const rows = planned.filter((p) => p.ok && !failed.has(p.line)).map(({ ok: _ok, ...p }) => ({ ...p, changed: isChange(p, ctx) }));
  return { total: file.rows.length, rows, problems: problems.sort((a, b) => a.line - b.line), departmentsToCreate: departmentsToCreate(rows, ctx.tree) };
}

/** Reporting lines after the import; a row whose chain comes back to itself is a loop. */
function managerLoops(rows: PlannedRow[], ctx: ImportContext, column: string): ImportProblem[] {
  const managerOf = new Map<string, string | null>();
  for (const [job, e] of ctx.existing) managerOf.set(job, e.manager_id === null ? null : (ctx.jobById.get(e.manager_id) ?? null));
  for (const r of rows) if (r.jobNumber && r.managerJobNumber !== undefined) managerOf.set(r.jobNumber, r.managerJobNumber);
  const out: ImportProblem[] = [];
  for (const r of rows) {
    if (!r.jobNumber || !r.managerJobNumber || r.managerJobNumber === r.jobNumber) continue;
    const seen = new Set<string>();
    let cur: string | null | undefined = r.managerJobNumber;
    while (cur && !seen.has(cur) && cur !== r.jobNumber) {
      seen.add(cur);
      cur = managerOf.get(cur);
    }
    if (cur === r.jobNumber) out.push({ line: r.line, column, code: 'MANAGER_CYCLE', message: `Manager '${r.managerJobNumber}' reports, directly or not, to '${r.jobNumber}'` });
  }
  return out;
}

function isChange(r: PlannedRow, ctx: ImportContext): boolean {
  const e = r.existing;
  if (!e) return true;
  const v = r.values;
  const same = <T>(next: T | undefined, cur: T) => next === undefined || next === cur;
  if (!same(v.name, e.name) || !same(v.email, e.email) || !same(v.mobile, e.mobile) || !same(v.siteId, e.site_id) || !same(v.timeZone, e.time_zone)) return true;
  if (!same(v.hireDate, e.hire_date) || !same(v.leaveDate, e.leave_date) || !same(v.status, e.status)) return true;
  if (r.department !== undefined && (r.department === null ? e.department_id !== null : 'path' in r.department || r.department.id !== e.department_id)) return true;
  if (r.managerJobNumber !== undefined && r.managerJobNumber !== (e.manager_id === null ? null : (ctx.jobById.get(e.manager_id) ?? null))) return true;
  return false;
}

/** Every missing step of every new path, parents before children (`研发部/后端组` needs `研发部` first if it is missing). */
function departmentsToCreate(rows: PlannedRow[], tree: DepartmentTree): string[] {
  const out = new Set<string>();
  for (const r of rows) {
    if (!r.department || !('path' in r.department)) continue;
    const segments = r.department.path.split('/');
    for (let i = 1; i <= segments.length; i++) {
      const prefix = segments.slice(0, i);
      if (!tree.findPath(prefix)) out.add(prefix.join('/'));
    }
  }
  return [...out].sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
}
