/**
 * The monthly sheet (月度汇总): one row per employee with the DingTalk monthly columns, then one
 * symbol per day. The figures come from `summarizeRows` (the engine's `summarizeMonth`).
 */
import type { MonthlySummary } from '../../engine/summarize-month.js';
import { eachDate } from '../../shared/dates.js';
import { settledForSummary } from '../attendance/day-progress.js';
import { daySymbol, hours, LEGEND, summarizeRows, SYMBOLS, weekdayOf } from './day-values.js';
import type { ReportContext } from './report-context.js';
import type { DayRow, ReportEmployee } from './reports.repo.js';
import type { Cell, ReportColumn, ReportTable } from './report-table.js';

/** Employees per keyset page. */
export const CHUNK_EMPLOYEES = 500;
/**
 * Employees whose days are read and written together. Small on purpose: a batch's rows stay alive
 * while it is written, and the fewer young-generation collections they live through, the fewer get
 * promoted to the old generation, which is what drives an export's peak memory.
 */
export const DAY_BATCH = 25;

export interface EmployeeMonth {
  employee: ReportEmployee;
  department: string;
  days: DayRow[];
  summary: MonthlySummary;
}

/** Employees of the selection in small batches, each with its stored days. */
export async function* employeeDays(ctx: ReportContext, anomaliesOnly = false): AsyncGenerator<{ employee: ReportEmployee; days: DayRow[] }[]> {
  for await (const page of ctx.repo.employeeChunks(ctx.selection, CHUNK_EMPLOYEES)) {
    for (let i = 0; i < page.length; i += DAY_BATCH) {
      const employees = page.slice(i, i + DAY_BATCH);
      const rows = await ctx.repo.days(employees.map((e) => e.id), ctx.selection.from, ctx.selection.to, anomaliesOnly);
      const byEmployee = new Map<number, DayRow[]>();
      for (const r of rows) {
        const list = byEmployee.get(r.employee_id);
        if (list) list.push(r);
        else byEmployee.set(r.employee_id, [r]);
      }
      yield employees.map((employee) => ({ employee, days: byEmployee.get(employee.id) ?? [] }));
    }
  }
}

/** Employees of the selection with their month, one small batch at a time. */
export async function* employeeMonths(ctx: ReportContext): AsyncGenerator<EmployeeMonth[]> {
  for await (const batch of employeeDays(ctx)) {
    yield batch.map(({ employee, days }) => {
      // Today's day in progress is not counted as 旷工 or 缺卡 before its window closes.
      const settled = days.flatMap((d) => settledForSummary(d, ctx.inProgress(d)) ?? []);
      return { employee, department: ctx.departmentPath(employee.department_id), days, summary: summarizeRows(settled, ctx.month!) };
    });
  }
}

const num = (header: string, width = 9): ReportColumn => ({ header, width, kind: 'number' });

/** Leave types taken by the hour get an hours column after their days column (R11a). */
export function summaryColumns(leaveTypes: { code: string; name: string; unit?: string }[]): { columns: ReportColumn[]; values: (s: MonthlySummary) => Cell[] } {
  const columns: ReportColumn[] = [
    num('应出勤天数'),
    num('出勤天数'),
    num('迟到次数'),
    num('迟到时长(分钟)', 11),
    num('严重迟到次数', 10),
    num('旷工迟到次数', 10),
    num('早退次数'),
    num('早退时长(分钟)', 11),
    num('上班缺卡次数', 10),
    num('下班缺卡次数', 10),
    num('旷工天数'),
    num('半天出勤天数', 10),
    ...leaveTypes.flatMap((l) => (l.unit === 'hour' ? [num(`${l.name}(天)`), num(`${l.name}(小时)`)] : [num(`${l.name}(天)`)])),
    num('工作日加班(小时)', 12),
    num('休息日加班(小时)', 12),
    num('节假日加班(小时)', 12),
    num('补卡次数'),
    num('工作时长(小时)', 11),
  ];
  const values = (s: MonthlySummary): Cell[] => [
    s.shouldAttendDays,
    s.attendedDays,
    s.lateCount,
    s.lateMinutes,
    s.seriousLateCount,
    s.absenteeismLateCount,
    s.earlyCount,
    s.earlyMinutes,
    s.missingInCount,
    s.missingOutCount,
    s.absentDays,
    s.halfDays,
    ...leaveTypes.flatMap((l) => {
      const days = s.leaveDaysByType[l.code] ?? 0;
      return l.unit === 'hour' ? [days, hours(s.leaveMinutesByType[l.code] ?? 0)] : [days];
    }),
    hours(s.overtimeMinutesByCategory.workday),
    hours(s.overtimeMinutesByCategory.restday),
    hours(s.overtimeMinutesByCategory.holiday),
    s.correctionsUsed,
    hours(s.workedMinutes),
  ];
  return { columns, values };
}

export const IDENTITY_COLUMNS: ReportColumn[] = [
  { header: '工号', width: 10, kind: 'text' },
  { header: '姓名', width: 10, kind: 'text' },
  { header: '部门', width: 22, kind: 'text' },
];

export async function monthlyTable(ctx: ReportContext): Promise<ReportTable> {
  const month = ctx.month!;
  const dates = eachDate(ctx.selection.from, ctx.selection.to);
  const leaveTypes = await ctx.repo.leaveTypes(ctx.companyId, ctx.selection.from, ctx.selection.to);
  const summary = summaryColumns(leaveTypes);
  const dayColumns: ReportColumn[] = dates.map((d) => ({ header: String(Number(d.slice(8))), sub: weekdayOf(d), width: 4, kind: 'symbol' }));
  const [y, m] = month.split('-');
  async function* chunks() {
    for await (const list of employeeMonths(ctx)) {
      const rows = list.map((em) => {
        const byDate = new Map(em.days.map((d) => [d.date, d]));
        return [
          em.employee.job_number,
          em.employee.name,
          em.department,
          ...summary.values(em.summary),
          ...dates.map((d) => {
            const r = byDate.get(d);
            return r ? (ctx.inProgress(r) ? SYMBOLS.inProgress : daySymbol(r)) : null;
          }),
        ];
      });
      yield { rows, employees: list.length };
    }
  }
  return {
    title: `${ctx.companyName} ${y}年${Number(m)}月 月度考勤汇总`,
    subtitle: ctx.subtitle,
    sheetName: `${y}年${Number(m)}月考勤`,
    columns: [...IDENTITY_COLUMNS, ...summary.columns, ...dayColumns],
    frozenColumns: 2,
    employeeCount: ctx.employeeCount,
    chunks: chunks(),
    legend: [LEGEND],
    pdfPageSize: 'A3',
  };
}
