/**
 * The field rules of leave, overtime and 补卡 requests. Pure: answers with coded field problems and
 * returns the columns to store. Every kind stores the local dates it concerns in from_date/to_date,
 * so date-range queries work the same for all kinds.
 */
import { isRealDate } from '../../http/paging.js';
import { daysFromTo } from '../../shared/bounds.js';
import { addDays, localDate } from '../../shared/dates.js';
import { parseIsoInstant } from '../../shared/time.js';
import { rejectProblems, type CodedProblem } from '../employees/field-rules.js';
import type { RequestCreateT } from './requests.schemas.js';

/** The longest single leave request (a year); longer absences are entered year by year. */
export const MAX_LEAVE_DAYS = 366;

export interface RequestFields {
  kind: 'leave' | 'overtime' | 'correction';
  leaveType: string | null;
  fromDate: string;
  toDate: string;
  half: 'am' | 'pm' | null;
  hours: number | null;
  fromMs: number | null;
  toMs: number | null;
  correctionAtMs: number | null;
  reason: string | null;
}

export type RequestInput = Omit<RequestCreateT, 'employeeId'> & { correctionAtMs?: number | null };

const KIND_FIELDS: Record<RequestFields['kind'], (keyof RequestInput)[]> = {
  // Hourly leave may give its window (from/to or fromMs/toMs), as overtime does.
  leave: ['leaveType', 'fromDate', 'toDate', 'half', 'hours', 'fromMs', 'toMs', 'from', 'to'],
  overtime: ['fromMs', 'toMs', 'from', 'to'],
  correction: ['time', 'correctionAtMs'],
};
const MAX_OVERTIME_MS = 24 * 3_600_000;

/** `leaveTypes`: active codes → unit of the company; null for connector data the platform has judged already (leave type and 补卡 reason not checked). */
export function checkRequest(input: RequestInput, zone: string, leaveTypes: Map<string, 'day' | 'half_day' | 'hour'> | null): RequestFields {
  const p: CodedProblem[] = [];
  const own = new Set(KIND_FIELDS[input.kind]);
  const other = [...new Set(Object.entries(KIND_FIELDS).filter(([k]) => k !== input.kind).flatMap(([, f]) => f))].filter((f) => !own.has(f));
  for (const f of other) {
    if (input[f] !== undefined && input[f] !== null) p.push({ path: `body.${f}`, code: 'FIELD_NOT_FOR_KIND', message: `${f} does not apply to a ${input.kind} request` });
  }
  const reason = input.reason?.trim() || null;
  const out: RequestFields = { kind: input.kind, leaveType: null, fromDate: '', toDate: '', half: null, hours: null, fromMs: null, toMs: null, correctionAtMs: null, reason };
  if (input.kind === 'leave') {
    out.leaveType = input.leaveType ?? null;
    if (!out.leaveType) p.push({ path: 'body.leaveType', code: 'LEAVE_TYPE_REQUIRED', message: 'name the leave type' });
    else if (leaveTypes && !leaveTypes.has(out.leaveType)) p.push({ path: 'body.leaveType', code: 'UNKNOWN_LEAVE_TYPE', message: `'${out.leaveType}' is not an active leave type of the company` });
    const from = input.fromDate;
    const to = input.toDate ?? from;
    if (!from) p.push({ path: 'body.fromDate', code: 'DATE_REQUIRED', message: 'fromDate is required for leave' });
    else if (!isRealDate(from)) p.push({ path: 'body.fromDate', code: 'INVALID_DATE', message: `'${from}' is not a real date` });
    if (to && !isRealDate(to)) p.push({ path: 'body.toDate', code: 'INVALID_DATE', message: `'${to}' is not a real date` });
    if (from && to && to < from) p.push({ path: 'body.toDate', code: 'DATE_ORDER', message: 'toDate is before fromDate' });
    else if (from && to && isRealDate(from) && isRealDate(to) && daysFromTo(from, to) + 1 > MAX_LEAVE_DAYS) {
      p.push({ path: 'body.toDate', code: 'RANGE_TOO_LONG', message: `one leave request covers at most ${MAX_LEAVE_DAYS} days` });
    }
    out.fromDate = from ?? '';
    out.toDate = to ?? '';
    out.half = input.half ?? null;
    out.hours = input.hours ?? null;
    leaveWindow(input, out, from, zone, p);
    if (out.half && from !== to) p.push({ path: 'body.half', code: 'HALF_DAY_SPAN', message: 'a half-day leave covers one date: fromDate must equal toDate' });
    if (out.hours !== null && from !== to) p.push({ path: 'body.hours', code: 'HOURS_SPAN', message: 'hourly leave covers one date: fromDate must equal toDate' });
    if (out.hours !== null && out.half) p.push({ path: 'body.hours', code: 'HALF_AND_HOURS', message: 'give half or hours, not both' });
    const unit = out.leaveType && leaveTypes ? leaveTypes.get(out.leaveType) : undefined;
    if (unit === 'day' && (out.half || out.hours !== null)) p.push({ path: out.half ? 'body.half' : 'body.hours', code: 'LEAVE_UNIT', message: `'${out.leaveType}' is taken in whole days` });
    if (unit === 'half_day' && out.hours !== null) p.push({ path: 'body.hours', code: 'LEAVE_UNIT', message: `'${out.leaveType}' is taken in half days, not hours` });
  } else if (input.kind === 'overtime') {
    const from = input.fromMs ?? instant(input.from, 'body.from', p);
    const to = input.toMs ?? instant(input.to, 'body.to', p);
    if (from === undefined || to === undefined) {
      if (!p.some((x) => x.code === 'INVALID_TIME')) p.push({ path: from === undefined ? 'body.fromMs' : 'body.toMs', code: 'TIME_REQUIRED', message: 'overtime needs fromMs/toMs or from/to' });
    } else if (to <= from || to - from > MAX_OVERTIME_MS) {
      p.push({ path: 'body.toMs', code: 'OVERTIME_RANGE', message: 'the end must be after the start and at most 24 hours later' });
    } else {
      Object.assign(out, { fromMs: from, toMs: to, fromDate: localDate(from, zone), toDate: localDate(to - 1, zone) });
    }
  } else {
    const at = input.correctionAtMs ?? instant(input.time, 'body.time', p);
    if (at === undefined) {
      if (!p.some((x) => x.code === 'INVALID_TIME')) p.push({ path: 'body.time', code: 'TIME_REQUIRED', message: 'a 补卡 needs the time of the missing punch' });
    } else {
      const date = localDate(at, zone);
      Object.assign(out, { correctionAtMs: at, fromDate: date, toDate: date });
    }
    if (!reason && leaveTypes) p.push({ path: 'body.reason', code: 'REASON_REQUIRED', message: 'a 补卡 needs a reason' });
  }
  rejectProblems(p);
  return out;
}

/**
 * The window of an hourly leave (R11a): from/to (ISO with offset) or fromMs/toMs, at most 24 hours,
 * starting on fromDate or the next local date (a cross-midnight shift's night). It makes the leave
 * hourly; `hours`, when also given, must be its length.
 */
function leaveWindow(input: RequestInput, out: RequestFields, fromDate: string | undefined, zone: string, p: CodedProblem[]): void {
  const given = [input.from, input.to, input.fromMs, input.toMs].some((v) => v !== undefined && v !== null);
  if (!given) return;
  const from = input.fromMs ?? instant(input.from, 'body.from', p);
  const to = input.toMs ?? instant(input.to, 'body.to', p);
  if (from === undefined || to === undefined) {
    if (!p.some((x) => x.code === 'INVALID_TIME')) p.push({ path: from === undefined ? 'body.from' : 'body.to', code: 'TIME_REQUIRED', message: 'an hourly leave window needs both from and to' });
    return;
  }
  if (to <= from || to - from > MAX_OVERTIME_MS) {
    p.push({ path: 'body.to', code: 'LEAVE_WINDOW', message: 'the end must be after the start and at most 24 hours later' });
    return;
  }
  if (out.half) p.push({ path: 'body.half', code: 'HALF_AND_HOURS', message: 'give half or an hourly window, not both' });
  const startDate = localDate(from, zone);
  if (fromDate && isRealDate(fromDate) && startDate !== fromDate && startDate !== addDays(fromDate, 1)) {
    p.push({ path: 'body.from', code: 'LEAVE_WINDOW', message: `the window must start on ${fromDate} (or during the night after it)` });
  }
  const hours = Math.round(((to - from) / 3_600_000) * 100) / 100;
  if (out.hours !== null && Math.abs(out.hours - hours) > 0.01) {
    p.push({ path: 'body.hours', code: 'HOURS_WINDOW', message: `hours ${out.hours} differ from the window's ${hours}` });
  }
  out.hours = hours;
  out.fromMs = from;
  out.toMs = to;
}

function instant(text: string | undefined, path: string, p: CodedProblem[]): number | undefined {
  if (text === undefined) return undefined;
  const parsed = parseIsoInstant(text);
  if (!parsed) {
    p.push({ path, code: 'INVALID_TIME', message: `'${text}' is not an ISO-8601 time with an offset` });
    return undefined;
  }
  return parsed.atMs;
}
