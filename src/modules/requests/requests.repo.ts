/**
 * Request rows, the other requests a new one is checked against, and the approved inputs the
 * attendance results read; plus what filing a request reads of its employee, company and group.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Correction, LeaveEntry, OvertimeApproval } from '../../engine/types.js';
import type { DB, NewRow, Row, RowPatch } from '../../db/schema.js';
import { countRows } from '../../db/count.js';
import { addDays, eachDate } from '../../shared/dates.js';

/** The database, or the transaction a write runs in. */
type Db = Kysely<DB> | Transaction<DB>;

export function requestDto(r: Row<'requests'>) {
  return {
    id: r.id,
    companyId: r.company_id,
    employeeId: r.employee_id,
    kind: r.kind,
    status: r.status,
    leaveType: r.leave_type,
    fromDate: r.from_date,
    toDate: r.to_date,
    half: r.half,
    hours: r.hours === null ? null : Number(r.hours),
    fromMs: r.from_ms === null ? null : Number(r.from_ms),
    toMs: r.to_ms === null ? null : Number(r.to_ms),
    correctionAtMs: r.correction_at_ms === null ? null : Number(r.correction_at_ms),
    reason: r.reason,
    source: r.source,
    externalId: r.external_id,
    createdByUserId: r.created_by_user_id,
    decidedByUserId: r.decided_by_user_id,
    decidedAtMs: r.decided_at_ms === null ? null : Number(r.decided_at_ms),
    decisionNote: r.decision_note,
    createdAtMs: Number(r.created_at_ms),
    updatedAtMs: Number(r.updated_at_ms),
  };
}
export type RequestDto = ReturnType<typeof requestDto>;

/**
 * The dates whose results a request can change. Overtime and corrections reach one day back: an
 * instant after midnight may belong to the previous day's cross-midnight shift (R1).
 */
export function coveredDates(r: Pick<Row<'requests'>, 'kind' | 'from_date' | 'to_date'>): { fromDate: string; toDate: string } {
  const from = r.from_date!;
  const to = r.to_date ?? from;
  return r.kind === 'leave' ? { fromDate: from, toDate: to } : { fromDate: addDays(from, -1), toDate: to };
}

export interface ApprovedInputs {
  /** One entry per employee and date, within the asked range; full-day leave has half null. */
  leave: (LeaveEntry & { employeeId: number })[];
  /**
   * Hourly leave (R11a), one entry per employee and date: its window as instants when the request
   * has one, else only its length in hours.
   */
  hourlyLeave: { employeeId: number; date: string; hours: number; type: string; fromMs: number | null; toMs: number | null }[];
  overtime: (OvertimeApproval & { employeeId: number })[];
  corrections: (Correction & { employeeId: number })[];
}

/**
 * Approved leave, overtime and corrections of some employees over fromDate…toDate (inclusive).
 * Overtime windows and corrections are those whose local dates fall within one day of the range;
 * the engine matches them by instant.
 */
export async function approvedInputs(db: Kysely<DB>, companyId: number, employeeIds: number[], fromDate: string, toDate: string): Promise<ApprovedInputs> {
  const out: ApprovedInputs = { leave: [], hourlyLeave: [], overtime: [], corrections: [] };
  if (!employeeIds.length) return out;
  const lo = addDays(fromDate, -1);
  const hi = addDays(toDate, 1);
  const rows: Row<'requests'>[] = [];
  for (let i = 0; i < employeeIds.length; i += 500) {
    rows.push(
      ...(await db
        .selectFrom('requests')
        .selectAll()
        .where('company_id', '=', companyId)
        .where('employee_id', 'in', employeeIds.slice(i, i + 500))
        .where('status', '=', 'approved')
        .where('from_date', '<=', hi)
        .where('to_date', '>=', lo)
        .orderBy('id')
        .execute()),
    );
  }
  for (const r of rows) {
    if (r.kind === 'leave') {
      const start = r.from_date! > fromDate ? r.from_date! : fromDate;
      const end = r.to_date! < toDate ? r.to_date! : toDate;
      for (const d of eachDate(start, end)) {
        if (r.hours !== null) {
          const windowed = r.from_ms !== null && r.to_ms !== null;
          out.hourlyLeave.push({ employeeId: r.employee_id, date: d, hours: Number(r.hours), type: r.leave_type ?? '', fromMs: windowed ? Number(r.from_ms) : null, toMs: windowed ? Number(r.to_ms) : null });
        }
        else out.leave.push({ employeeId: r.employee_id, date: d, half: r.half, type: r.leave_type ?? '' });
      }
    } else if (r.kind === 'overtime') {
      out.overtime.push({ employeeId: r.employee_id, date: r.from_date!, fromMs: Number(r.from_ms), toMs: Number(r.to_ms) });
    } else {
      out.corrections.push({ employeeId: r.employee_id, atMs: Number(r.correction_at_ms), ...(r.reason ? { reason: r.reason } : {}), id: `request:${r.id}` });
    }
  }
  return out;
}

/** Pending or approved 补卡 of an employee dated within a month ('YYYY-MM'). */
export async function countCorrectionsInMonth(db: Kysely<DB>, employeeId: number, month: string): Promise<number> {
  const used = await db
    .selectFrom('requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('employee_id', '=', employeeId)
    .where('kind', '=', 'correction')
    .where('status', 'in', ['pending', 'approved'])
    .where('from_date', '>=', `${month}-01`)
    .where('from_date', '<=', `${month}-31`)
    .executeTakeFirstOrThrow();
  return Number(used.n);
}

/** Pending or approved leave of an employee that touches fromDate…toDate. */
export function overlappingLeave(db: Kysely<DB>, employeeId: number, fromDate: string, toDate: string) {
  return db
    .selectFrom('requests')
    .select(['id', 'from_date', 'to_date', 'half', 'hours'])
    .where('employee_id', '=', employeeId)
    .where('kind', '=', 'leave')
    .where('status', 'in', ['pending', 'approved'])
    .where('from_date', '<=', toDate)
    .where('to_date', '>=', fromDate)
    .execute();
}

// ── request rows ──────────────────────────────────────────────────────────

export function findRequest(db: Db, id: number): Promise<Row<'requests'> | undefined> {
  return db.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The request mirrored from a platform approval, by its external id. */
export function findExternalRequest(db: Db, companyId: number, source: Row<'requests'>['source'], externalId: string): Promise<Row<'requests'> | undefined> {
  return db.selectFrom('requests').selectAll().where('company_id', '=', companyId).where('source', '=', source).where('external_id', '=', externalId).executeTakeFirst();
}

export function insertRequest(db: Db, row: NewRow<'requests'>): Promise<Row<'requests'>> {
  return db.insertInto('requests').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateRequest(db: Db, id: number, patch: RowPatch<'requests'>): Promise<Row<'requests'>> {
  return db.updateTable('requests').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/**
 * Moves the request on only while it still has status `from`: the updated row, or undefined when
 * it has moved already (so of two concurrent decisions only one moves the row).
 */
export function updateRequestFromStatus(db: Db, id: number, from: Row<'requests'>['status'], patch: RowPatch<'requests'>): Promise<Row<'requests'> | undefined> {
  return db.updateTable('requests').set(patch).where('id', '=', id).where('status', '=', from).returningAll().executeTakeFirst();
}

export interface RequestListFilter {
  /** Requests of these companies; null: of every company. */
  companyIds: number[] | null;
  /** Only requests of these employees (what someone who is not HR may see). */
  employeeIds?: number[];
  /** Only pending requests waiting for someone: not their own, and of their team when given. */
  pendingFor?: { ownEmployeeId: number | null; teamIds?: number[] };
  /** Only requests of this employee (the caller's own; -1 matches none). */
  mineEmployeeId?: number;
  status?: Row<'requests'>['status'];
  kind?: Row<'requests'>['kind'];
  employeeId?: number;
  limit: number;
  offset: number;
}

/** A page of requests, newest first, and how many match. Empty id lists match nothing. */
export async function listRequests(db: Kysely<DB>, f: RequestListFilter): Promise<{ rows: Row<'requests'>[]; total: number }> {
  let base = db.selectFrom('requests');
  if (f.companyIds) base = base.where('company_id', 'in', f.companyIds.length ? f.companyIds : [-1]);
  if (f.employeeIds) base = base.where('employee_id', 'in', f.employeeIds.length ? f.employeeIds : [-1]);
  if (f.pendingFor) {
    base = base.where('status', '=', 'pending');
    if (f.pendingFor.ownEmployeeId !== null) base = base.where('employee_id', '!=', f.pendingFor.ownEmployeeId);
    if (f.pendingFor.teamIds) base = base.where('employee_id', 'in', f.pendingFor.teamIds.length ? f.pendingFor.teamIds : [-1]);
  }
  if (f.mineEmployeeId !== undefined) base = base.where('employee_id', '=', f.mineEmployeeId);
  if (f.status) base = base.where('status', '=', f.status);
  if (f.kind) base = base.where('kind', '=', f.kind);
  if (f.employeeId !== undefined) base = base.where('employee_id', '=', f.employeeId);
  const [rows, total] = await Promise.all([
    base.selectAll().orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute(),
    countRows(base),
  ]);
  return { rows, total };
}

// ── what filing reads: employee, company zone, leave types, group policy ──

export type RequestEmployee = Pick<Row<'employees'>, 'id' | 'company_id' | 'department_id' | 'manager_id' | 'time_zone'>;

export function findRequestEmployee(db: Kysely<DB>, id: number): Promise<RequestEmployee | undefined> {
  return db.selectFrom('employees').select(['id', 'company_id', 'department_id', 'manager_id', 'time_zone']).where('id', '=', id).executeTakeFirst();
}

/** Code and unit of the company's active leave types. */
export function activeLeaveTypeUnits(db: Kysely<DB>, companyId: number) {
  return db.selectFrom('leave_types').select(['code', 'unit']).where('company_id', '=', companyId).where('active', '=', 1).execute();
}

export function groupPolicy(db: Kysely<DB>, groupId: number): Promise<Pick<Row<'attendance_groups'>, 'policy'> | undefined> {
  return db.selectFrom('attendance_groups').select('policy').where('id', '=', groupId).executeTakeFirst();
}
