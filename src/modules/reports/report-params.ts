/**
 * Report parameters as the API and the CLI receive them, checked once with stable error codes
 * (INVALID_MONTH, INVALID_DATE, INVALID_DATE_RANGE, RANGE_TOO_LONG, UNSUPPORTED_FORMAT, UNSUPPORTED_FILTER).
 */
import { isRealDate } from '../../http/paging.js';
import { isSupportedMonth, MAX_DATE, MIN_DATE } from '../../shared/bounds.js';
import { reasonLocaleOf, type ReasonLocale } from '../../shared/reasons/render.js';
import { addDays } from '../../shared/dates.js';
import { badRequest } from '../../shared/errors.js';

export type ReportKind = 'monthly' | 'daily' | 'anomalies' | 'payroll' | 'device-lag';
export type ReportFormat = 'xlsx' | 'pdf' | 'csv';

export const FORMATS: Record<ReportKind, ReportFormat[]> = {
  monthly: ['xlsx', 'pdf', 'csv'],
  daily: ['xlsx', 'pdf', 'csv'],
  anomalies: ['xlsx', 'pdf', 'csv'],
  payroll: ['csv', 'xlsx'],
  'device-lag': ['xlsx', 'pdf', 'csv'],
};

export const MAX_RANGE_DAYS = 93;

export interface RawReportParams {
  companyId: number;
  month?: string;
  from?: string;
  to?: string;
  departmentId?: number;
  format?: string;
  /** Language of rule explanations: `en…` is English, anything else zh-CN. */
  lang?: string;
  /** The request's Accept-Language, used when neither `lang` nor the user's own locale says. */
  acceptLanguage?: string;
}

export interface ReportParams {
  kind: ReportKind;
  companyId: number;
  format: ReportFormat;
  /** `YYYY-MM` for monthly and payroll. */
  month: string | null;
  from: string;
  to: string;
  departmentId: number | null;
  /** Set from `lang` here; the service falls back to the user's locale, then Accept-Language. */
  reasonLocale: ReasonLocale | null;
  acceptLanguage: string | null;
}

export function lastDayOfMonth(month: string): string {
  return addDays(`${addDays(`${month}-28`, 4).slice(0, 7)}-01`, -1);
}

export function parseReportParams(kind: ReportKind, raw: RawReportParams): ReportParams {
  const format = (raw.format ?? 'xlsx').toLowerCase();
  if (!(FORMATS[kind] as string[]).includes(format)) {
    throw badRequest('UNSUPPORTED_FORMAT', `format '${raw.format}' is not available for the ${kind} report; use ${FORMATS[kind].join(', ')}`, {
      field: 'format',
      allowed: FORMATS[kind],
    });
  }
  if (kind === 'device-lag' && raw.departmentId !== undefined) {
    throw badRequest('UNSUPPORTED_FILTER', 'devices belong to a company and its sites, not to departments: leave out departmentId', { field: 'departmentId' });
  }
  const base = { kind, companyId: raw.companyId, format: format as ReportFormat, departmentId: raw.departmentId ?? null, reasonLocale: raw.lang ? reasonLocaleOf(raw.lang) : null, acceptLanguage: raw.acceptLanguage ?? null };
  if (kind === 'monthly' || kind === 'payroll') {
    const month = raw.month ?? '';
    if (!isSupportedMonth(month)) {
      throw badRequest('INVALID_MONTH', `month must be YYYY-MM from ${MIN_DATE.slice(0, 7)} to ${MAX_DATE.slice(0, 7)} (e.g. 2026-10), not '${String(month).slice(0, 40)}'`, { field: 'month' });
    }
    return { ...base, month, from: `${month}-01`, to: lastDayOfMonth(month) };
  }
  for (const f of ['from', 'to'] as const) {
    if (!raw[f] || !isRealDate(raw[f]!)) throw badRequest('INVALID_DATE', `${f} must be a date YYYY-MM-DD, not '${raw[f] ?? ''}'`, { field: f });
  }
  const from = raw.from!;
  const to = raw.to!;
  if (to < from) throw badRequest('INVALID_DATE_RANGE', `to (${to}) is before from (${from})`, { field: 'to' });
  if (addDays(from, MAX_RANGE_DAYS - 1) < to) {
    throw badRequest('RANGE_TOO_LONG', `a report by date range covers at most ${MAX_RANGE_DAYS} days; split ${from}..${to}`, { field: 'to', maxDays: MAX_RANGE_DAYS });
  }
  return { ...base, month: null, from, to };
}
