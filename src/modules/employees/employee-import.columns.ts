/**
 * The columns an employee file may have, under the Chinese or English headers people use,
 * and how a cell becomes a value. Pure.
 */
import { isRealDate } from '../../http/paging.js';
import { cellText, type Cell } from './tabular-file.js';

export type ImportField =
  | 'jobNumber'
  | 'name'
  | 'email'
  | 'mobile'
  | 'department'
  | 'managerJobNumber'
  | 'site'
  | 'hireDate'
  | 'leaveDate'
  | 'timeZone'
  | 'status';

const ALIASES: Record<ImportField, string[]> = {
  jobNumber: ['工号', '员工工号', 'jobnumber', 'employeeno', 'employeenumber'],
  name: ['姓名', '名字', 'name'],
  email: ['邮箱', '电子邮箱', '邮件', 'email', 'e-mail'],
  mobile: ['手机', '手机号', '手机号码', 'mobile', 'phone'],
  department: ['部门', 'department', 'dept'],
  managerJobNumber: ['直属上级工号', '上级工号', 'managerjobnumber'],
  site: ['站点', '考勤地点', 'site'],
  hireDate: ['入职日期', 'hiredate'],
  leaveDate: ['离职日期', 'leavedate'],
  timeZone: ['时区', 'timezone'],
  status: ['状态', 'status'],
};

/** Every column, in the order the template lists them. */
export const IMPORT_FIELDS = Object.keys(ALIASES) as ImportField[];

/** `*工号`, `Job Number`, `入职日期(YYYY-MM-DD)` and `job_number` all name the same column. */
const headerKey = (h: string) =>
  h
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[\s_*]/g, '')
    .toLowerCase()
    .replace(/^e-?mail$/, 'email');

const BY_KEY = new Map<string, ImportField>();
for (const [field, names] of Object.entries(ALIASES) as [ImportField, string[]][]) for (const n of names) BY_KEY.set(headerKey(n), field);

export function fieldOfHeader(header: string): ImportField | undefined {
  return BY_KEY.get(headerKey(header));
}

/** The header to name in a problem about a column the file does not have. */
export const defaultHeader = (f: ImportField) => ALIASES[f][0];

const STATUS: Record<string, 'active' | 'inactive'> = {
  active: 'active',
  在职: 'active',
  启用: 'active',
  正常: 'active',
  inactive: 'inactive',
  离职: 'inactive',
  停用: 'inactive',
};

export function parseStatus(c: Cell): 'active' | 'inactive' | null | undefined {
  const t = cellText(c);
  if (t === '') return null;
  return STATUS[t.toLowerCase()];
}

// Excel counts days from 1899-12-30 (keeping Lotus's phantom 1900-02-29).
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * A date cell as `YYYY-MM-DD`: Excel dates, serial numbers, `2024-3-5`, `2024/3/5`, `2024.3.5`
 * and `2024年3月5日`. Returns null for blank, undefined when it is not a real date.
 */
export function parseDateCell(c: Cell): string | null | undefined {
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? undefined : c.toISOString().slice(0, 10);
  if (typeof c === 'number') {
    if (!Number.isFinite(c) || c < 1 || c > 2958465) return undefined;
    return new Date(EXCEL_EPOCH_MS + Math.floor(c) * 86_400_000).toISOString().slice(0, 10);
  }
  const t = cellText(c);
  if (t === '') return null;
  const m = t.match(/^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/);
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isRealDate(iso) ? iso : undefined;
}
