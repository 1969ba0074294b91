/**
 * The SQL behind every report. Employees are read in keyset-paged chunks and their attendance days
 * one chunk at a time, so an export of 10,000 employees never holds more than one chunk in memory.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { RawHandle } from '../../db/database.js';
import type { DB, Row } from '../../db/schema.js';
import type { EmployeeScope } from '../auth/access.js';

export interface EmployeeSelection {
  companyId: number;
  scope: EmployeeScope;
  /** Restrict to these departments (a department with its subtree); undefined means all. */
  departmentIds?: number[];
  /** Attendance dates the report covers; employees with a row there, or employed then, are listed. */
  from: string;
  to: string;
  /** Only the employee-months one month close holds (that close's payroll delivery). */
  closeId?: number;
}

export interface ReportEmployee {
  id: number;
  job_number: string;
  name: string;
  department_id: number | null;
}

export type DayRow = Omit<Row<'attendance_days'>, 'computed_at_ms' | 'result_hash' | 'announced_seq' | 'company_id' | 'group_id'>;

const DAY_FIELDS = [
  'employee_id', 'date', 'shift_type_id', 'day_type', 'status', 'late', 'late_minutes', 'late_level', 'early', 'early_minutes', 'missing_in',
  'missing_out', 'worked_minutes', 'overtime_minutes', 'overtime_category', 'overtime_pay_multiplier', 'unapproved_overtime_minutes', 'in_time',
  'out_time', 'ignored_punch_count', 'duplicate_punch_count', 'leave_type', 'leave_half', 'corrections_used',
  'leave_minutes', 'flags', 'explanation',
] as const;

function scopeCondition(eb: ExpressionBuilder<DB, 'employees'>, scope: EmployeeScope): Expression<SqlBool> {
  switch (scope.kind) {
    case 'all':
      return eb.lit(true);
    case 'none':
      return eb.lit(false);
    case 'self':
      return eb('employees.id', '=', scope.employeeId);
    case 'departments': {
      const parts: Expression<SqlBool>[] = [];
      if (scope.selfEmployeeId !== null) parts.push(eb('employees.id', '=', scope.selfEmployeeId));
      if (scope.departmentIds.length) parts.push(eb('employees.department_id', 'in', scope.departmentIds));
      return parts.length ? eb.or(parts) : eb.lit(false);
    }
  }
}

/** A raw SQLite row (DAY_FIELDS order) as a DayRow: a literal with one fixed shape is cheap to build. */
function dayRowOf(v: unknown[]): DayRow {
  return {
    employee_id: v[0] as number, date: v[1] as string, shift_type_id: v[2] as number | null, day_type: v[3] as string, status: v[4] as string,
    late: v[5] as number, late_minutes: v[6] as number, late_level: v[7] as string, early: v[8] as number, early_minutes: v[9] as number,
    missing_in: v[10] as number, missing_out: v[11] as number, worked_minutes: v[12] as number, overtime_minutes: v[13] as number,
    overtime_category: v[14] as string, overtime_pay_multiplier: v[15] as number, unapproved_overtime_minutes: v[16] as number | null,
    in_time: v[17] as string | null, out_time: v[18] as string | null, ignored_punch_count: v[19] as number, duplicate_punch_count: v[20] as number,
    leave_type: v[21] as string | null, leave_half: v[22] as string | null, corrections_used: v[23] as number,
    leave_minutes: v[24] as number, flags: v[25] as string | null, explanation: v[26] as string | null,
  };
}

/** Late, early, missing-punch or absent days: what the anomalies report lists. */
function anomalyCondition(eb: ExpressionBuilder<DB, 'attendance_days'>): Expression<SqlBool> {
  return eb.or([eb('late', '=', 1), eb('early', '=', 1), eb('missing_in', '=', 1), eb('missing_out', '=', 1), eb('status', '=', 'absent')]);
}

export class ReportsRepo {
  /** `raw` (SQLite) lets the day query skip better-sqlite3's per-row objects, the bulk of an export's cost. */
  constructor(
    private readonly db: Kysely<DB>,
    private readonly raw?: RawHandle,
  ) {}

  company(id: number) {
    return this.db.selectFrom('companies').select(['id', 'name', 'code', 'time_zone']).where('id', '=', id).executeTakeFirst();
  }

  departments(companyId: number) {
    return this.db.selectFrom('departments').select(['id', 'parent_id', 'name', 'code', 'active']).where('company_id', '=', companyId).execute();
  }

  private selection(s: EmployeeSelection) {
    let q = this.db
      .selectFrom('employees')
      .where('employees.company_id', '=', s.companyId)
      .where((eb) => scopeCondition(eb, s.scope));
    // A close holds exactly its employees, even one who moved to another department since.
    if (s.closeId !== undefined) return q.where('employees.id', 'in', this.db.selectFrom('month_close_employees').select('employee_id').where('close_id', '=', s.closeId));
    if (s.departmentIds) q = q.where('employees.department_id', 'in', s.departmentIds.length ? s.departmentIds : [-1]);
    return q.where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('attendance_days as ad')
            .select(sql.lit(1).as('one'))
            .whereRef('ad.employee_id', '=', 'employees.id')
            .where('ad.date', '>=', s.from)
            .where('ad.date', '<=', s.to),
        ),
        eb.and([
          eb('employees.status', '=', 'active'),
          eb.or([eb('employees.hire_date', 'is', null), eb('employees.hire_date', '<=', s.to)]),
          eb.or([eb('employees.leave_date', 'is', null), eb('employees.leave_date', '>=', s.from)]),
        ]),
      ]),
    );
  }

  async countEmployees(s: EmployeeSelection): Promise<number> {
    const r = await this.selection(s).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Attendance days of the selected employees in the range (all, or anomalies only). */
  async countDays(s: EmployeeSelection, anomaliesOnly: boolean): Promise<number> {
    let q = this.db
      .selectFrom('attendance_days')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('employee_id', 'in', this.selection(s).select('employees.id'))
      .where('date', '>=', s.from)
      .where('date', '<=', s.to);
    if (anomaliesOnly) q = q.where((eb) => anomalyCondition(eb));
    const r = await q.executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Employees in job-number order, `size` at a time (keyset paging: no OFFSET scans). */
  async *employeeChunks(s: EmployeeSelection, size: number): AsyncGenerator<ReportEmployee[]> {
    let after: { job: string; id: number } | null = null;
    for (;;) {
      let q = this.selection(s).select(['employees.id', 'employees.job_number', 'employees.name', 'employees.department_id']);
      if (after) {
        const a: { job: string; id: number } = after;
        q = q.where((eb) =>
          eb.or([eb('employees.job_number', '>', a.job), eb.and([eb('employees.job_number', '=', a.job), eb('employees.id', '>', a.id)])]),
        );
      }
      const rows = await q.orderBy('employees.job_number').orderBy('employees.id').limit(size).execute();
      if (!rows.length) return;
      yield rows;
      if (rows.length < size) return;
      const last = rows[rows.length - 1];
      after = { job: last.job_number, id: last.id };
    }
  }

  /**
   * Attendance days of some employees (of one company: they come from `employeeChunks`) in
   * [from, to], by employee then date; optionally anomalies only. No company_id condition on
   * purpose: with it SQLite picks the (company_id, date) index and scans the whole month per chunk
   * instead of seeking the primary key (employee_id, date).
   */
  async days(employeeIds: number[], from: string, to: string, anomaliesOnly = false): Promise<DayRow[]> {
    if (!employeeIds.length) return [];
    let q = this.db
      .selectFrom('attendance_days')
      .select(DAY_FIELDS)
      .where('employee_id', 'in', employeeIds)
      .where('date', '>=', from)
      .where('date', '<=', to);
    if (anomaliesOnly) q = q.where((eb) => anomalyCondition(eb));
    q = q.orderBy('employee_id').orderBy('date');
    if (this.raw?.kind === 'sqlite') {
      const c = q.compile();
      return (this.raw.db.prepare(c.sql).raw(true).all(...c.parameters) as unknown[][]).map(dayRowOf);
    }
    return q.execute();
  }

  /** Leave type codes to show as columns: the company's active types and any code used in the range. */
  async leaveTypes(companyId: number, from: string, to: string): Promise<{ code: string; name: string; unit: 'day' | 'half_day' | 'hour' }[]> {
    const [defined, used] = await Promise.all([
      this.db.selectFrom('leave_types').select(['code', 'name', 'active', 'unit']).where('company_id', '=', companyId).orderBy('id').execute(),
      this.db
        .selectFrom('attendance_days')
        .select('leave_type')
        .distinct()
        .where('company_id', '=', companyId)
        .where('date', '>=', from)
        .where('date', '<=', to)
        .where('leave_type', 'is not', null)
        .execute(),
    ]);
    const usedCodes = new Set(used.map((u) => u.leave_type!));
    const out = defined.filter((d) => d.active === 1 || usedCodes.has(d.code)).map((d) => ({ code: d.code, name: d.name, unit: d.unit }));
    const known = new Set(out.map((d) => d.code));
    for (const code of [...usedCodes].sort()) if (!known.has(code)) out.push({ code, name: code, unit: 'day' });
    return out;
  }

  async userLocale(userId: number): Promise<string | null> {
    const r = await this.db.selectFrom('users').select('locale').where('id', '=', userId).executeTakeFirst();
    return r?.locale ?? null;
  }

  async countDevices(companyId: number): Promise<number> {
    const r = await this.db.selectFrom('devices').select((eb) => eb.fn.countAll<number>().as('n')).where('company_id', '=', companyId).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async shiftTypeNames(companyId: number): Promise<Map<number, string>> {
    const rows = await this.db.selectFrom('shift_types').select(['id', 'name']).where('company_id', '=', companyId).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async setting(key: string): Promise<string | null> {
    const r = await this.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    return r?.value ?? null;
  }

  async putSetting(db: Kysely<DB>, key: string, value: string, nowMs: number): Promise<void> {
    await db
      .insertInto('settings')
      .values({ key, value, updated_at_ms: nowMs })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at_ms: nowMs }))
      .execute();
  }
}
