/**
 * Reconciliation per employee-day: what the platform says about the day against Daka's attendance
 * day. The platform side comes from its own day results (WeCom's daily report, DingTalk's punch
 * results, see day-results.ts); when the app may not call those (permission denied), from the
 * verdict kept on each synced punch (platform_result). Differences replace the unresolved ones of
 * the range in reconciliation_diffs:
 * - missing_in_daka: the platform has the day (scheduled or punched), Daka has no attendance day;
 * - missing_on_platform: Daka's day expects work or has punches, the platform has nothing for it;
 * - different_result: both have the day and disagree; `fields` says on what (scheduled, punches,
 *   leave, absent, late, early, missing_punch, worked_minutes beyond the tolerance).
 */
import type { NewRow } from '../../db/schema.js';
import { isConnectorError, type PlatformDayResult } from '../../sources/platform/index.js';
import { addDays, zonedDayStartMs } from '../../shared/dates.js';
import { fetchDayResults } from './day-results.js';
import { knownUserIds } from './punch-sync.js';
import { logged, type Counts, type RunOutcome, type SyncDeps, type SyncTarget } from './sync-context.js';

export const DEFAULT_TOLERANCE_MIN = 15;

export interface DakaDay {
  employee_id: number;
  date: string;
  day_type: string;
  status: string;
  late: number;
  late_minutes: number;
  early: number;
  early_minutes: number;
  missing_in: number;
  missing_out: number;
  worked_minutes: number;
  in_time: string | null;
  out_time: string | null;
  leave_type: string | null;
}

type Diff = NewRow<'reconciliation_diffs'>;
type DiffKind = Diff['kind'];

/** Daka statuses that expect no work. */
const NO_WORK = new Set(['rest', 'holiday']);
const LATE = /(^|;)(Late|SeriousLate|Absenteeism)(;|$)|迟到/;
const EARLY = /(^|;)Early(;|$)|早退/;

export function platformVerdict(results: string[]): { late: boolean; early: boolean } {
  return { late: results.some((r) => LATE.test(r)), early: results.some((r) => EARLY.test(r)) };
}

const punched = (d: DakaDay) => d.in_time !== null || d.out_time !== null;

/** The fields on which a platform day result and Daka's day disagree (empty: they agree). */
export function compareDay(p: PlatformDayResult, d: DakaDay, toleranceMin: number): string[] {
  const expects = !NO_WORK.has(d.status);
  if (p.scheduled !== expects) return ['scheduled'];
  if (!p.scheduled) return p.punches > 0 !== punched(d) ? ['punches'] : [];
  const fields: string[] = [];
  const dLeave = d.status === 'on_leave' || d.leave_type !== null;
  const dAbsent = d.status === 'absent';
  if (p.onLeave !== null && p.onLeave !== dLeave) fields.push('leave');
  if (p.absent !== dAbsent) fields.push('absent');
  // On leave or absent the other figures follow from that, and differ only because of it.
  if (p.onLeave === true || dLeave || p.absent || dAbsent) return fields;
  if (p.late !== d.late > 0) fields.push('late');
  if (p.early !== d.early > 0) fields.push('early');
  if (p.missingPunches > 0 !== (d.missing_in > 0 || d.missing_out > 0)) fields.push('missing_punch');
  if (p.workedMinutes !== null && Math.abs(p.workedMinutes - d.worked_minutes) > toleranceMin) fields.push('worked_minutes');
  return fields;
}

const dakaView = (d: DakaDay) => ({
  status: d.status,
  dayType: d.day_type,
  late: d.late > 0,
  lateMinutes: d.late_minutes,
  early: d.early > 0,
  earlyMinutes: d.early_minutes,
  missingIn: d.missing_in > 0,
  missingOut: d.missing_out > 0,
  workedMinutes: d.worked_minutes,
  leaveType: d.leave_type,
  inTime: d.in_time,
  outTime: d.out_time,
});

const key = (ext: string, date: string) => `${ext}\u0000${date}`;

function platformView(p: PlatformDayResult) {
  const { userExternalId: _user, date: _date, ...figures } = p;
  return { source: 'day_results', ...figures };
}

export async function reconcile(deps: SyncDeps, target: SyncTarget, fromDate: string, toDate: string): Promise<RunOutcome> {
  return logged(deps, target.row, 'reconcile', { from: fromDate, to: toDate }, async (counts) => {
    const companyId = target.row.company_id;
    const linked = await deps.repo.identityMap(companyId, target.provider, target.tenant);
    const days = await dakaDays(deps, target, linked, fromDate, toDate);
    const now = deps.now();
    const diffs: Diff[] = [];
    const push = (ext: string, date: string, employeeId: number | null, kind: DiffKind, p: unknown, d: unknown, fields: string[] = []) =>
      diffs.push({
        connector_id: target.row.id,
        company_id: companyId,
        employee_id: employeeId,
        external_user_id: ext,
        date,
        kind,
        platform: p === null ? null : JSON.stringify(p),
        daka: d === null ? null : JSON.stringify(d),
        fields: JSON.stringify(fields),
        created_at_ms: now,
        resolved_at_ms: null,
      });
    let results: PlatformDayResult[] | null = null;
    try {
      results = await fetchDayResults(target.pc, await knownUserIds(deps, target), fromDate, toDate);
    } catch (e) {
      if (!isConnectorError(e, 'CONNECTOR_PERMISSION_DENIED')) throw e;
      counts.fallbackReason = `${e.code}: ${e.message}`;
    }
    if (results) {
      counts.source = 'day_results';
      compareResults(results, days, linked, target.settings.reconcileToleranceMin ?? DEFAULT_TOLERANCE_MIN, push, counts);
    } else {
      counts.source = 'punch_verdicts';
      await compareVerdicts(deps, target, days, linked, fromDate, toDate, push, counts);
    }
    await deps.repo.replaceDiffs(target.row.id, fromDate, toDate, diffs);
    counts.dakaDays = days.size;
    for (const k of ['missing_in_daka', 'missing_on_platform', 'different_result'] as const) counts[k] = diffs.filter((x) => x.kind === k).length;
  });
}

type Push = (ext: string, date: string, employeeId: number | null, kind: DiffKind, p: unknown, d: unknown, fields?: string[]) => void;

/** Daka's days of the linked employees, keyed by external id and date. */
async function dakaDays(deps: SyncDeps, target: SyncTarget, linked: Map<string, number>, fromDate: string, toDate: string): Promise<Map<string, DakaDay>> {
  const externalOf = new Map([...linked].map(([ext, emp]) => [emp, ext]));
  const employeeIds = [...externalOf.keys()];
  const days = new Map<string, DakaDay>();
  for (let i = 0; i < employeeIds.length; i += 500) {
    const rows = await deps.db
      .selectFrom('attendance_days')
      .select(['employee_id', 'date', 'day_type', 'status', 'late', 'late_minutes', 'early', 'early_minutes', 'missing_in', 'missing_out', 'worked_minutes', 'in_time', 'out_time', 'leave_type'])
      .where('company_id', '=', target.row.company_id)
      .where('employee_id', 'in', employeeIds.slice(i, i + 500))
      .where('date', '>=', fromDate)
      .where('date', '<=', toDate)
      .execute();
    for (const r of rows) days.set(key(externalOf.get(r.employee_id)!, r.date), r);
  }
  return days;
}

function compareResults(results: PlatformDayResult[], days: Map<string, DakaDay>, linked: Map<string, number>, toleranceMin: number, push: Push, counts: Counts) {
  const platform = new Map(results.map((r) => [key(r.userExternalId, r.date), r]));
  counts.platformDays = platform.size;
  counts.toleranceMin = toleranceMin;
  for (const k of new Set([...platform.keys(), ...days.keys()])) {
    const [ext, date] = k.split('\u0000');
    const p = platform.get(k);
    const d = days.get(k);
    const pHas = p !== undefined && (p.scheduled || p.punches > 0);
    const dHas = d !== undefined && (!NO_WORK.has(d.status) || punched(d));
    const employeeId = linked.get(ext) ?? null;
    const pView = p ? platformView(p) : null;
    if (pHas && !d) push(ext, date, employeeId, 'missing_in_daka', pView, null);
    else if (dHas && !pHas) push(ext, date, employeeId, 'missing_on_platform', pView, dakaView(d!));
    else if (p && d && (pHas || dHas)) {
      const fields = compareDay(p, d, toleranceMin);
      if (fields.length) push(ext, date, employeeId, 'different_result', pView, dakaView(d), fields);
    }
  }
}

/** The fallback: the platform's verdict stored on each synced punch, summed per day. */
async function compareVerdicts(deps: SyncDeps, target: SyncTarget, days: Map<string, DakaDay>, linked: Map<string, number>, fromDate: string, toDate: string, push: Push, counts: Counts) {
  const punches = await deps.db
    .selectFrom('checkins')
    .select(['external_id', 'employee_id', 'wall_time', 'platform_result'])
    .where('company_id', '=', target.row.company_id)
    .where('provider', '=', target.provider)
    .where('tenant', '=', target.tenant)
    .where('at_ms', '>=', zonedDayStartMs(fromDate, target.zone))
    .where('at_ms', '<', zonedDayStartMs(addDays(toDate, 1), target.zone))
    .execute();
  const platform = new Map<string, { punches: number; results: string[]; employeeId: number | null }>();
  for (const p of punches) {
    const k = key(p.external_id, p.wall_time.slice(0, 10));
    const day = platform.get(k) ?? { punches: 0, results: [], employeeId: p.employee_id };
    day.punches += 1;
    if (p.platform_result) day.results.push(p.platform_result);
    day.employeeId ??= p.employee_id;
    platform.set(k, day);
  }
  counts.platformDays = platform.size;
  for (const [k, p] of platform) {
    const [ext, date] = k.split('\u0000');
    const verdict = platformVerdict(p.results);
    const pView = { source: 'punch_verdicts', punches: p.punches, results: [...new Set(p.results)], ...verdict };
    const d = days.get(k);
    const employeeId = linked.get(ext) ?? p.employeeId;
    if (!d) {
      push(ext, date, employeeId, 'missing_in_daka', pView, null);
      continue;
    }
    const fields = [...(verdict.late !== d.late > 0 ? ['late'] : []), ...(verdict.early !== d.early > 0 ? ['early'] : [])];
    if (fields.length) push(ext, date, employeeId, 'different_result', pView, dakaView(d), fields);
  }
  for (const [k, d] of days) {
    if (platform.has(k) || !punched(d)) continue;
    const [ext, date] = k.split('\u0000');
    push(ext, date, linked.get(ext) ?? null, 'missing_on_platform', null, dakaView(d));
  }
}
