/**
 * Reads of stored attendance days: lists for the API, one day with its punches, the stored
 * results of a month (monthly report, what-if), and the aggregates of the dashboard, which stay
 * on the (company_id, date, status) index.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { DB, Row } from '../../db/schema.js';
import { countRows } from '../../db/count.js';
import type { DayTag } from '../../shared/enums.js';

/** Who may be seen, already narrowed by the caller's role and filters. */
export type ScopeFilter =
  | { kind: 'all' }
  | { kind: 'employees'; employeeIds: number[] }
  | { kind: 'departments'; departmentIds: number[]; alsoEmployeeId: number | null };

export interface DayListQuery {
  companyId: number;
  from: string;
  to: string;
  scope: ScopeFilter;
  status?: string;
  /** A tag of the day list: 迟到, 早退, 缺卡, 旷工, or any anomaly (as the dashboard lists them). */
  tag?: DayTag;
  /** With an absent or missing-punch status or tag: leave out the days still in progress (their window is open). */
  open?: { pairs: { date: string; shiftTypeId: number | null }[]; afterDate: string };
  /** Only days with a counted punch from this source on that local date. */
  source?: string;
  limit: number;
  offset: number;
}

/** Statuses a day can hold while its check-out window is still open. */
const OPEN_STATUSES = ['absent', 'missing_punch'];

export type DayWithEmployee = Row<'attendance_days'> & {
  employee_name: string;
  job_number: string;
  department_id: number | null;
  department_name: string | null;
  group_name: string | null;
  shift_name: string | null;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function scoped<O>(q: SelectQueryBuilder<DB & { e: DB['employees'] }, any, O>, scope: ScopeFilter, employeeCol: 'attendance_days.employee_id' | 'e.id') {
  if (scope.kind === 'employees') return q.where(employeeCol, 'in', scope.employeeIds.length ? scope.employeeIds : [-1]);
  if (scope.kind === 'departments') {
    const deps = scope.departmentIds.length ? scope.departmentIds : [-1];
    const self = scope.alsoEmployeeId;
    return q.where((eb) => (self === null ? eb('e.department_id', 'in', deps) : eb.or([eb('e.department_id', 'in', deps), eb(employeeCol, '=', self)])));
  }
  return q;
}

export class DaysRepo {
  constructor(private readonly db: Kysely<DB>) {}

  async departments(companyId: number) {
    return this.db.selectFrom('departments').select(['id', 'parent_id']).where('company_id', '=', companyId).execute();
  }

  async employee(companyId: number, employeeId: number) {
    return this.db.selectFrom('employees').select(['id', 'company_id', 'department_id', 'name', 'job_number']).where('company_id', '=', companyId).where('id', '=', employeeId).executeTakeFirst();
  }

  async activeCompanies() {
    return this.db.selectFrom('companies').select(['id', 'time_zone']).where('active', '=', 1).orderBy('id').execute();
  }

  async employeeIdsIn(companyId: number, departmentIds: number[]): Promise<number[]> {
    if (!departmentIds.length) return [];
    const rows = await this.db.selectFrom('employees').select('id').where('company_id', '=', companyId).where('department_id', 'in', departmentIds).orderBy('id').execute();
    return rows.map((r) => r.id);
  }

  async employeeById(employeeId: number) {
    return this.db.selectFrom('employees').select(['id', 'company_id', 'department_id', 'name', 'job_number']).where('id', '=', employeeId).executeTakeFirst();
  }

  async list(q: DayListQuery): Promise<{ rows: DayWithEmployee[]; total: number }> {
    let base = this.db
      .selectFrom('attendance_days')
      .innerJoin('employees as e', 'e.id', 'attendance_days.employee_id')
      .leftJoin('departments as d', 'd.id', 'e.department_id')
      .where('attendance_days.company_id', '=', q.companyId)
      .where('attendance_days.date', '>=', q.from)
      .where('attendance_days.date', '<=', q.to);
    base = scoped(base, q.scope, 'attendance_days.employee_id');
    if (q.status) base = base.where('attendance_days.status', '=', q.status);
    const open = q.open;
    // A day still in progress: an open status on a date (and shift) whose check-out window has not closed.
    const inProgress = (eb: ExpressionBuilder<DB, 'attendance_days'>): Expression<SqlBool> =>
      open
        ? eb.and([
            eb('attendance_days.status', 'in', OPEN_STATUSES),
            eb.or([
              eb('attendance_days.date', '>', open.afterDate),
              ...open.pairs.map((p) =>
                eb.and([eb('attendance_days.date', '=', p.date), p.shiftTypeId === null ? eb('attendance_days.shift_type_id', 'is', null) : eb('attendance_days.shift_type_id', '=', p.shiftTypeId)]),
              ),
            ]),
          ])
        : eb.val(false);
    if (q.status && open && OPEN_STATUSES.includes(q.status)) base = base.where((eb) => eb.not(inProgress(eb)));
    if (q.tag === 'late') base = base.where('attendance_days.late', '=', 1);
    if (q.tag === 'early') base = base.where('attendance_days.early', '=', 1);
    if (q.tag === 'absent' || q.tag === 'missing_punch') {
      const status = q.tag;
      base = base.where((eb) => eb.and([eb('attendance_days.status', '=', status), eb.not(inProgress(eb))]));
    }
    if (q.tag === 'anomaly') {
      // As the dashboard lists them: a late day always, the other anomalies once the day is over.
      base = base.where((eb) =>
        eb.or([
          eb('attendance_days.late', '=', 1),
          eb.and([
            eb.or([eb('attendance_days.status', 'in', ['absent', 'missing_punch', 'half_day']), eb('attendance_days.early', '=', 1)]),
            eb.not(inProgress(eb)),
          ]),
        ]),
      );
    }
    if (q.source) {
      const source = q.source;
      // The punch's own wall-clock date (substr works on both dialects); the index on
      // (employee_id, at_ms) narrows the scan to the employee.
      base = base.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('checkins as c')
            .select('c.id')
            .whereRef('c.employee_id', '=', 'attendance_days.employee_id')
            .where('c.source', '=', source)
            .where('c.hold_reason', 'is', null)
            .where(sql<boolean>`substr(c.wall_time, 1, 10) = attendance_days.date`),
        ),
      );
    }
    const [rows, total] = await Promise.all([
      base
        .selectAll('attendance_days')
        .select(['e.name as employee_name', 'e.job_number', 'e.department_id', 'd.name as department_name'])
        .select((eb) => [
          eb.selectFrom('attendance_groups as g').select('g.name').whereRef('g.id', '=', 'attendance_days.group_id').as('group_name'),
          eb.selectFrom('shift_types as st').select('st.name').whereRef('st.id', '=', 'attendance_days.shift_type_id').as('shift_name'),
        ])
        .orderBy('attendance_days.date', 'desc')
        .orderBy('e.job_number')
        .limit(q.limit)
        .offset(q.offset)
        .execute(),
      countRows(base),
    ]);
    return { rows: rows as DayWithEmployee[], total };
  }

  async day(employeeId: number, date: string) {
    return this.db.selectFrom('attendance_days').selectAll().where('employee_id', '=', employeeId).where('date', '=', date).executeTakeFirst();
  }

  async punches(companyId: number, employeeId: number, fromMs: number, toMs: number) {
    return this.db
      .selectFrom('checkins')
      .select(['id', 'at_ms', 'utc_offset_min', 'source', 'device_sn', 'verify_method', 'location', 'hold_reason'])
      .where('company_id', '=', companyId)
      .where('employee_id', '=', employeeId)
      .where('at_ms', '>=', fromMs)
      .where('at_ms', '<', toMs)
      .orderBy('at_ms')
      .execute();
  }

  /**
   * A page of the month's people in scope, the same as the monthly export's: those with attendance
   * days in the range, and active employees employed during it (a new hire without days yet).
   */
  async monthEmployees(companyId: number, from: string, to: string, scope: ScopeFilter, limit: number, offset: number) {
    let base = this.db
      .selectFrom('employees as e')
      .leftJoin('departments as d', 'd.id', 'e.department_id')
      .where('e.company_id', '=', companyId)
      .where((eb) =>
        eb.or([
          eb.exists(eb.selectFrom('attendance_days as a').select('a.employee_id').whereRef('a.employee_id', '=', 'e.id').where('a.date', '>=', from).where('a.date', '<=', to)),
          eb.and([
            eb('e.status', '=', 'active'),
            eb.or([eb('e.hire_date', 'is', null), eb('e.hire_date', '<=', to)]),
            eb.or([eb('e.leave_date', 'is', null), eb('e.leave_date', '>=', from)]),
          ]),
        ]),
      );
    base = scoped(base, scope, 'e.id');
    const [rows, total] = await Promise.all([
      base.select(['e.id', 'e.name', 'e.job_number', 'e.department_id', 'd.name as department_name']).orderBy('e.job_number').orderBy('e.id').limit(limit).offset(offset).execute(),
      countRows(base),
    ]);
    return { rows, total };
  }

  async stored(companyId: number, employeeIds: number[], from: string, to: string) {
    if (!employeeIds.length) return [];
    return this.db
      .selectFrom('attendance_days')
      .selectAll()
      .where('company_id', '=', companyId)
      .where('employee_id', 'in', employeeIds)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .orderBy('employee_id')
      .orderBy('date')
      .execute();
  }

  /** The company's zone and shift types, to tell when a day's check-out window closes. */
  async zoneAndShifts(companyId: number) {
    const [company, shiftRows] = await Promise.all([
      this.db.selectFrom('companies').select('time_zone').where('id', '=', companyId).executeTakeFirst(),
      this.db.selectFrom('shift_types').select(['id', 'name', 'definition']).where('company_id', '=', companyId).execute(),
    ]);
    return { zone: company?.time_zone ?? 'UTC', shiftRows };
  }

  /** Absent and missing-punch days per date and shift, the days that may still be in progress. */
  async openDayCounts(companyId: number, from: string, to: string, scope: ScopeFilter) {
    const base = scoped(
      this.db
        .selectFrom('attendance_days')
        .innerJoin('employees as e', 'e.id', 'attendance_days.employee_id')
        .where('attendance_days.company_id', '=', companyId)
        .where('attendance_days.date', '>=', from)
        .where('attendance_days.date', '<=', to)
        .where('attendance_days.status', 'in', ['absent', 'missing_punch']),
      scope,
      'attendance_days.employee_id',
    );
    return base
      .select(['attendance_days.date', 'attendance_days.status', 'attendance_days.shift_type_id'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .groupBy(['attendance_days.date', 'attendance_days.status', 'attendance_days.shift_type_id'])
      .execute();
  }

  /** Per date and status: how many days and how many of them late. */
  async countsByDateStatus(companyId: number, from: string, to: string, scope: ScopeFilter) {
    if (scope.kind === 'all') {
      // Without a scope the query stays on attendance_days and its (company_id, date, status) index.
      return this.db
        .selectFrom('attendance_days')
        .select(['date', 'status'])
        .select((eb) => [
          eb.fn.countAll<number>().as('n'),
          eb.fn.sum<number>('late').as('late'),
        ])
        .where('company_id', '=', companyId)
        .where('date', '>=', from)
        .where('date', '<=', to)
        .groupBy(['date', 'status'])
        .execute();
    }
    const base = scoped(
      this.db
        .selectFrom('attendance_days')
        .innerJoin('employees as e', 'e.id', 'attendance_days.employee_id')
        .where('attendance_days.company_id', '=', companyId)
        .where('attendance_days.date', '>=', from)
        .where('attendance_days.date', '<=', to),
      scope,
      'attendance_days.employee_id',
    );
    return base
      .select(['attendance_days.date', 'attendance_days.status'])
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>('attendance_days.late').as('late'),
      ])
      .groupBy(['attendance_days.date', 'attendance_days.status'])
      .execute();
  }
}
