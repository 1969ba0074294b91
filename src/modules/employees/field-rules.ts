/**
 * Field rules shared by the employee, department, site and user modules and by the
 * employee import, so a value is judged the same way whichever door it came in by.
 */
import { validationError, type FieldProblem } from '../../shared/errors.js';
import { isRealDate } from '../../http/paging.js';
import { isValidTimeZone } from '../../shared/time.js';
import { localDateOf } from '../../shared/zone-wall.js';

/** A field problem with a stable code, so clients can tell rules apart without parsing messages. */
export interface CodedProblem extends FieldProblem {
  code: string;
}

/**
 * Rejects the whole request when anything is wrong. The top-level code is the problems'
 * code when they agree, else VALIDATION_FAILED; each problem keeps its own code.
 */
export function rejectProblems(problems: CodedProblem[]): void {
  if (!problems.length) return;
  const codes = new Set(problems.map((p) => p.code));
  throw validationError(problems, codes.size === 1 ? problems[0].code : 'VALIDATION_FAILED');
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Mainland mobile numbers (optionally with +86), or any E.164 number.
const CN_MOBILE = /^(?:\+86)?1[3-9]\d{9}$/;
const E164 = /^\+[1-9]\d{6,14}$/;

export const isEmail = (s: string) => s.length <= 254 && EMAIL.test(s);

/** Spaces and dashes are how people write numbers, not part of them. */
export const normalizeMobile = (s: string) => s.replace(/[\s-]/g, '');
// A +86 number must be a mainland mobile number; E.164 covers the rest of the world.
export const isMobile = (s: string) => CN_MOBILE.test(s) || (!s.startsWith('+86') && E164.test(s));

export type EmployeeStatus = 'active' | 'inactive';

/** Values of an employee that need checking whatever their source (API body or import row). */
export interface EmployeeFields {
  email?: string | null;
  mobile?: string | null;
  hireDate?: string | null;
  leaveDate?: string | null;
  /** 参加工作日期. */
  workStartDate?: string | null;
  timeZone?: string | null;
}

/**
 * Checks the self-contained rules (formats, real dates, hire ≤ leave, zone). `name` maps a
 * field to how the client called it (`body.email`, or a column header for imports).
 */
export function checkEmployeeFields(f: EmployeeFields, name: (field: keyof EmployeeFields) => string): CodedProblem[] {
  const out: CodedProblem[] = [];
  if (f.email != null && !isEmail(f.email)) out.push({ path: name('email'), code: 'INVALID_EMAIL', message: `'${f.email}' is not an e-mail address` });
  if (f.mobile != null && !isMobile(f.mobile)) {
    out.push({ path: name('mobile'), code: 'INVALID_MOBILE', message: `'${f.mobile}' is neither a mainland mobile number (1[3-9] + 9 digits) nor E.164 (+…)` });
  }
  let datesOk = true;
  for (const field of ['hireDate', 'leaveDate', 'workStartDate'] as const) {
    const v = f[field];
    if (v != null && !isRealDate(v)) {
      datesOk = false;
      out.push({ path: name(field), code: 'INVALID_DATE', message: `'${v}' is not a real date (YYYY-MM-DD)` });
    }
  }
  if (datesOk && f.hireDate && f.leaveDate && f.leaveDate < f.hireDate) {
    out.push({ path: name('leaveDate'), code: 'LEAVE_BEFORE_HIRE', message: `leave date ${f.leaveDate} is before hire date ${f.hireDate}` });
  }
  if (datesOk && f.workStartDate && f.hireDate && f.workStartDate > f.hireDate) {
    out.push({ path: name('workStartDate'), code: 'WORK_START_AFTER_HIRE', message: `work start date ${f.workStartDate} is after hire date ${f.hireDate}` });
  }
  if (f.timeZone != null && !isValidTimeZone(f.timeZone)) out.push({ path: name('timeZone'), code: 'INVALID_TIME_ZONE', message: `'${f.timeZone}' is not an IANA time zone` });
  return out;
}

/** Today's date in a zone, for defaults such as the leave date of a deactivation. */
export function todayIn(zone: string, nowMs: number): string {
  return localDateOf(zone, nowMs);
}

/**
 * True for a unique-constraint violation on either database. The services check uniqueness
 * first; this catches the race where two requests pass that check at the same moment.
 */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
