/** SQL of leave balances: the ledger, request costs, the 调休 policy of groups and the overtime days it credits. */
import type { Kysely, Transaction } from 'kysely';
import type { DB, NewRow, Row } from '../../db/schema.js';
import { DEFAULT_RULES, type BalanceRules } from '../../engine/leave/index.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface LeaveTypeWithRules {
  code: string;
  name: string;
  unit: Row<'leave_types'>['unit'];
  rules: BalanceRules | null;
}

export type LedgerRow = Row<'leave_ledger'>;
export type EmployeeForLeave = Pick<Row<'employees'>, 'id' | 'company_id' | 'job_number' | 'name' | 'department_id' | 'manager_id' | 'hire_date' | 'leave_date' | 'work_start_date' | 'status' | 'time_zone'>;

const EMPLOYEE_COLUMNS = ['id', 'company_id', 'job_number', 'name', 'department_id', 'manager_id', 'hire_date', 'leave_date', 'work_start_date', 'status', 'time_zone'] as const;
/** Bound parameters per IN list: safe on both drivers. */
const IN_CHUNK = 900;

export function rulesOf(json: string | null): BalanceRules | null {
  if (json === null) return null;
  return { ...DEFAULT_RULES, ...(JSON.parse(json) as Partial<BalanceRules>) };
}

export class LeaveLedgerRepo {
  constructor(private readonly db: Kysely<DB>) {}

  async leaveTypes(companyId: number, db: Db = this.db): Promise<LeaveTypeWithRules[]> {
    const rows = await db.selectFrom('leave_types').select(['code', 'name', 'unit', 'balance_rules']).where('company_id', '=', companyId).where('active', '=', 1).orderBy('id').execute();
    return rows.map((r) => ({ code: r.code, name: r.name, unit: r.unit, rules: rulesOf(r.balance_rules) }));
  }

  async setRules(db: Db, companyId: number, code: string, rules: BalanceRules | null): Promise<number> {
    const r = await db.updateTable('leave_types').set({ balance_rules: rules === null ? null : JSON.stringify(rules) }).where('company_id', '=', companyId).where('code', '=', code).executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  employee(id: number, db: Db = this.db): Promise<EmployeeForLeave | undefined> {
    return db.selectFrom('employees').select(EMPLOYEE_COLUMNS).where('id', '=', id).executeTakeFirst();
  }

  /** Employees of a company, optionally of some departments, ordered by id, one page at a time. */
  employees(companyId: number, opts: { departmentIds?: number[] | null; employeeIds?: number[] | null; afterId?: number; limit?: number } = {}): Promise<EmployeeForLeave[]> {
    let q = this.db.selectFrom('employees').select(EMPLOYEE_COLUMNS).where('company_id', '=', companyId);
    if (opts.departmentIds) q = q.where('department_id', 'in', opts.departmentIds.length ? opts.departmentIds : [-1]);
    if (opts.employeeIds) q = q.where('id', 'in', opts.employeeIds.length ? opts.employeeIds : [-1]);
    if (opts.afterId !== undefined) q = q.where('id', '>', opts.afterId);
    return q.orderBy('id').limit(opts.limit ?? 10_000).execute();
  }

  /** Ledger entries of some employees (all types unless named), up to a date when given. */
  async entries(employeeIds: number[], opts: { leaveType?: string; upTo?: string } = {}, db: Db = this.db): Promise<LedgerRow[]> {
    const out: LedgerRow[] = [];
    for (let i = 0; i < employeeIds.length; i += IN_CHUNK) {
      let q = db.selectFrom('leave_ledger').selectAll().where('employee_id', 'in', employeeIds.slice(i, i + IN_CHUNK));
      if (opts.leaveType) q = q.where('leave_type', '=', opts.leaveType);
      if (opts.upTo) q = q.where('effective_date', '<=', opts.upTo);
      out.push(...(await q.orderBy('employee_id').orderBy('effective_date').orderBy('id').execute()));
    }
    return out.map(numeric);
  }

  /** Ledger entries of one type for the company's employees with ids in [fromId, toId] (one page of a run). */
  async entriesForIdRange(companyId: number, leaveType: string, fromId: number, toId: number): Promise<LedgerRow[]> {
    const rows = await this.db
      .selectFrom('leave_ledger')
      .selectAll()
      .where('company_id', '=', companyId)
      .where('leave_type', '=', leaveType)
      .where('employee_id', '>=', fromId)
      .where('employee_id', '<=', toId)
      .orderBy('employee_id')
      .orderBy('effective_date')
      .orderBy('id')
      .execute();
    return rows.map(numeric);
  }

  async insert(db: Db, rows: NewRow<'leave_ledger'>[]): Promise<LedgerRow[]> {
    const out: LedgerRow[] = [];
    // 13 columns a row: 300 rows stay under every driver's bound-parameter limit.
    for (let i = 0; i < rows.length; i += 300) out.push(...(await db.insertInto('leave_ledger').values(rows.slice(i, i + 300)).returningAll().execute()));
    return out.map(numeric);
  }

  /** Bulk postings of a run: no rows read back. */
  async insertMany(db: Db, rows: NewRow<'leave_ledger'>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) await db.insertInto('leave_ledger').values(rows.slice(i, i + 500)).execute();
  }

  /** Leave requests still pending, with what they were priced at, by employee and type. */
  async pendingCosts(employeeIds: number[], db: Db = this.db): Promise<{ employee_id: number; leave_type: string; amount: number }[]> {
    const out: { employee_id: number; leave_type: string; amount: number }[] = [];
    for (let i = 0; i < employeeIds.length; i += IN_CHUNK) {
      const rows = await db
        .selectFrom('leave_request_costs as c')
        .innerJoin('requests as r', 'r.id', 'c.request_id')
        .select(['c.employee_id', 'c.leave_type', 'c.amount'])
        .where('c.employee_id', 'in', employeeIds.slice(i, i + IN_CHUNK))
        .where('r.status', '=', 'pending')
        .execute();
      out.push(...rows.map((r) => ({ employee_id: Number(r.employee_id), leave_type: r.leave_type, amount: Number(r.amount) })));
    }
    return out;
  }

  async saveCost(db: Db, row: NewRow<'leave_request_costs'>): Promise<void> {
    // A request re-priced (new dates from a platform) keeps one cost: the latest.
    await db
      .insertInto('leave_request_costs')
      .values(row)
      .onConflict((oc) => oc.column('request_id').doUpdateSet({ leave_type: row.leave_type, amount: row.amount, unit: row.unit, priced_at_ms: row.priced_at_ms }))
      .execute();
  }

  async costOf(db: Db, requestId: number): Promise<Row<'leave_request_costs'> | undefined> {
    const r = await db.selectFrom('leave_request_costs').selectAll().where('request_id', '=', requestId).executeTakeFirst();
    return r ? { ...r, amount: Number(r.amount) } : undefined;
  }

  /** Ledger entries a request has posted (taken and given back), newest last. */
  requestEntries(db: Db, requestId: number): Promise<LedgerRow[]> {
    return db.selectFrom('leave_ledger').selectAll().where('request_id', '=', requestId).orderBy('id').execute().then((r) => r.map(numeric));
  }

  async compensation(groupId: number, db: Db = this.db): Promise<Row<'overtime_compensation'> | undefined> {
    return db.selectFrom('overtime_compensation').selectAll().where('group_id', '=', groupId).executeTakeFirst();
  }

  async compensations(companyId: number): Promise<Row<'overtime_compensation'>[]> {
    return this.db.selectFrom('overtime_compensation').selectAll().where('company_id', '=', companyId).execute();
  }

  async group(id: number): Promise<Pick<Row<'attendance_groups'>, 'id' | 'company_id' | 'name'> | undefined> {
    return this.db.selectFrom('attendance_groups').select(['id', 'company_id', 'name']).where('id', '=', id).executeTakeFirst();
  }

  async saveCompensation(db: Db, row: NewRow<'overtime_compensation'>): Promise<void> {
    await db
      .insertInto('overtime_compensation')
      .values(row)
      .onConflict((oc) => oc.column('group_id').doUpdateSet({ workday: row.workday, restday: row.restday, holiday: row.holiday, credit_expiry_days: row.credit_expiry_days, updated_at_ms: row.updated_at_ms }))
      .execute();
  }

  /** Stored attendance days with overtime, for 调休 credits. */
  overtimeDays(companyId: number, fromDate: string, toDate: string): Promise<Pick<Row<'attendance_days'>, 'employee_id' | 'date' | 'group_id' | 'overtime_minutes' | 'overtime_category'>[]> {
    return this.db
      .selectFrom('attendance_days')
      .select(['employee_id', 'date', 'group_id', 'overtime_minutes', 'overtime_category'])
      .where('company_id', '=', companyId)
      .where('date', '>=', fromDate)
      .where('date', '<=', toDate)
      .where('overtime_minutes', '>', 0)
      .execute();
  }

  /**
   * Leave taken (net of give-backs) and 调休 credited per employee and type in a month, from the
   * ledger. A request's entry counts in the month of its leave days; a late entry for a closed
   * month (dated in a later month) counts in neither: it is that later month's payroll adjustment.
   */
  async usedInMonth(companyId: number, month: string, fromDate: string, toDate: string): Promise<{ employee_id: number; leave_type: string; kind: string; amount: number }[]> {
    const rows = await this.db
      .selectFrom('leave_ledger')
      .select(['employee_id', 'leave_type', 'kind', (eb) => eb.fn.sum<number>('amount').as('amount')])
      .where('company_id', '=', companyId)
      .where('effective_date', '>=', fromDate)
      .where('effective_date', '<=', toDate)
      .where((eb) => eb.or([eb('for_month', 'is', null), eb('for_month', '=', month)]))
      .where('kind', 'in', ['leave_taken', 'leave_cancelled', 'overtime_credit'])
      .groupBy(['employee_id', 'leave_type', 'kind'])
      .execute();
    return rows.map((r) => ({ employee_id: Number(r.employee_id), leave_type: r.leave_type, kind: r.kind, amount: Number(r.amount) }));
  }

  /** Sum of the ledger per employee and type up to a date (month-end balances of an export). */
  async balancesAt(companyId: number, asOf: string): Promise<{ employee_id: number; leave_type: string; amount: number }[]> {
    const rows = await this.db
      .selectFrom('leave_ledger')
      .select(['employee_id', 'leave_type', (eb) => eb.fn.sum<number>('amount').as('amount')])
      .where('company_id', '=', companyId)
      .where('effective_date', '<=', asOf)
      .groupBy(['employee_id', 'leave_type'])
      .execute();
    return rows.map((r) => ({ employee_id: Number(r.employee_id), leave_type: r.leave_type, amount: Math.round(Number(r.amount) * 100) / 100 }));
  }
}

/** PostgreSQL returns bigint as text; amounts come back as numbers on both. */
function numeric(r: LedgerRow): LedgerRow {
  return { ...r, id: Number(r.id), company_id: Number(r.company_id), employee_id: Number(r.employee_id), amount: Number(r.amount), request_id: r.request_id === null ? null : Number(r.request_id), created_by_user_id: r.created_by_user_id === null ? null : Number(r.created_by_user_id) };
}
