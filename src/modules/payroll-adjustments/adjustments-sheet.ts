/**
 * The adjustments section of a month's payroll export (调整明细): every late change to a closed day
 * carried into this month, one row each, with the figures payroll books as a difference: the
 * result fields before and after, and the leave units before, after and their difference.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { DayResultFields, PayrollAdjustmentPayload } from '../outbox/event-payloads.js';
import { csvLine, UTF8_BOM } from '../reports/csv-writer.js';
import { STATUS_LABEL } from '../reports/day-values.js';
import type { Cell, ReportColumn, ReportSection } from '../reports/report-table.js';
import { PayrollAdjustmentsRepo, type AdjustmentRow } from './payroll-adjustments.repo.js';

/** Bounds one export's section; a month with more adjustments than this is an error upstream. */
export const MAX_ADJUSTMENT_ROWS = 50_000;

const SOURCE_LABEL: Record<AdjustmentRow['source'], string> = { punch: '补录打卡', correction: '补卡', leave: '请假变更', request: '审批变更', recompute: '排班/规则变更' };
const KIND_LABEL: Record<AdjustmentRow['kind'], string> = { result: '考勤结果', leave: '假期用量' };

const text = (h: string, width = 10): ReportColumn => ({ header: h, kind: 'text', width });
const num = (h: string): ReportColumn => ({ header: h, kind: 'number', width: 10 });

export const ADJUSTMENT_COLUMNS: ReportColumn[] = [
  text('工号'), text('姓名'), text('日期', 12), text('所属月份'), text('计入月份'), text('类别'), text('来源', 12), text('来源单据', 14),
  text('状态(调整前)'), text('状态(调整后)'), num('迟到分钟(前)'), num('迟到分钟(后)'), num('早退分钟(前)'), num('早退分钟(后)'),
  num('缺卡次数(前)'), num('缺卡次数(后)'), num('工作分钟(前)'), num('工作分钟(后)'), num('加班分钟(前)'), num('加班分钟(后)'),
  text('假期类型'), num('假期用量(前)'), num('假期用量(后)'), num('假期差额'),
];

const missing = (f: DayResultFields) => (f.missingIn ? 1 : 0) + (f.missingOut ? 1 : 0);
const pair = (b: DayResultFields | null, a: DayResultFields | null, get: (f: DayResultFields) => number): Cell[] => [b ? get(b) : null, a ? get(a) : null];
const round2 = (x: number) => Math.round(x * 100) / 100;

/** One adjustment as a row of ADJUSTMENT_COLUMNS. */
export function adjustmentCells(r: AdjustmentRow & { job_number: string; name: string }): Cell[] {
  const before = r.before === null ? null : (JSON.parse(r.before) as DayResultFields);
  const after = r.after === null ? null : (JSON.parse(r.after) as DayResultFields);
  const status = (f: DayResultFields | null) => (f ? (STATUS_LABEL[f.status] ?? f.status) : r.kind === 'result' ? '无记录' : null);
  const leaveLeaveType = r.kind === 'leave' ? r.leave_type : (after?.leaveType ?? before?.leaveType ?? null);
  return [
    r.job_number, r.name, r.date, r.closed_month, r.carried_into_month, KIND_LABEL[r.kind], SOURCE_LABEL[r.source], r.source_ref,
    status(before), status(after),
    ...pair(before, after, (f) => f.lateMinutes), ...pair(before, after, (f) => f.earlyMinutes), ...pair(before, after, missing),
    ...pair(before, after, (f) => f.workedMinutes), ...pair(before, after, (f) => f.overtimeMinutes),
    leaveLeaveType, r.leave_units_before, r.leave_units_after,
    r.leave_units_before !== null && r.leave_units_after !== null ? round2(r.leave_units_after - r.leave_units_before) : null,
  ];
}

/** The section for a month, or null when nothing was carried into it. */
export async function adjustmentsSection(db: Kysely<DB>, companyId: number, month: string, departmentIds: number[] | null, closeId?: number): Promise<ReportSection | null> {
  const rows = await new PayrollAdjustmentsRepo(db).carriedInto(companyId, month, departmentIds, MAX_ADJUSTMENT_ROWS, closeId);
  if (!rows.length) return null;
  const [y, m] = month.split('-');
  return { title: `调整明细（以前月份已关账，计入${y}年${Number(m)}月）`, sheetName: '调整明细', columns: ADJUSTMENT_COLUMNS, rows: rows.map(adjustmentCells) };
}

/** The CSV a payroll endpoint receives for one adjustment: the section's header and its one row. */
export function adjustmentCsv(p: PayrollAdjustmentPayload): string {
  const row = adjustmentCells({
    id: p.adjustmentId, company_id: 0, employee_id: p.employeeId, date: p.date, closed_month: p.closedMonth, carried_into_month: p.carriedIntoMonth, kind: p.kind,
    source: p.source as AdjustmentRow['source'], source_ref: p.sourceRef, request_id: p.requestId, before: p.before === null ? null : JSON.stringify(p.before),
    after: p.after === null ? null : JSON.stringify(p.after), after_hash: null, leave_type: p.leaveType, leave_units_before: p.leaveUnitsBefore, leave_units_after: p.leaveUnitsAfter,
    created_at_ms: 0, job_number: p.employeeNo, name: p.name,
  });
  return UTF8_BOM + csvLine(ADJUSTMENT_COLUMNS.map((c) => c.header)) + csvLine(row);
}
