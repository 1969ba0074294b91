import type { ApprovalKind, ApprovalRecord, ApprovalStatus, TemplateKindMap } from '../platform/neutral.js';
import { isValidZone } from '../../shared/zone-time.js';
import { addDays, instantOf } from '../platform/zone.js';
import type { DingTalkFormComponent, DingTalkLeaveStatus, DingTalkProcessInstance } from './wire.js';

/** bizCategoryId values DingTalk documents for attendance approvals (platforms.md §4.2). */
export const DINGTALK_DEFAULT_TEMPLATE_KINDS: TemplateKindMap = {
  'attendance.supply': 'correction',
  'attendance.batchovertime': 'overtime',
};

export interface DingTalkApprovalContext {
  /** processCode (or bizCategoryId) → kind; the tenant's leave template must be listed here. */
  templateKinds: TemplateKindMap;
  timeZone?: string;
}

export function dingTalkApprovalStatus(status: string | undefined, result: string | undefined): ApprovalStatus {
  switch (status) {
    case 'COMPLETED':
      return result === 'agree' ? 'approved' : 'rejected';
    case 'TERMINATED':
    case 'CANCELED':
      return 'withdrawn';
    case 'DELETED':
      return 'deleted';
    default:
      return 'pending';
  }
}

interface Bound {
  ms: number;
  half?: 'am' | 'pm';
}

/**
 * Form dates: `yyyy-MM-dd`, `yyyy-MM-dd 上午|下午` (half days) or `yyyy-MM-dd HH:mm[:ss]`, in the
 * tenant's zone. `end` bounds are exclusive: a whole day ends at the next midnight.
 */
export function parseFormDate(value: string, edge: 'start' | 'end', timeZone: string): Bound | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](上午|下午|AM|PM|\d{1,2}:\d{2}(?::\d{2})?))?$/.exec(value.trim());
  if (!m) return null;
  try {
    return formDateBound(m[1], m[2], edge, timeZone);
  } catch (err) {
    // A date or time that does not exist on the calendar (2026-02-30, 25:00) is not a bound.
    if (err instanceof RangeError && isValidZone(timeZone)) return null;
    throw err;
  }
}

function formDateBound(date: string, part: string | undefined, edge: 'start' | 'end', timeZone: string): Bound {
  if (!part) return { ms: instantOf(edge === 'start' ? date : addDays(date, 1), '', timeZone) };
  if (part === '上午' || part === 'AM') {
    return { ms: instantOf(date, edge === 'start' ? '00:00' : '12:00', timeZone), half: 'am' };
  }
  if (part === '下午' || part === 'PM') {
    return { ms: edge === 'start' ? instantOf(date, '12:00', timeZone) : instantOf(addDays(date, 1), '', timeZone), half: 'pm' };
  }
  return { ms: instantOf(date, part, timeZone) };
}

function arrayValue(c: DingTalkFormComponent): unknown[] | null {
  if (!c.value) return null;
  try {
    const v = JSON.parse(c.value) as unknown;
    return Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

/** The range component: DDHolidayField for leave, DDDateRangeField for overtime and others. */
function rangeOf(components: DingTalkFormComponent[]) {
  for (const type of ['DDHolidayField', 'DDDateRangeField']) {
    const c = components.find((x) => x.componentType === type);
    const v = c ? arrayValue(c) : null;
    if (v && typeof v[0] === 'string' && typeof v[1] === 'string') return { values: v, component: c! };
  }
  return null;
}

function kindOf(pi: DingTalkProcessInstance, map: TemplateKindMap): ApprovalKind | null {
  return (pi.processCode && map[pi.processCode]) || (pi.bizCategoryId && map[pi.bizCategoryId]) || null;
}

/**
 * A v1.0 process instance → a neutral approval, or null when its template is not one the tenant
 * mapped (expense claims and the like are not attendance).
 */
export function mapDingTalkProcessInstance(pi: DingTalkProcessInstance, ctx: DingTalkApprovalContext): ApprovalRecord | null {
  const kind = kindOf(pi, ctx.templateKinds);
  if (!kind || !pi.processInstanceId) return null;
  const timeZone = ctx.timeZone ?? 'Asia/Shanghai';
  const components = pi.formComponentValues ?? [];
  const base = {
    kind,
    externalId: pi.processInstanceId,
    userExternalId: pi.originatorUserId,
    status: dingTalkApprovalStatus(pi.status, pi.result),
  };
  if (kind === 'correction') {
    const c =
      components.find((x) => (x.name ?? '').includes('补卡') && x.componentType === 'DDDateField') ??
      components.find((x) => x.componentType === 'DDDateField');
    const at = c?.value ? parseFormDate(c.value, 'start', timeZone) : null;
    if (!at) return null;
    return { ...base, fromMs: at.ms, toMs: at.ms, correctionAtMs: at.ms };
  }
  const range = rangeOf(components);
  if (!range) return null;
  const from = parseFormDate(String(range.values[0]), 'start', timeZone);
  const to = parseFormDate(String(range.values[1]), 'end', timeZone);
  if (!from || !to || to.ms < from.ms) return null;
  const out: ApprovalRecord = { ...base, fromMs: from.ms, toMs: to.ms };
  const amount = Number(range.values[2]);
  const unit = String(range.values[3] ?? '');
  if (Number.isFinite(amount) && amount > 0) {
    if (unit === 'hour') out.durationMin = Math.round(amount * 60);
    else if (unit === 'day' || unit === 'halfDay') out.durationMin = Math.round(amount * 24 * 60);
  }
  if (kind === 'leave') {
    if (typeof range.values[4] === 'string' && range.values[4] !== '') out.leaveType = range.values[4];
    // A single half day: both bounds name the same half of the same date.
    if (from.half && from.half === to.half && to.ms - from.ms <= 12 * 3_600_000) out.half = from.half;
  }
  return out;
}

/** getleavestatus rows are approved leave by definition; the id is derived from the row. */
export function mapDingTalkLeaveStatus(s: DingTalkLeaveStatus): ApprovalRecord {
  const fromMs = Number(s.start_time);
  const toMs = Number(s.end_time);
  const out: ApprovalRecord = {
    kind: 'leave',
    externalId: `leavestatus:${s.userid}:${fromMs}:${toMs}:${s.leave_code ?? ''}`,
    userExternalId: s.userid,
    status: 'approved',
    fromMs,
    toMs,
  };
  if (s.leave_code) out.leaveType = s.leave_code;
  const pct = Number(s.duration_percent);
  if (Number.isFinite(pct) && pct > 0) {
    out.durationMin = Math.round((pct / 100) * (s.duration_unit === 'percent_hour' ? 60 : 24 * 60));
  }
  return out;
}
