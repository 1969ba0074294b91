/**
 * The payroll export: the monthly figures in the columns a payroll system imports, named and ordered
 * by a per-company mapping (`settings` key `payroll_mapping:<companyId>`). Fields are the monthly
 * summary's, plus `leaveDays.<leave type code>`, `leaveHours.<leave type code>` (hourly leave, R11a),
 * `overtimeHours.<category>` and a few derived ones. From the leave ledger: `leaveTaken.<code>` (in the
 * type's unit), `balance.<code>` at month end, `compensatoryCreditedHours` and `compensatoryUsedHours`
 * (调休). Lateness rules in DingTalk's 迟到规则 style name their free allowance N in the field:
 * `lateDeductions.<N>` counts the late arrivals after the first N of the month, `lateAsLeaveDays.<N>`
 * turns each of them into half a day of personal leave.
 */
import type { MonthlySummary } from '../../engine/summarize-month.js';
import type { OvertimeCategory } from '../../engine/types.js';
import type { FieldProblem } from '../../shared/errors.js';
import { hours } from './day-values.js';
import { employeeMonths, type EmployeeMonth } from './monthly-report.js';
import type { ReportContext } from './report-context.js';
import type { Cell, ReportColumn, ReportTable } from './report-table.js';
import type { PayrollLeaveFigures } from '../leave-balances/payroll-figures.js';

export interface PayrollColumn {
  header: string;
  field: string;
}
export interface PayrollMapping {
  columns: PayrollColumn[];
}

export const payrollMappingKey = (companyId: number) => `payroll_mapping:${companyId}`;

export const DEFAULT_PAYROLL_MAPPING: PayrollMapping = {
  columns: [
    { header: '工号', field: 'jobNumber' },
    { header: '姓名', field: 'name' },
    { header: '部门', field: 'department' },
    { header: '应出勤天数', field: 'shouldAttendDays' },
    { header: '出勤天数', field: 'attendedDays' },
    { header: '迟到次数', field: 'lateCount' },
    { header: '迟到分钟', field: 'lateMinutes' },
    { header: '早退次数', field: 'earlyCount' },
    { header: '缺卡次数', field: 'missingCount' },
    { header: '旷工天数', field: 'absentDays' },
    { header: '事假天数', field: 'leaveDays.personal' },
    { header: '事假小时', field: 'leaveHours.personal' },
    { header: '病假天数', field: 'leaveDays.sick' },
    { header: '年假天数', field: 'leaveDays.annual' },
    { header: '加班小时(工作日)', field: 'overtimeHours.workday' },
    { header: '加班小时(休息日)', field: 'overtimeHours.restday' },
    { header: '加班小时(节假日)', field: 'overtimeHours.holiday' },
    { header: '补卡次数', field: 'correctionsUsed' },
  ],
};

type Getter = (em: EmployeeMonth) => Cell;
const summaryField = (k: keyof MonthlySummary): Getter => (em) => em.summary[k] as number;
const CATEGORIES: OvertimeCategory[] = ['workday', 'restday', 'holiday'];
const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

const SIMPLE: Record<string, { kind: 'text' | 'number'; get: Getter }> = {
  jobNumber: { kind: 'text', get: (em) => em.employee.job_number },
  name: { kind: 'text', get: (em) => em.employee.name },
  department: { kind: 'text', get: (em) => em.department },
  employeeId: { kind: 'number', get: (em) => em.employee.id },
  missingCount: { kind: 'number', get: (em) => em.summary.missingInCount + em.summary.missingOutCount },
  workedHours: { kind: 'number', get: (em) => hours(em.summary.workedMinutes) },
  'leaveDays.total': { kind: 'number', get: (em) => sum(em.summary.leaveDaysByType) },
  'leaveHours.total': { kind: 'number', get: (em) => hours(sum(em.summary.leaveMinutesByType)) },
  'overtimeHours.total': { kind: 'number', get: (em) => hours(sum(em.summary.overtimeMinutesByCategory)) },
  'overtimeMinutes.total': { kind: 'number', get: (em) => sum(em.summary.overtimeMinutesByCategory) },
};
for (const k of [
  'shouldAttendDays', 'attendedDays', 'lateCount', 'lateMinutes', 'seriousLateCount', 'absenteeismLateCount', 'earlyCount', 'earlyMinutes',
  'missingInCount', 'missingOutCount', 'absentDays', 'halfDays', 'correctionsUsed', 'restDays', 'holidayDays', 'workedMinutes',
] as const) {
  SIMPLE[k] = { kind: 'number', get: summaryField(k) };
}
for (const c of CATEGORIES) {
  SIMPLE[`overtimeHours.${c}`] = { kind: 'number', get: (em) => hours(em.summary.overtimeMinutesByCategory[c]) };
  SIMPLE[`overtimeMinutes.${c}`] = { kind: 'number', get: (em) => em.summary.overtimeMinutesByCategory[c] };
}

const LEAVE_FIELD = /^leave(Days|Hours)\.([A-Za-z0-9_.-]{1,64})$/;
const LEDGER_FIELD = /^(leaveTaken|balance)\.([A-Za-z0-9_.-]{1,64})$/;
const LATE_RULE_FIELD = /^(lateDeductions|lateAsLeaveDays)\.(\d{1,2})$/;

export const PAYROLL_FIELDS = [
  ...Object.keys(SIMPLE),
  'leaveDays.<leave type code>',
  'leaveHours.<leave type code>',
  'leaveTaken.<leave type code>',
  'balance.<leave type code>',
  'compensatoryCreditedHours',
  'compensatoryUsedHours',
  'lateDeductions.<free late arrivals a month>',
  'lateAsLeaveDays.<free late arrivals a month>',
];

const NO_LEAVE: PayrollLeaveFigures = { taken: new Map(), credited: new Map(), balance: new Map() };

export function payrollField(field: string, leave: PayrollLeaveFigures = NO_LEAVE): { kind: 'text' | 'number'; get: Getter } | null {
  if (SIMPLE[field]) return SIMPLE[field];
  if (field === 'compensatoryCreditedHours') return { kind: 'number', get: (em) => leave.credited.get(em.employee.id) ?? 0 };
  if (field === 'compensatoryUsedHours') return { kind: 'number', get: (em) => leave.taken.get(em.employee.id)?.compensatory ?? 0 };
  const ledger = LEDGER_FIELD.exec(field);
  if (ledger) {
    const source = ledger[1] === 'leaveTaken' ? leave.taken : leave.balance;
    return { kind: 'number', get: (em) => source.get(em.employee.id)?.[ledger[2]] ?? 0 };
  }
  const late = LATE_RULE_FIELD.exec(field);
  if (late) {
    const free = Number(late[2]);
    const beyond = (em: EmployeeMonth) => Math.max(0, em.summary.lateCount - free);
    return { kind: 'number', get: late[1] === 'lateDeductions' ? beyond : (em) => beyond(em) * 0.5 };
  }
  const m = LEAVE_FIELD.exec(field);
  if (!m) return null;
  const code = m[2];
  if (m[1] === 'Hours') return { kind: 'number', get: (em) => hours(em.summary.leaveMinutesByType[code] ?? 0) };
  return { kind: 'number', get: (em) => em.summary.leaveDaysByType[code] ?? 0 };
}

/** Problems with a mapping, named by path (`body.columns[2].field`). */
export function mappingProblems(m: PayrollMapping): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  m.columns.forEach((c, i) => {
    if (!payrollField(c.field)) {
      problems.push({ path: `body.columns[${i}].field`, message: `'${c.field}' is not a payroll field; use one of ${PAYROLL_FIELDS.join(', ')}` });
    }
    if (seen.has(c.header)) problems.push({ path: `body.columns[${i}].header`, message: `'${c.header}' is used by another column` });
    seen.add(c.header);
  });
  return problems;
}

export function payrollTable(ctx: ReportContext, mapping: PayrollMapping, leave: PayrollLeaveFigures = NO_LEAVE): ReportTable {
  const fields = mapping.columns.map((c) => payrollField(c.field, leave)!);
  const columns: ReportColumn[] = mapping.columns.map((c, i) => ({ header: c.header, kind: fields[i].kind, width: Math.max(8, c.header.length * 2 + 2) }));
  const [y, m] = ctx.month!.split('-');
  async function* chunks() {
    for await (const list of employeeMonths(ctx)) {
      yield { rows: list.map((em) => fields.map((f) => f.get(em))), employees: list.length };
    }
  }
  return {
    title: `${ctx.companyName} ${y}年${Number(m)}月 薪资考勤数据`,
    subtitle: ctx.subtitle,
    sheetName: `${y}年${Number(m)}月薪资考勤`,
    columns,
    frozenColumns: 0,
    employeeCount: ctx.employeeCount,
    chunks: chunks(),
    legend: [],
    bare: true,
    pdfPageSize: 'A4',
  };
}
