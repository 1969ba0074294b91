/**
 * Set-based reads of everything the engine needs: the setup of a company once per recompute,
 * then per chunk of employees their rosters, approved requests and counted punches, each in one
 * query (requests through the requests module's approvedInputs). Punches are the bulk (hundreds of thousands per chunk), so they bypass the query builder
 * and come back as arrays, ordered by employee and instant.
 */
import type { Kysely } from 'kysely';
import type { RawHandle } from '../../db/database.js';
import { copyColumns, sqlIntegers } from '../../db/pg-binary-copy.js';
import type { DB, Row } from '../../db/schema.js';
import { approvedInputs, type ApprovedInputs } from '../requests/requests.repo.js';

export interface CalendarRows {
  row: Pick<Row<'holiday_calendars'>, 'weekend_days'>;
  days: Pick<Row<'calendar_days'>, 'date' | 'day_type'>[];
}

export interface SetupRows {
  companyTimeZone: string;
  groups: Row<'attendance_groups'>[];
  shiftTypes: Pick<Row<'shift_types'>, 'id' | 'name' | 'definition'>[];
  departments: { id: number; parent_id: number | null }[];
  memberships: Row<'group_members'>[];
  calendars: Map<number, CalendarRows>;
}

export interface EmployeeRow {
  id: number;
  department_id: number | null;
  hire_date: string | null;
  leave_date: string | null;
  /** The employee's own zone, which beats the group's and the company's (schedules/attendance-zone.ts). */
  time_zone: string | null;
}

/** Punches of a chunk as parallel arrays, sorted by employee then instant. */
export interface PunchColumns {
  employeeId: number[];
  atMs: number[];
  id: number[];
  source: string[];
}

/**
 * Smallest and largest of a non-empty id list. Given next to `= any(list)`, the range lets
 * PostgreSQL estimate a chunk's rows from the index instead of a guess, so it keeps to an index
 * scan rather than scanning the whole table for every chunk.
 */
export function idBounds(ids: number[]): [number, number] {
  let lo = ids[0];
  let hi = ids[0];
  for (const id of ids) {
    if (id < lo) lo = id;
    if (id > hi) hi = id;
  }
  return [lo, hi];
}

export class InputsRepo {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly raw: RawHandle,
  ) {}

  async companyTimeZone(companyId: number): Promise<string | null> {
    const row = await this.db.selectFrom('companies').select('time_zone').where('id', '=', companyId).executeTakeFirst();
    return row?.time_zone ?? null;
  }

  async setup(companyId: number, companyTimeZone: string, fromDate: string, toDate: string): Promise<SetupRows> {
    const [groups, shiftTypes, departments, memberships] = await Promise.all([
      this.db.selectFrom('attendance_groups').selectAll().where('company_id', '=', companyId).where('active', '=', 1).execute(),
      this.db.selectFrom('shift_types').select(['id', 'name', 'definition']).where('company_id', '=', companyId).execute(),
      this.db.selectFrom('departments').select(['id', 'parent_id']).where('company_id', '=', companyId).execute(),
      this.db
        .selectFrom('group_members')
        .selectAll()
        .where('company_id', '=', companyId)
        .where('effective_from', '<=', toDate)
        .where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>=', fromDate)]))
        .execute(),
    ]);
    const calendarIds = [...new Set(groups.map((g) => g.holiday_calendar_id).filter((x): x is number => x !== null))];
    const calendars = new Map<number, CalendarRows>();
    if (calendarIds.length) {
      const [cals, days] = await Promise.all([
        this.db.selectFrom('holiday_calendars').select(['id', 'weekend_days']).where('id', 'in', calendarIds).execute(),
        this.db
          .selectFrom('calendar_days')
          .select(['calendar_id', 'date', 'day_type'])
          .where('calendar_id', 'in', calendarIds)
          .where('date', '>=', fromDate)
          .where('date', '<=', toDate)
          .execute(),
      ]);
      for (const c of cals) calendars.set(c.id, { row: c, days: [] });
      for (const d of days) calendars.get(d.calendar_id)?.days.push(d);
    }
    return { companyTimeZone, groups, shiftTypes, departments, memberships, calendars };
  }

  /** Employees to recompute, by id; 'all' means every employee of the company. */
  async employees(companyId: number, ids: number[] | 'all'): Promise<EmployeeRow[]> {
    let q = this.db.selectFrom('employees').select(['id', 'department_id', 'hire_date', 'leave_date', 'time_zone']).where('company_id', '=', companyId);
    if (ids !== 'all') {
      if (!ids.length) return [];
      q = q.where('id', 'in', ids);
    }
    return q.orderBy('id').execute();
  }

  async rosters(companyId: number, employeeIds: number[], fromDate: string, toDate: string) {
    return this.db
      .selectFrom('roster_entries')
      .select(['employee_id', 'date', 'shift_type_id'])
      .where('company_id', '=', companyId)
      .where('employee_id', 'in', employeeIds)
      .where('date', '>=', fromDate)
      .where('date', '<=', toDate)
      .execute();
  }

  /** Approved leave, overtime and corrections (the requests module's reading of them). */
  approvedRequests(companyId: number, employeeIds: number[], fromDate: string, toDate: string): Promise<ApprovedInputs> {
    return approvedInputs(this.db, companyId, employeeIds, fromDate, toDate);
  }

  /** Counted punches (matched, not held) of the employees in [fromMs, toMs). */
  async punches(companyId: number, employeeIds: number[], fromMs: number, toMs: number): Promise<PunchColumns> {
    const out: PunchColumns = { employeeId: [], atMs: [], id: [], source: [] };
    if (!employeeIds.length) return out;
    if (this.raw.kind === 'sqlite') {
      // The hint keeps SQLite on the per-employee index instead of scanning the company's month.
      const stmt = this.raw.db
        .prepare(
          `select employee_id, at_ms, id, source from checkins indexed by checkins_employee_time
           where employee_id in (select value from json_each(?)) and at_ms >= ? and at_ms < ?
             and company_id = ? and hold_reason is null
           order by employee_id, at_ms, id`,
        )
        .raw(true);
      const rows = stmt.all(JSON.stringify(employeeIds), fromMs, toMs, companyId) as [number, number, number, string][];
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i];
        out.employeeId.push(r[0]);
        out.atMs.push(r[1]);
        out.id.push(r[2]);
        out.source.push(r[3]);
      }
      return out;
    }
    // A binary COPY: no text formatting on the server, fixed-width integers here. The id range
    // next to the list keeps the planner on the per-employee index (see idBounds).
    const [lo, hi] = idBounds(employeeIds);
    const [employee, at, id, source] = await copyColumns(
      this.raw.pool,
      `select employee_id, at_ms, id, source from checkins
       where employee_id = any('{${sqlIntegers(employeeIds)}}'::bigint[]) and employee_id between ${sqlIntegers([lo])} and ${sqlIntegers([hi])}
         and at_ms >= ${sqlIntegers([fromMs])} and at_ms < ${sqlIntegers([toMs])} and company_id = ${sqlIntegers([companyId])} and hold_reason is null
       order by employee_id, at_ms, id`,
      ['int8', 'int8', 'int8', 'text'] as const,
    );
    out.employeeId = employee as number[];
    out.atMs = at as number[];
    out.id = id as number[];
    out.source = source as string[];
    return out;
  }
}
