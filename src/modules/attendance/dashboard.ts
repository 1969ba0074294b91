/**
 * Today at a glance, for the caller's scope: counts of one date, a 30-day trend and the latest
 * anomalies (of the past week). Everything comes from grouped queries over attendance_days (by
 * date and status, on the (company_id, date, status) index) and one short ordered scan for
 * anomalies. The trend's earlier days only change when a recompute writes rows, so they are kept
 * per process for a minute and dropped as soon as a recompute of the company writes anything.
 *
 * Definitions: expected = days with a scheduled status (present, half day, absent, missing
 * punch, on leave), i.e. not rest / holiday; present = showed up (present, half day or missing
 * punch); late = days flagged late; an absent or missing-punch day whose check-out window is
 * still open (DayProgress) counts as "not yet punched" (待打卡) instead, since the day is not over.
 */
import { addDays, eachDate, localDate } from '../../shared/dates.js';
import type { AccessPolicy } from '../auth/access.js';
import type { Actor } from '../auth/actor.js';
import type { DaysRepo } from './days.repo.js';
import { resolveScope } from './scope.js';
import type { DashboardQueryT } from './attendance.schemas.js';
import type { RecomputeService } from './recompute.js';
import type { DayProgress } from './day-progress.js';
import type { DayStatus } from '../../shared/enums.js';

const SCHEDULED = new Set(['present', 'half_day', 'absent', 'missing_punch', 'on_leave']);
const SHOWED_UP = new Set(['present', 'half_day', 'missing_punch']);
const TREND_DAYS = 30;
const ANOMALIES = 20;
const ANOMALY_DAYS = 7;
const TREND_TTL_MS = 60_000;

interface DayCounts {
  expected: number;
  present: number;
  late: number;
  absent: number;
  missingPunch: number;
  onLeave: number;
  notYetPunched: number;
}

const empty = (): DayCounts => ({ expected: 0, present: 0, late: 0, absent: 0, missingPunch: 0, onLeave: 0, notYetPunched: 0 });

export class DashboardService {
  constructor(
    private readonly access: AccessPolicy,
    private readonly days: DaysRepo,
    private readonly recomputer: RecomputeService,
    private readonly dayProgress: DayProgress,
    private readonly now: () => number = Date.now,
  ) {}

  private trendCache = new Map<string, { atMs: number; version: number; rows: Awaited<ReturnType<DaysRepo['countsByDateStatus']>> }>();

  /** Grouped counts of the days before `date`, from the cache when still current. */
  private async earlierDays(companyId: number, from: string, to: string, scope: Parameters<DaysRepo['countsByDateStatus']>[3]) {
    const key = `${companyId}|${from}|${to}|${JSON.stringify(scope)}`;
    const version = this.recomputer.version(companyId);
    const hit = this.trendCache.get(key);
    if (hit && hit.version === version && this.now() - hit.atMs < TREND_TTL_MS) return hit.rows;
    const rows = await this.days.countsByDateStatus(companyId, from, to, scope);
    if (this.trendCache.size > 1000) this.trendCache.clear();
    this.trendCache.set(key, { atMs: this.now(), version, rows });
    return rows;
  }

  async today(actor: Actor, q: DashboardQueryT) {
    const scope = await resolveScope(this.access, this.days, actor, q.companyId, {});
    const zone = (await this.recomputer.inputs.companyTimeZone(q.companyId)) ?? 'Asia/Shanghai';
    const today = localDate(this.now(), zone);
    const date = q.date ?? today;
    const from = addDays(date, -(TREND_DAYS - 1));
    // Only days up to two dates back can still be open (a cross-midnight shift's check-out window).
    const anomalyFrom = addDays(date, -(ANOMALY_DAYS - 1));
    const openWindows = await this.dayProgress.openWindows(q.companyId);
    // The anomaly list is the day list's `anomaly` tag: the same rows and total a link to it shows.
    const [earlier, current, anomalies, open, inProgress] = await Promise.all([
      this.earlierDays(q.companyId, from, addDays(date, -1), scope),
      this.days.countsByDateStatus(q.companyId, date, date, scope),
      this.days.list({ companyId: q.companyId, from: anomalyFrom, to: date, scope, tag: 'anomaly', open: openWindows, limit: ANOMALIES, offset: 0 }),
      date >= addDays(today, -2) ? this.days.openDayCounts(q.companyId, addDays(date, -2), date, scope) : Promise.resolve([]),
      this.dayProgress.judge(q.companyId),
    ]);
    const grouped = [...earlier, ...current];
    const byDate = new Map<string, DayCounts>();
    for (const g of grouped) {
      const c = byDate.get(g.date) ?? empty();
      const n = Number(g.n);
      c.late += Number(g.late ?? 0);
      if (SCHEDULED.has(g.status)) c.expected += n;
      if (SHOWED_UP.has(g.status)) c.present += n;
      if (g.status === 'missing_punch') c.missingPunch += n;
      if (g.status === 'on_leave') c.onLeave += n;
      if (g.status === 'absent') c.absent += n;
      byDate.set(g.date, c);
    }
    for (const o of open) {
      if (!inProgress(o)) continue;
      const c = byDate.get(o.date);
      if (!c) continue;
      const n = Number(o.n);
      if (o.status === 'absent') c.absent -= n;
      else c.missingPunch -= n;
      c.notYetPunched += n;
    }
    const trend = [];
    for (const d of eachDate(from, date, TREND_DAYS)) {
      const c = byDate.get(d) ?? empty();
      const base = c.expected - c.onLeave;
      trend.push({ date: d, expected: c.expected, present: c.present, late: c.late, attendanceRate: base > 0 ? Math.round((c.present / base) * 10_000) / 10_000 : null });
    }
    return {
      date,
      counts: byDate.get(date) ?? empty(),
      trend,
      anomalyRange: { from: anomalyFrom, to: date },
      anomalyTotal: anomalies.total,
      anomalies: anomalies.rows.map((a) => ({
        employee: { id: a.employee_id, name: a.employee_name, jobNumber: a.job_number },
        date: a.date,
        status: a.status as DayStatus,
        inProgress: inProgress(a),
        lateMinutes: a.late_minutes,
        earlyMinutes: a.early_minutes,
        missingIn: a.missing_in === 1,
        missingOut: a.missing_out === 1,
        inTime: a.in_time,
        outTime: a.out_time,
      })),
    };
  }
}
