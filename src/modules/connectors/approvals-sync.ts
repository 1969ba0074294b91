/**
 * Approvals sync: leave, overtime and 补卡 approvals of the platform mirrored as Daka requests
 * through requests.upsertExternal (keyed by the platform's id, so re-delivery changes nothing).
 * Approvals of members not linked to an employee are reported, not guessed.
 */
import type { ApprovalRecord } from '../../sources/platform/neutral.js';
import { addDays } from '../../sources/platform/zone.js';
import { localDate } from '../../shared/dates.js';
import type { ExternalRequest } from '../requests/requests.service.js';
import { fetchApproval, listApprovalIds } from './platform-calls.js';
import { isSupportedInstant, MAX_DATE, MIN_DATE } from '../../shared/bounds.js';
import { MAX_LEAVE_DAYS } from '../requests/request-rules.js';
import { addProblem, bump, describeError, logged, type Counts, type RunOutcome, type SyncDeps, type SyncTarget } from './sync-context.js';

export interface ApprovalSyncParams {
  from?: string;
  to?: string;
  /** One approval (callback-triggered). */
  approvalId?: string;
}

const STATUS: Record<ApprovalRecord['status'], ExternalRequest['status']> = {
  pending: 'pending',
  approved: 'approved',
  rejected: 'rejected',
  withdrawn: 'cancelled',
  deleted: 'cancelled',
};

/** The neutral record in the requests module's terms; only the fields of its kind are set. */
export function toExternalRequest(a: ApprovalRecord, platform: 'dingtalk' | 'wecom', employeeId: number, zone: string): ExternalRequest {
  const base = { source: platform, externalId: a.externalId, employeeId, kind: a.kind, status: STATUS[a.status] } as const;
  if (a.kind === 'overtime') return { ...base, fromMs: a.fromMs, toMs: a.toMs };
  if (a.kind === 'correction') {
    return { ...base, correctionAtMs: a.correctionAtMs ?? a.fromMs, reason: `补卡 approved through ${platform === 'dingtalk' ? 'DingTalk' : 'WeCom'} (${a.externalId})` };
  }
  const fromDate = localDate(a.fromMs, zone);
  const toDate = localDate(Math.max(a.fromMs, a.toMs - 1), zone);
  const out: ExternalRequest = { ...base, leaveType: a.leaveType ?? '请假', fromDate, toDate, half: a.half ?? null };
  // A part-day leave that is not a half day is hourly leave: its window places it in the day (R11a)
  // and gives its hours; without a window it keeps the hours stated.
  const minutes = a.durationMin ?? Math.round((a.toMs - a.fromMs) / 60_000);
  if (!a.half && fromDate === toDate && minutes > 0 && minutes < 20 * 60) {
    if (a.toMs > a.fromMs) Object.assign(out, { fromMs: a.fromMs, toMs: a.toMs });
    else out.hours = Math.round((minutes / 60) * 100) / 100;
  }
  return out;
}

export async function syncApprovals(deps: SyncDeps, target: SyncTarget, params: ApprovalSyncParams): Promise<RunOutcome> {
  const today = localDate(deps.now(), target.zone);
  const to = params.to ?? today;
  const from = params.from ?? addDays(to, -Math.max(0, target.settings.approvalDays ?? 7));
  const logParams = params.approvalId ? { approvalId: params.approvalId } : { from, to };
  return logged(deps, target.row, 'approvals', logParams, async (counts) => {
    if (!deps.requests) throw new Error('the requests module is not available in this build');
    for (const k of ['seen', 'created', 'updated', 'unchanged', 'notAttendance', 'unlinked'] as const) counts[k] = 0;
    const ids = params.approvalId ? [params.approvalId] : await listApprovalIds(target.pc, target.settings, from, to);
    const linked = await deps.repo.identityMap(target.row.company_id, target.provider, target.tenant);
    for (const id of ids) await applyOne(deps, target, counts, linked, id);
  });
}

async function applyOne(deps: SyncDeps, target: SyncTarget, counts: Counts, linked: Map<string, number>, id: string) {
  bump(counts, 'seen');
  const record = await fetchApproval(target.pc, target.settings, id);
  if (!record) {
    bump(counts, 'notAttendance');
    return;
  }
  const employeeId = linked.get(record.userExternalId);
  if (employeeId === undefined) {
    bump(counts, 'unlinked');
    addProblem(counts, { code: 'UNLINKED_USER', message: `approval ${id} belongs to platform user ${record.userExternalId}, who is not linked to an employee`, userExternalId: record.userExternalId, approvalId: id });
    return;
  }
  // A platform record with times outside the supported window, or a leave longer than one request may
  // be, is refused and listed in the run's problems rather than stored (it would also be refused by the API).
  const instants = [record.fromMs, record.toMs, ...(record.correctionAtMs !== undefined && record.correctionAtMs !== null ? [record.correctionAtMs] : [])];
  const spanDays = (record.toMs - record.fromMs) / 86_400_000;
  if (!instants.every(isSupportedInstant) || (record.kind === 'leave' && spanDays > MAX_LEAVE_DAYS)) {
    bump(counts, 'rejected');
    addProblem(counts, { code: 'INSTANT_OUT_OF_RANGE', message: `approval ${id} has times outside ${MIN_DATE}..${MAX_DATE} or spans more than ${MAX_LEAVE_DAYS} days`, approvalId: id, userExternalId: record.userExternalId });
    return;
  }
  try {
    const r = await deps.requests!.upsertExternal(target.row.company_id, toExternalRequest(record, target.provider, employeeId, target.zone));
    bump(counts, r.created ? 'created' : r.changed ? 'updated' : 'unchanged');
  } catch (e) {
    addProblem(counts, { ...describeError(e), approvalId: id, userExternalId: record.userExternalId });
  }
}
