/**
 * Late changes to closed months. A closed employee-month keeps its results, its payroll export and
 * its balances; what changes later is recorded here as a payroll adjustment carried into the first
 * open month after it:
 * - kind `result`: a recompute found a closed day's result different from what payroll has (the
 *   stored result, or the last adjustment of the day): before and after of the result fields, and
 *   the source (the request decided or the punch received since the close, else a setup change);
 * - kind `leave`: a leave request approved, changed or cancelled changed the leave units booked for
 *   a closed month (the ledger entry itself is dated in the month carried into).
 * Each adjustment is written with its `payroll.adjustment_recorded` event in one transaction.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB, NewRow } from '../../db/schema.js';
import { employeeRefs } from '../employees/employees.repo.js';
import { DAY_COLUMNS, dayResultFields, type DayRowValues } from '../attendance/day-events.js';
import type { StoredHashes } from '../attendance/results.repo.js';
import { ClosedMonths } from '../month-close/closed-months.js';
import { domainEvent, type DayResultFields, type EmployeeRef } from '../outbox/event-payloads.js';
import type { Outbox } from '../outbox/outbox.js';
import { PayrollAdjustmentsRepo, type AdjustmentRow } from './payroll-adjustments.repo.js';

export interface LateDay {
  employeeId: number;
  date: string;
  row: DayRowValues;
}

const HASH = DAY_COLUMNS.indexOf('result_hash');
const DAY_MS = 86_400_000;

/** What payroll compares: every result field but the explanation. */
const payrollView = (f: DayResultFields) => JSON.stringify({ ...f, reasons: undefined });

/** A rest day with nothing worked and no leave costs payroll nothing, with or without a stored row. */
const countsNothing = (f: DayResultFields) => f.status === 'rest' && f.workedMinutes === 0 && f.overtimeMinutes === 0 && f.leaveType === null;

export function adjustmentDto(r: AdjustmentRow) {
  return {
    id: r.id,
    employeeId: r.employee_id,
    date: r.date,
    closedMonth: r.closed_month,
    carriedIntoMonth: r.carried_into_month,
    kind: r.kind,
    source: r.source,
    sourceRef: r.source_ref,
    requestId: r.request_id,
    before: r.before === null ? null : (JSON.parse(r.before) as DayResultFields),
    after: r.after === null ? null : (JSON.parse(r.after) as DayResultFields),
    leaveType: r.leave_type,
    leaveUnitsBefore: r.leave_units_before,
    leaveUnitsAfter: r.leave_units_after,
    createdAtMs: r.created_at_ms,
  };
}

export class LateChangeRecorder {
  readonly repo: PayrollAdjustmentsRepo;
  readonly months: ClosedMonths;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly outbox: Outbox | null,
    private readonly now: () => number = Date.now,
  ) {
    this.repo = new PayrollAdjustmentsRepo(db);
    this.months = new ClosedMonths(db);
  }

  /** Compares recomputed closed days with what payroll has; records those that differ. Returns how many. */
  async recordResults(companyId: number, days: LateDay[], stored: StoredHashes): Promise<number> {
    if (!days.length) return 0;
    const dates = days.map((d) => d.date).sort();
    const latest = await this.repo.latestResults([...new Set(days.map((d) => d.employeeId))], dates[0], dates[dates.length - 1]);
    // Cheap first pass on hashes: an unchanged day reads nothing more.
    const changed = days.filter((d) => {
      const last = latest.get(`${d.employeeId}|${d.date}`);
      const known = last ? last.after_hash : (stored.get(d.employeeId)?.get(d.date) ?? null);
      return known === null || Number(known) !== Number(d.row[HASH]);
    });
    if (!changed.length) return 0;
    const rows = await this.repo.storedDays(changed.filter((d) => !latest.has(`${d.employeeId}|${d.date}`)));
    const planned: { day: LateDay; before: DayResultFields | null; after: DayResultFields }[] = [];
    for (const d of changed) {
      const key = `${d.employeeId}|${d.date}`;
      const last = latest.get(key);
      const storedRow = rows.get(key);
      const before = last ? (last.after === null ? null : (JSON.parse(last.after) as DayResultFields)) : storedRow ? dayResultFields(storedRow) : null;
      const after = dayResultFields(d.row);
      if (before ? payrollView(before) === payrollView(after) : countsNothing(after)) continue;
      planned.push({ day: d, before, after });
    }
    if (!planned.length) return 0;
    const refs = await employeeRefs(this.db, companyId, [...new Set(planned.map((p) => p.day.employeeId))]);
    const at = this.now();
    let announced = false;
    // Read outside the transaction: on SQLite one connection serves both.
    const sources: Awaited<ReturnType<LateChangeRecorder['sourceOf']>>[] = [];
    for (const p of planned) sources.push(await this.sourceOf(p.day.employeeId, p.day.date));
    await this.db.transaction().execute(async (trx) => {
      for (const [i, p] of planned.entries()) {
        const { employeeId, date } = p.day;
        const closedMonth = date.slice(0, 7);
        const source = sources[i];
        const row = await this.repo.insert(trx, {
          company_id: companyId, employee_id: employeeId, date, closed_month: closedMonth, carried_into_month: await this.months.carryInto(trx, employeeId, closedMonth),
          kind: 'result', source: source.source, source_ref: source.ref, request_id: source.requestId, before: p.before === null ? null : JSON.stringify(p.before), after: JSON.stringify(p.after),
          after_hash: Number(p.day.row[HASH]), leave_type: null, leave_units_before: null, leave_units_after: null, created_at_ms: at,
        });
        announced = (await this.announce(trx, refs.get(employeeId), row)) || announced;
      }
    });
    if (announced) this.outbox!.kick();
    return planned.length;
  }

  /**
   * Inside a leave request's transaction: the units booked for a closed month changed from
   * `before` to `after` (positive: units taken). Returns the month the ledger entry is dated in, and
   * whether an event was written (kick the outbox after commit).
   */
  async recordLeave(trx: Transaction<DB>, input: { companyId: number; employeeId: number; requestId: number; leaveType: string; date: string; before: number; after: number }): Promise<{ carriedInto: string; announced: boolean }> {
    const closedMonth = input.date.slice(0, 7);
    const carried = await this.months.carryInto(trx, input.employeeId, closedMonth);
    const values: NewRow<'payroll_adjustments'> = {
      company_id: input.companyId, employee_id: input.employeeId, date: input.date, closed_month: closedMonth, carried_into_month: carried, kind: 'leave', source: 'leave',
      source_ref: `request:${input.requestId}`, request_id: input.requestId, before: null, after: null, after_hash: null, leave_type: input.leaveType,
      leave_units_before: input.before, leave_units_after: input.after, created_at_ms: this.now(),
    };
    const row = await this.repo.insert(trx, values);
    const refs = await employeeRefs(trx, input.companyId, [input.employeeId]);
    return { carriedInto: carried, announced: await this.announce(trx, refs.get(input.employeeId), row) };
  }

  private async announce(trx: Kysely<DB>, ref: EmployeeRef | undefined, r: AdjustmentRow): Promise<boolean> {
    if (!ref || !this.outbox?.wants(r.company_id, 'payroll.adjustment_recorded')) return false;
    const d = adjustmentDto(r);
    await this.outbox.append(trx, [
      domainEvent(r.company_id, 'payroll.adjustment_recorded', `employee:${r.employee_id}`, {
        ...ref, adjustmentId: d.id, date: d.date, closedMonth: d.closedMonth, carriedIntoMonth: d.carriedIntoMonth, kind: d.kind, source: d.source, sourceRef: d.sourceRef,
        requestId: d.requestId, before: d.before, after: d.after, leaveType: d.leaveType, leaveUnitsBefore: d.leaveUnitsBefore, leaveUnitsAfter: d.leaveUnitsAfter,
      }, r.created_at_ms),
    ]);
    return true;
  }

  /** What changed the day since its month was closed: a decided request, a punch received, else the setup. */
  private async sourceOf(employeeId: number, date: string): Promise<{ source: AdjustmentRow['source']; ref: string | null; requestId: number | null }> {
    const since = (await this.repo.closedAtMs(employeeId, date.slice(0, 7))) ?? 0;
    const request = await this.repo.requestSince(employeeId, date, since);
    if (request) return { source: request.kind === 'correction' ? 'correction' : request.kind === 'leave' ? 'leave' : 'request', ref: `request:${request.id}`, requestId: request.id };
    // A punch can belong to the day before or after its local date (cross-midnight shifts).
    const dayStart = Date.parse(`${date}T00:00:00Z`);
    const punch = await this.repo.punchSince(employeeId, dayStart - 2 * DAY_MS, dayStart + 3 * DAY_MS, since);
    if (punch !== null) return { source: 'punch', ref: `checkin:${punch}`, requestId: null };
    return { source: 'recompute', ref: null, requestId: null };
  }
}
