/**
 * Daily detail (每日明细): one row per employee and date with punches, minutes and status; and the
 * anomalies report, the same rows restricted to late, early, missing-punch and absent days.
 */
import { clockOf, DAY_TYPE_LABEL, daySymbol, hours, LEGEND, OVERTIME_LABEL, STATUS_LABEL, weekdayOf } from './day-values.js';
import { employeeDays, IDENTITY_COLUMNS } from './monthly-report.js';
import type { ReportContext } from './report-context.js';
import type { DayRow } from './reports.repo.js';
import type { Explanation } from '../../engine/types.js';
import { isReasonCode, renderReason, type ReasonLocale } from '../../shared/reasons/render.js';
import type { Cell, ReportColumn, ReportTable } from './report-table.js';

const COLUMNS: ReportColumn[] = [
  ...IDENTITY_COLUMNS,
  { header: '日期', width: 11, kind: 'text' },
  { header: '星期', width: 5, kind: 'text' },
  { header: '日期类型', width: 9, kind: 'text' },
  { header: '班次', width: 10, kind: 'text' },
  { header: '上班打卡', width: 10, kind: 'text' },
  { header: '下班打卡', width: 10, kind: 'text' },
  { header: '迟到(分钟)', width: 9, kind: 'number' },
  { header: '早退(分钟)', width: 9, kind: 'number' },
  { header: '工作时长(小时)', width: 11, kind: 'number' },
  { header: '加班(小时)', width: 9, kind: 'number' },
  { header: '加班类别', width: 8, kind: 'text' },
  { header: '请假', width: 10, kind: 'text' },
  { header: '补卡次数', width: 8, kind: 'number' },
  { header: '状态', width: 9, kind: 'text' },
  { header: '标记', width: 7, kind: 'text' },
];

/** Fields whose reasons explain an anomaly. */
const ANOMALY_FIELDS = new Set(['late', 'lateLevel', 'early', 'missingIn', 'missingOut', 'status', 'flags']);

/**
 * The stored reasons of an anomalous day's figures, rendered in the requested language. Rows stored
 * before reasons had codes have none to show (a recompute stores them).
 */
function anomalyReasons(stored: string | null, locale: ReasonLocale): string {
  if (!stored) return '';
  let list: unknown;
  try {
    list = JSON.parse(stored);
  } catch {
    return '';
  }
  if (!Array.isArray(list)) return '';
  const texts = list
    .filter((e): e is Explanation => typeof e === 'object' && e !== null && isReasonCode((e as Explanation).code) && ANOMALY_FIELDS.has((e as Explanation).field))
    .map((e) => `${e.rule} ${renderReason(e, locale)}`);
  return texts.join(locale === 'en' ? '; ' : '；');
}

/** Day flags for HR (R11), appended to the status. */
const FLAG_NOTE = { punches_on_leave: '（请假日有打卡）' } as const;

function anomalyNote(r: DayRow): string {
  const parts: string[] = [];
  if (r.late === 1) parts.push(r.late_level === 'absenteeism' ? '旷工迟到' : r.late_level === 'serious' ? '严重迟到' : '迟到');
  if (r.early === 1) parts.push('早退');
  if (r.missing_in === 1 && r.missing_out !== 1) parts.push('上班缺卡');
  if (r.missing_out === 1 && r.missing_in !== 1) parts.push('下班缺卡');
  return parts.join('、');
}

export async function dailyTable(ctx: ReportContext, kind: 'daily' | 'anomalies'): Promise<ReportTable> {
  const shiftNames = await ctx.repo.shiftTypeNames(ctx.companyId);
  const leaveNames = new Map((await ctx.repo.leaveTypes(ctx.companyId, ctx.selection.from, ctx.selection.to)).map((l) => [l.code, l.name]));
  const columns = kind === 'anomalies' ? [...COLUMNS, { header: '异常', width: 14, kind: 'text' as const }, { header: '规则说明', width: 60, kind: 'text' as const }] : COLUMNS;
  async function* chunks() {
    for await (const batch of employeeDays(ctx, kind === 'anomalies')) {
      // Employees come in job-number order, each with their days by date.
      const days = batch.flatMap((b) => b.days);
      const byId = new Map(batch.map((b) => [b.employee.id, b.employee]));
      const rows = days.map((r): Cell[] => {
        const e = byId.get(r.employee_id)!;
        const leave = r.leave_type === null ? '' : `${leaveNames.get(r.leave_type) ?? r.leave_type}${leavePart(r)}`;
        const row: Cell[] = [
          e.job_number,
          e.name,
          ctx.departmentPath(e.department_id),
          r.date,
          weekdayOf(r.date),
          DAY_TYPE_LABEL[r.day_type] ?? r.day_type,
          r.shift_type_id === null ? '' : (shiftNames.get(r.shift_type_id) ?? String(r.shift_type_id)),
          clockOf(r.in_time, r.date),
          clockOf(r.out_time, r.date),
          r.late_minutes,
          r.early_minutes,
          hours(r.worked_minutes),
          hours(r.overtime_minutes),
          r.overtime_minutes > 0 ? (OVERTIME_LABEL[r.overtime_category] ?? r.overtime_category) : '',
          leave,
          r.corrections_used,
          (STATUS_LABEL[r.status] ?? r.status) + (r.flags?.includes('punches_on_leave') ? FLAG_NOTE.punches_on_leave : ''),
          daySymbol(r),
        ];
        if (kind === 'anomalies') row.push(r.status === 'absent' ? '旷工' : anomalyNote(r), anomalyReasons(r.explanation, ctx.reasonLocale));
        return row;
      });
      yield { rows, employees: batch.length };
    }
  }
  const period = ctx.selection.from === ctx.selection.to ? ctx.selection.from : `${ctx.selection.from} 至 ${ctx.selection.to}`;
  return {
    title: `${ctx.companyName} ${period} ${kind === 'daily' ? '每日考勤明细' : '考勤异常明细'}`,
    subtitle: ctx.subtitle,
    sheetName: kind === 'daily' ? '每日明细' : '异常明细',
    columns,
    frozenColumns: 2,
    employeeCount: ctx.employeeCount,
    chunks: chunks(),
    legend: [LEGEND],
    pdfPageSize: 'A4',
  };
}

/** (上午) / (下午) on a half-leave day, the hours of hourly leave when there are some. */
function leavePart(r: DayRow): string {
  if (r.leave_half === 'am') return '(上午)';
  if (r.leave_half === 'pm') return '(下午)';
  return r.leave_minutes > 0 ? `(${hours(r.leave_minutes)}小时)` : '';
}
