import type { ApprovalKind, ApprovalRecord, ApprovalStatus, TemplateKindMap } from '../platform/neutral.js';
import { wallTimeOf } from '../platform/zone.js';
import type { WeComApprovalControl, WeComApprovalDetail } from './wire.js';

/** sp_status: 1 pending, 2 approved, 3 rejected, 4 withdrawn, 6 withdrawn after approval, 7 deleted, 10 paid. */
export function weComApprovalStatus(spStatus: number | string): ApprovalStatus {
  switch (Number(spStatus)) {
    case 2:
    case 10:
      return 'approved';
    case 3:
      return 'rejected';
    case 4:
    case 6:
      return 'withdrawn';
    case 7:
      return 'deleted';
    default:
      return 'pending';
  }
}

export interface WeComApprovalContext {
  /** template_id → kind. Templates not listed fall back to the controls they contain. */
  templateKinds?: TemplateKindMap;
  timeZone?: string;
}

/** Attendance control `type`: 3 business trip, 4 outing, 5 overtime. */
const OVERTIME_ATTENDANCE_TYPE = 5;

function controlKind(c: WeComApprovalControl): ApprovalKind | null {
  if (c.control === 'Vacation') return 'leave';
  if (c.control === 'PunchCorrection') return 'correction';
  if (c.control === 'Attendance' && Number(c.value?.attendance?.type) === OVERTIME_ATTENDANCE_TYPE) return 'overtime';
  return null;
}

interface DateRange {
  type?: string;
  new_begin?: number | string;
  new_end?: number | string;
  new_duration?: number | string;
}

/**
 * A date_range in seconds. For `halfday` ranges both bounds are the start of a half day and the
 * end names the last half included, so the exclusive end is 12 hours later; `hour` ranges are
 * exact; whole-day ranges end at the start of their last day.
 */
function rangeMs(r: DateRange, timeZone: string): { fromMs: number; toMs: number; half?: 'am' | 'pm' } | null {
  const begin = Number(r.new_begin) * 1000;
  const end = Number(r.new_end) * 1000;
  if (!Number.isFinite(begin) || !Number.isFinite(end) || begin <= 0 || end < begin) return null;
  if (r.type === 'hour') return { fromMs: begin, toMs: end };
  if (r.type === 'halfday') {
    const out: { fromMs: number; toMs: number; half?: 'am' | 'pm' } = { fromMs: begin, toMs: end + 12 * 3_600_000 };
    if (begin === end) out.half = wallTimeOf(begin, timeZone).wallTime.slice(11, 13) < '12' ? 'am' : 'pm';
    return out;
  }
  return { fromMs: begin, toMs: end + 86_400_000 };
}

/** A getapprovaldetail `info` → a neutral approval, or null when it is not attendance-related. */
export function mapWeComApproval(info: WeComApprovalDetail, ctx: WeComApprovalContext = {}): ApprovalRecord | null {
  const timeZone = ctx.timeZone ?? 'Asia/Shanghai';
  const contents = info.apply_data?.contents ?? [];
  const mapped = ctx.templateKinds?.[info.template_id] ?? null;
  const control = contents.find((c) => (mapped ? controlKind(c) === mapped : controlKind(c) !== null));
  const kind = mapped ?? (control ? controlKind(control) : null);
  if (!kind || !control) return null;
  const base = {
    kind,
    externalId: String(info.sp_no),
    userExternalId: info.applyer?.userid,
    status: weComApprovalStatus(info.sp_status),
  };
  if (!base.userExternalId) return null;
  if (kind === 'correction') {
    const sec = Number(control.value?.punch_correction?.time);
    if (!Number.isFinite(sec) || sec <= 0) return null;
    return { ...base, fromMs: sec * 1000, toMs: sec * 1000, correctionAtMs: sec * 1000 };
  }
  const att = kind === 'leave' ? control.value?.vacation?.attendance : control.value?.attendance;
  const range = att?.date_range ? rangeMs(att.date_range as DateRange, timeZone) : null;
  if (!range) return null;
  const out: ApprovalRecord = { ...base, fromMs: range.fromMs, toMs: range.toMs };
  const duration = Number(att.date_range.new_duration);
  if (Number.isFinite(duration) && duration > 0) out.durationMin = Math.round(duration / 60);
  if (kind === 'leave') {
    const option = control.value?.vacation?.selector?.options?.[0];
    const name = option?.value?.find((v: { lang?: string }) => v.lang === 'zh_CN')?.text ?? option?.value?.[0]?.text;
    if (typeof name === 'string' && name !== '') out.leaveType = name;
    if (range.half) out.half = range.half;
  }
  return out;
}
