/**
 * Report exports for the API and the CLI. Everything that can fail (parameters, access, a missing
 * company or department, the PDF size cap) fails before the first byte is written, and every export
 * is audited (`report.export`) before it streams, since it takes data out of the hub.
 */
import { DayProgress } from '../attendance/day-progress.js';
import { DaysRepo } from '../attendance/days.repo.js';
import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { RawHandle } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { AppError, notFound, validationError } from '../../shared/errors.js';
import { wallMinuteOf } from '../../shared/zone-wall.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import type { AccessPolicy } from '../auth/access.js';
import { reasonLocaleOf } from '../../shared/reasons/render.js';
import type { Actor } from '../auth/actor.js';
import { DepartmentTree } from '../departments/department-tree.js';
import { dailyTable } from './daily-report.js';
import { deviceLagTable } from './device-lag-report.js';
import { monthlyTable } from './monthly-report.js';
import { payrollLeaveFigures } from '../leave-balances/payroll-figures.js';
import { adjustmentsSection } from '../payroll-adjustments/adjustments-sheet.js';
import { LeaveLedgerRepo } from '../leave-balances/leave-ledger.repo.js';
import { DEFAULT_PAYROLL_MAPPING, mappingProblems, PAYROLL_FIELDS, payrollMappingKey, payrollTable, type PayrollMapping } from './payroll.js';
import type { ReportContext } from './report-context.js';
import { parseReportParams, type RawReportParams, type ReportFormat, type ReportKind, type ReportParams } from './report-params.js';
import type { Progress, ReportTable } from './report-table.js';
import { ReportsRepo } from './reports.repo.js';

/**
 * pdfmake lays a whole document out in memory (about 10 kB per table cell at peak): a PDF is
 * refused beyond this many cells (≈ 1,800 employees on the monthly sheet, ≈ 5,000 daily rows).
 * XLSX and CSV stream and have no such limit.
 */
export const PDF_MAX_CELLS = 100_000;

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
};

const KIND_LABEL: Record<ReportKind, string> = {
  monthly: '月度考勤汇总',
  daily: '每日考勤明细',
  anomalies: '考勤异常明细',
  payroll: '薪资考勤数据',
  'device-lag': '考勤机上传延迟',
};

export interface ReportExport {
  filename: string;
  contentType: string;
  employeeCount: number;
  /** Streams the file into `out` and ends it. */
  write(out: Writable, progress?: Progress): Promise<void>;
}

export class ReportsService {
  private readonly repo: ReportsRepo;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly access: AccessPolicy,
    private readonly audit: AuditRepo,
    private readonly now: () => number = Date.now,
    raw?: RawHandle,
  ) {
    this.repo = new ReportsRepo(db, raw);
    this.dayProgress = new DayProgress(new DaysRepo(db), now);
  }

  private readonly dayProgress: DayProgress;

  /**
   * `only.closeId` (payroll delivery, never the API) limits the export to the employee-months that
   * one month close holds: a department's close and the later close of the rest of the company
   * each deliver their own people, and together everyone once.
   */
  async export(actor: Actor, kind: ReportKind, raw: RawReportParams, only: { closeId?: number } = {}): Promise<ReportExport> {
    this.access.assertScope(actor, 'read');
    const params = parseReportParams(kind, raw);
    this.access.assertCompany(actor, params.companyId);
    // Payroll figures and the company's machines are HR matters, not a manager's or an employee's.
    if (kind === 'payroll' || kind === 'device-lag') this.access.assertRole(actor, ['admin', 'hr'], 'read');
    const ctx = await this.context(actor, params, only.closeId);
    const mapping = kind === 'payroll' ? await this.mappingOf(params.companyId) : null;
    const table: ReportTable =
      kind === 'monthly'
        ? await monthlyTable(ctx)
        : kind === 'payroll'
          ? {
              ...payrollTable(ctx, mapping!.mapping, await payrollLeaveFigures(new LeaveLedgerRepo(this.db), params.companyId, params.month!)),
              sections: [await adjustmentsSection(this.db, params.companyId, params.month!, ctx.selection.departmentIds ?? null, only.closeId)].filter((x) => x !== null),
            }
          : kind === 'device-lag'
            ? deviceLagTable(ctx, this.db)
            : await dailyTable(ctx, kind);
    if (params.format === 'pdf') {
      const rows = kind === 'daily' || kind === 'anomalies' ? await this.repo.countDays(ctx.selection, kind === 'anomalies') : ctx.employeeCount;
      const cells = rows * table.columns.length;
      if (cells > PDF_MAX_CELLS) {
        throw new AppError('PDF_TOO_LARGE', `This PDF would hold ${rows} rows × ${table.columns.length} columns, more than the ${PDF_MAX_CELLS} cells a PDF export allows; choose a department or a shorter period, or export XLSX/CSV`, 400, {
          rows,
          columns: table.columns.length,
          maxCells: PDF_MAX_CELLS,
        });
      }
    }

    await this.audit.record(this.db, actor, {
      action: 'report.export',
      entity: 'report',
      entityId: kind,
      companyId: params.companyId,
      after: { kind, format: params.format, month: params.month, from: params.from, to: params.to, departmentId: params.departmentId, employees: ctx.employeeCount },
    });
    const period = params.month ?? (params.from === params.to ? params.from : `${params.from}_${params.to}`);
    return {
      filename: `${ctx.companyCode}_${period}_${KIND_LABEL[kind]}.${params.format}`,
      contentType: CONTENT_TYPES[params.format],
      employeeCount: ctx.employeeCount,
      async write(out, progress) {
        const t = table;
        // Writers load on first use: pdfmake with its font machinery costs tens of MB a CSV never needs.
        if (params.format === 'xlsx') await (await import('./xlsx-writer.js')).writeXlsx(t, out, progress);
        else if (params.format === 'csv') await (await import('./csv-writer.js')).writeCsv(t, out, progress);
        else await (await import('./pdf-writer.js')).writePdf(t, out, progress);
      },
    };
  }

  async getPayrollMapping(actor: Actor, companyId: number) {
    this.access.assertCompany(actor, companyId);
    this.access.assertRole(actor, ['admin', 'hr'], 'read');
    if (!(await this.repo.company(companyId))) throw notFound('company', companyId);
    const { mapping, isDefault } = await this.mappingOf(companyId);
    return { companyId, isDefault, columns: mapping.columns, fields: PAYROLL_FIELDS };
  }

  async putPayrollMapping(actor: Actor, companyId: number, mapping: PayrollMapping) {
    this.access.assertCompany(actor, companyId, 'write');
    this.access.assertRole(actor, ['admin', 'hr']);
    if (!(await this.repo.company(companyId))) throw notFound('company', companyId);
    const problems = mappingProblems(mapping);
    if (problems.length) throw validationError(problems, 'INVALID_PAYROLL_MAPPING');
    const clean: PayrollMapping = { columns: mapping.columns.map((c) => ({ header: c.header, field: c.field })) };
    await this.db.transaction().execute(async (trx) => {
      const before = await this.mappingOf(companyId, trx);
      await this.repo.putSetting(trx, payrollMappingKey(companyId), JSON.stringify(clean), this.now());
      await this.audit.record(trx, actor, {
        action: 'report.payroll_mapping.update',
        entity: 'payroll_mapping',
        entityId: companyId,
        companyId,
        before: before.isDefault ? null : before.mapping,
        after: clean,
      });
    });
    return { companyId, isDefault: false, columns: clean.columns, fields: PAYROLL_FIELDS };
  }

  private async mappingOf(companyId: number, db: Kysely<DB> = this.db): Promise<{ mapping: PayrollMapping; isDefault: boolean }> {
    const value = await (db === this.db ? this.repo : new ReportsRepo(db)).setting(payrollMappingKey(companyId));
    if (value === null) return { mapping: DEFAULT_PAYROLL_MAPPING, isDefault: true };
    return { mapping: JSON.parse(value) as PayrollMapping, isDefault: false };
  }

  private async context(actor: Actor, p: ReportParams, closeId?: number): Promise<ReportContext> {
    const company = await this.repo.company(p.companyId);
    if (!company) throw notFound('company', p.companyId);
    const scope = await this.access.employeeScope(actor, p.companyId);
    const tree = new DepartmentTree(await this.repo.departments(p.companyId));
    let departmentIds: number[] | undefined;
    if (p.departmentId !== null) {
      if (!tree.get(p.departmentId)) throw notFound('department', p.departmentId);
      departmentIds = tree.subtree(p.departmentId);
    }
    const selection = { companyId: p.companyId, scope, departmentIds, from: p.from, to: p.to, ...(closeId !== undefined ? { closeId } : {}) };
    const employeeCount = p.kind === 'device-lag' ? await this.repo.countDevices(p.companyId) : await this.repo.countEmployees(selection);
    const paths = new Map<number, string>();
    const departmentPath = (id: number | null) => {
      if (id === null) return '';
      let s = paths.get(id);
      if (s === undefined) paths.set(id, (s = tree.pathOf(id)));
      return s;
    };
    const stamp = wallMinuteOf(company.time_zone, this.now());
    const subtitle = [
      `公司：${company.name}`,
      `期间：${p.from} 至 ${p.to}`,
      `部门：${p.departmentId === null ? '全部' : `${departmentPath(p.departmentId)}（含下级）`}`,
      p.kind === 'device-lag' ? `设备数：${employeeCount}` : `人数：${employeeCount}`,
      `导出：${stamp}（${actor.name}）`,
    ].join('　');
    // Rule explanations: the requested language, else the user's own, else the browser's.
    const own = p.reasonLocale === null && actor.userId !== null ? await this.repo.userLocale(actor.userId) : null;
    const reasonLocale = p.reasonLocale ?? reasonLocaleOf(own ?? p.acceptLanguage);
    const inProgress = await this.dayProgress.judge(p.companyId);
    return { repo: this.repo, companyId: p.companyId, companyName: company.name, companyCode: company.code, timeZone: company.time_zone, month: p.month, selection, employeeCount, departmentPath, subtitle, reasonLocale, inProgress };
  }
}
