/**
 * Reconciliation: per employee-day, the platform's own verdict (kept on each punch as
 * platform_result) against Daka's attendance_days. Differences replace the unresolved ones of the
 * range in reconciliation_diffs:
 * - missing_in_daka: the platform has punches for the day, Daka has no attendance day for it;
 * - missing_on_platform: Daka's day has punches, the platform has none for that member;
 * - different_result: both have the day, and late / early disagree.
 */
import type { NewRow } from '../../db/schema.js';
import { addDays, zonedDayStartMs } from '../../shared/dates.js';
import { logged, type RunOutcome, type SyncDeps, type SyncTarget } from './sync-context.js';

interface PlatformDay {
  punches: number;
  results: string[];
  late: boolean;
  early: boolean;
  employeeId: number | null;
}

const LATE = /(^|;)(Late|SeriousLate|Absenteeism)(;|$)|迟到/;
const EARLY = /(^|;)Early(;|$)|早退/;

export function platformVerdict(results: string[]): { late: boolean; early: boolean } {
  return { late: results.some((r) => LATE.test(r)), early: results.some((r) => EARLY.test(r)) };
}

export async function reconcile(deps: SyncDeps, target: SyncTarget, fromDate: string, toDate: string): Promise<RunOutcome> {
  return logged(deps, target.row, 'reconcile', { from: fromDate, to: toDate }, async (counts) => {
    const companyId = target.row.company_id;
    const fromMs = zonedDayStartMs(fromDate, target.zone);
    const toMs = zonedDayStartMs(addDays(toDate, 1), target.zone);
    const punches = await deps.db
      .selectFrom('checkins')
      .select(['external_id', 'employee_id', 'wall_time', 'platform_result'])
      .where('company_id', '=', companyId)
      .where('provider', '=', target.provider)
      .where('tenant', '=', target.tenant)
      .where('at_ms', '>=', fromMs)
      .where('at_ms', '<', toMs)
      .execute();
    const platform = new Map<string, PlatformDay>();
    for (const p of punches) {
      const key = `${p.external_id}\u0000${p.wall_time.slice(0, 10)}`;
      const day = platform.get(key) ?? { punches: 0, results: [], late: false, early: false, employeeId: p.employee_id };
      day.punches += 1;
      if (p.platform_result) day.results.push(p.platform_result);
      day.employeeId ??= p.employee_id;
      platform.set(key, day);
    }
    const linked = await deps.repo.identityMap(companyId, target.provider, target.tenant);
    const externalOf = new Map([...linked].map(([ext, emp]) => [emp, ext]));
    const employeeIds = [...externalOf.keys()];
    const days = new Map<string, { late: number; early: number; status: string; in_time: string | null; out_time: string | null; missing_in: number; missing_out: number }>();
    for (let i = 0; i < employeeIds.length; i += 500) {
      const rows = await deps.db
        .selectFrom('attendance_days')
        .select(['employee_id', 'date', 'late', 'early', 'status', 'in_time', 'out_time', 'missing_in', 'missing_out'])
        .where('company_id', '=', companyId)
        .where('employee_id', 'in', employeeIds.slice(i, i + 500))
        .where('date', '>=', fromDate)
        .where('date', '<=', toDate)
        .execute();
      for (const r of rows) days.set(`${externalOf.get(r.employee_id)}\u0000${r.date}`, r);
    }
    const now = deps.now();
    const diffs: NewRow<'reconciliation_diffs'>[] = [];
    const push = (ext: string, date: string, employeeId: number | null, kind: NewRow<'reconciliation_diffs'>['kind'], p: unknown, d: unknown) =>
      diffs.push({ connector_id: target.row.id, company_id: companyId, employee_id: employeeId, external_user_id: ext, date, kind, platform: p === null ? null : JSON.stringify(p), daka: d === null ? null : JSON.stringify(d), created_at_ms: now, resolved_at_ms: null });
    for (const [key, p] of platform) {
      const [ext, date] = key.split('\u0000');
      const verdict = platformVerdict(p.results);
      const platformView = { punches: p.punches, results: [...new Set(p.results)], ...verdict };
      const d = days.get(key);
      const employeeId = linked.get(ext) ?? p.employeeId;
      if (!d) {
        push(ext, date, employeeId, 'missing_in_daka', platformView, null);
        continue;
      }
      const dakaView = { status: d.status, late: d.late > 0, early: d.early > 0, inTime: d.in_time, outTime: d.out_time };
      if (dakaView.late !== verdict.late || dakaView.early !== verdict.early) push(ext, date, employeeId, 'different_result', platformView, dakaView);
    }
    for (const [key, d] of days) {
      if (platform.has(key) || (d.in_time === null && d.out_time === null)) continue;
      const [ext, date] = key.split('\u0000');
      push(ext, date, linked.get(ext) ?? null, 'missing_on_platform', null, { status: d.status, late: d.late > 0, early: d.early > 0, inTime: d.in_time, outTime: d.out_time });
    }
    await deps.repo.replaceDiffs(target.row.id, fromDate, toDate, diffs);
    counts.platformDays = platform.size;
    counts.dakaDays = days.size;
    for (const k of ['missing_in_daka', 'missing_on_platform', 'different_result'] as const) counts[k] = diffs.filter((x) => x.kind === k).length;
  });
}
