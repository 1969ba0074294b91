/**
 * Opening balances at go-live from CSV or XLSX: one row per employee and leave type with 工号,
 * 假期类型 (code or name), 余额 and optionally 生效日期 and 备注. A dry run reports every problem by
 * line and posts nothing; a real run posts all rows or none. Each row is an `import` entry whose
 * reference names its date, so importing the same file again posts nothing twice.
 */
import { isRealDate } from '../../http/paging.js';
import { closedKey } from '../month-close/month-close.repo.js';
import { AppError, validationError } from '../../shared/errors.js';
import type { Actor } from '../auth/actor.js';
import { cellText, readTabularFile } from '../employees/tabular-file.js';
import type { LeaveBalancesService } from './leave-balances.service.js';

const MAX_ROWS = 20_000;
const COLUMNS = {
  jobNumber: ['工号', 'jobnumber', 'job number'],
  leaveType: ['假期类型', 'leavetype', 'leave type', '类型'],
  amount: ['余额', 'amount', 'balance'],
  effectiveDate: ['生效日期', 'effectivedate', 'effective date', '日期'],
  reason: ['备注', 'reason', '原因'],
} as const;

export interface ImportOutcome {
  dryRun: boolean;
  rows: number;
  posted: number;
  alreadyImported: number;
  problems: { line: number; column: string; code: string; message: string }[];
}

export async function importBalances(svc: LeaveBalancesService, actor: Actor, companyId: number, filename: string, content: Buffer, dryRun: boolean): Promise<ImportOutcome> {
  svc.assertHr(actor, companyId);
  const file = await readTabularFile(filename, content, { maxRows: MAX_ROWS });
  const norm = (h: string) => h.trim().toLowerCase();
  const index = Object.fromEntries(Object.entries(COLUMNS).map(([k, names]) => [k, file.headers.findIndex((h) => (names as readonly string[]).includes(norm(h)))])) as Record<keyof typeof COLUMNS, number>;
  const missing = (['jobNumber', 'leaveType', 'amount'] as const).filter((k) => index[k] < 0);
  if (missing.length) throw validationError(missing.map((k) => ({ path: `file.${COLUMNS[k][0]}`, message: `the file has no ${COLUMNS[k][0]} column` })), 'IMPORT_COLUMNS_MISSING');
  const types = (await svc.repo.leaveTypes(companyId)).filter((t) => t.rules !== null);
  const employees = new Map((await svc.repo.employees(companyId, { limit: 1_000_000 })).map((e) => [e.job_number, e]));
  const today = await svc.today(companyId);
  const out: ImportOutcome = { dryRun, rows: file.rows.length, posted: 0, alreadyImported: 0, problems: [] };
  const planned: { employeeId: number; leaveType: string; amount: number; date: string; reason: string; line: number }[] = [];
  for (const r of file.rows) {
    const cell = (k: keyof typeof COLUMNS) => (index[k] < 0 ? '' : cellText(r.cells[index[k]] ?? null));
    const problem = (k: keyof typeof COLUMNS, code: string, message: string) => out.problems.push({ line: r.line, column: COLUMNS[k][0], code, message });
    const e = employees.get(cell('jobNumber'));
    if (!e) problem('jobNumber', 'UNKNOWN_EMPLOYEE', `no employee with job number '${cell('jobNumber')}'`);
    const typeText = cell('leaveType');
    const type = types.find((t) => t.code === typeText || t.name === typeText);
    if (!type) problem('leaveType', 'UNKNOWN_LEAVE_TYPE', `'${typeText}' is not a leave type that keeps a balance`);
    const amount = Number(cell('amount'));
    if (cell('amount') === '' || !Number.isFinite(amount) || Math.abs(amount) > 10_000) problem('amount', 'INVALID_AMOUNT', `'${cell('amount')}' is not an amount`);
    else if (type && type.unit !== 'hour' && Math.round(amount * 2) !== amount * 2) problem('amount', 'AMOUNT_NOT_IN_UNIT', `${type.name} counts in ${type.unit === 'day' ? 'days' : 'half days'}`);
    const date = cell('effectiveDate') || today;
    if (!isRealDate(date)) problem('effectiveDate', 'INVALID_DATE', `'${date}' is not a real date (YYYY-MM-DD)`);
    if (e && type && out.problems.every((p) => p.line !== r.line)) planned.push({ employeeId: e.id, leaveType: type.code, amount, date, reason: cell('reason').slice(0, 500) || `imported from ${filename.slice(0, 100)}`, line: r.line });
  }
  if (out.problems.length) return out;
  const months = planned.map((p) => p.date.slice(0, 7)).sort();
  const closed = await svc.months.closedKeys(companyId, months[0], months[months.length - 1], [...new Set(planned.map((p) => p.employeeId))]);
  const inClosed = planned.find((p) => closed.has(closedKey(p.employeeId, p.date.slice(0, 7))));
  if (inClosed) throw new AppError('MONTH_CLOSED', `line ${inClosed.line}: ${inClosed.date.slice(0, 7)} is closed for payroll`, 409, { line: inClosed.line, month: inClosed.date.slice(0, 7) });
  const existing = await svc.repo.entries([...new Set(planned.map((p) => p.employeeId))]);
  const refs = new Set(existing.filter((r) => r.ref !== null).map((r) => `${r.employee_id}:${r.leave_type}:${r.ref}`));
  const rows = [];
  for (const p of planned) {
    const ref = `import:${p.date}`;
    if (refs.has(`${p.employeeId}:${p.leaveType}:${ref}`)) {
      out.alreadyImported++;
      continue;
    }
    refs.add(`${p.employeeId}:${p.leaveType}:${ref}`);
    rows.push({ company_id: companyId, employee_id: p.employeeId, leave_type: p.leaveType, kind: 'import' as const, amount: p.amount, effective_date: p.date, expires_on: null, ref, request_id: null, reason: p.reason, created_by_user_id: actor.userId, created_at_ms: svc.now() });
  }
  out.posted = dryRun ? 0 : await svc.post(actor, companyId, rows, 'leave_balance.import', { filename: filename.slice(0, 200) });
  return out;
}
