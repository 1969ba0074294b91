/** Request rows, the other requests a new one is checked against, and the approved inputs the attendance results read. */
import type { Kysely } from 'kysely';
import type { Correction, LeaveEntry, OvertimeApproval } from '../../engine/types.js';
import type { DB, Row } from '../../db/schema.js';
import { addDays, eachDate } from '../../shared/dates.js';

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
