/**
 * Attendance results for people: lists of days, one day with its punches and explanation, the
 * monthly report, and admin-requested recomputes. Every read is narrowed to the caller's
 * employees (AccessPolicy.employeeScope): managers see their subtree, employees themselves.
 */
import type { Kysely } from 'kysely';
import { isReasonCode } from '../../shared/reasons/render.js';
import type { DB } from '../../db/schema.js';
import { dayIndexOf, diffResults, summarizeMonth, wallToMs, zoneTable, type DayResult, type Explanation } from '../../engine/index.js';
import type { JobQueue } from '../../jobs/queue.js';
import { addDays } from '../../shared/dates.js';
import { AppError, badRequest, notFound } from '../../shared/errors.js';
import { isoWithOffset } from '../../shared/time.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import type { AccessPolicy } from '../auth/access.js';
import type { Actor } from '../auth/actor.js';
import { DaysRepo } from './days.repo.js';
import { dayDto, dayMarks, resultFields, rowToResult, summaryContextOf } from './dto.js';
import { JobProgressRepo } from './job-progress.repo.js';
import { evaluateInputs, type RecomputeService } from './recompute.js';
import { resolveScope, subtreeOf } from './scope.js';
import { WhatIfService } from './what-if.js';
import { DashboardService } from './dashboard.js';
import { DayProgress, settledForSummary } from './day-progress.js';
import { RECOMPUTE_JOB, type RecomputePayload } from './recompute-triggers.js';
import type { Static } from 'typebox';
import type { PunchLocation } from './attendance.responses.js';
import type { DaysQueryT, MonthlyQueryT, RecomputeRequestT } from './attendance.schemas.js';

const MAX_RANGE_DAYS = 366;

export function monthRange(month: string): { from: string; to: string } {
  const from = `${month}-01`;
  const next = month.endsWith('-12') ? `${Number(month.slice(0, 4)) + 1}-01-01` : `${month.slice(0, 5)}${String(Number(month.slice(5, 7)) + 1).padStart(2, '0')}-01`;
  return { from, to: addDays(next, -1) };
}

export class AttendanceService {
  readonly days: DaysRepo;
  readonly progress: JobProgressRepo;
  readonly whatIf: WhatIfService;
  readonly dashboard: DashboardService;
  readonly dayProgress: DayProgress;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly access: AccessPolicy,
    readonly recomputer: RecomputeService,
    private readonly queue: JobQueue,
    private readonly now: () => number = Date.now,
    private readonly audit?: AuditRepo,
  ) {
    this.days = new DaysRepo(db);
    this.progress = new JobProgressRepo(db);
    this.whatIf = new WhatIfService(access, this.days, recomputer);
    this.dayProgress = new DayProgress(this.days, now);
    this.dashboard = new DashboardService(access, this.days, recomputer, this.dayProgress, now);
  }

  scope(actor: Actor, companyId: number, filters: { departmentId?: number; employeeId?: number; employeeIds?: number[] }) {
    return resolveScope(this.access, this.days, actor, companyId, filters);
  }

  async listDays(actor: Actor, q: DaysQueryT, limit: number, offset: number) {
    if (q.from > q.to) throw badRequest('INVALID_RANGE', 'from must not be after to');
    if (dayIndexOf(q.to) - dayIndexOf(q.from) >= MAX_RANGE_DAYS) throw badRequest('RANGE_TOO_LONG', `at most ${MAX_RANGE_DAYS} days at a time`);
    const scope = await this.scope(actor, q.companyId, q);
    // 旷工 / 缺卡 filters leave out days still in progress, as the dashboard counts them.
    const open = q.status === 'absent' || q.status === 'missing_punch' || (q.tag !== undefined && q.tag !== 'late' && q.tag !== 'early') ? await this.dayProgress.openWindows(q.companyId) : undefined;
    const [{ rows, total }, inProgress] = await Promise.all([
      this.days.list({ companyId: q.companyId, from: q.from, to: q.to, scope, status: q.status, tag: q.tag, source: q.source, open, limit, offset }),
      this.dayProgress.judge(q.companyId),
    ]);
    return { items: rows.map((r) => dayDto(r, inProgress(r))), total };
  }

  /** One day: stored figures, the punches around it, and the engine's explanation. */
  async getDay(actor: Actor, employeeId: number, date: string) {
    const employee = await this.days.employeeById(employeeId);
    if (!employee || !this.access.canSeeCompany(actor, employee.company_id)) throw notFound('employee', employeeId);
    await this.access.assertEmployee(actor, employee);
    const companyId = employee.company_id;
    const stored = await this.days.day(employeeId, date);
    // The live evaluation gives the explanation of days stored without one, and tells if the row is stale.
    const builder = await this.recomputer.openBuilder(companyId, date, date);
    const inputs = builder ? await builder.build(await builder.employees([employee.id])) : [];
    const lives: { result: DayResult; explanation: Explanation[] | null }[] = [];
    evaluateInputs(inputs, 'all', (d, explanation) => {
      if (d.date === date) lives.push({ result: d.result, explanation });
    });
    const liveNow = lives[0] ?? null;
    const seg = inputs[0]?.segments.find((s) => s.dates.includes(date));
    if (!stored && !liveNow) throw new AppError('NOT_FOUND', `no attendance day for employee ${employeeId} on ${date}`, 404);
    const storedResult = stored ? rowToResult(stored) : null;
    const stale = !storedResult || !liveNow || Object.keys(diffResults({ [date]: storedResult }, { [date]: liveNow.result })).length > 0;
    // Only explanations with reason codes are shown; anything else is explained live.
    const parsed = stored?.explanation ? (JSON.parse(stored.explanation) as Explanation[]) : null;
    const storedExplanation = parsed && parsed.every((e) => isReasonCode(e.code)) ? parsed : null;
    // Punches of the day's window: the shift's punch window, or the rest-day (or free-hours) day span.
    let fromMs = Date.parse(`${date}T00:00:00Z`) - 14 * 3_600_000;
    let toMs = Date.parse(`${addDays(date, 1)}T00:00:00Z`) + 14 * 3_600_000;
    if (seg) {
      const zt = zoneTable(seg.input.timezone);
      const cal = seg.input.calendar[date];
      const shift = cal?.shift ? seg.input.shifts[cal.shift] : undefined;
      const di = dayIndexOf(date);
      if (shift) {
        fromMs = wallToMs(zt, di, shift.startMin) - shift.checkInEarliestMin * 60_000;
        toMs = wallToMs(zt, di + (shift.crossesMidnight ? 1 : 0), shift.endMin) + shift.checkOutLatestMin * 60_000 + 1;
      } else {
        const dayStartsAtMin = seg.input.freeHours?.dayStartsAtMin ?? seg.input.policy.restDayStartsAtMin;
        fromMs = wallToMs(zt, di, dayStartsAtMin);
        toMs = wallToMs(zt, di + 1, dayStartsAtMin);
      }
    }
    const explanation = storedExplanation ?? liveNow?.explanation ?? null;
    const used = new Set((explanation ?? []).flatMap((e) => e.punchIds ?? []));
    const punches = (await this.days.punches(companyId, employeeId, fromMs, toMs)).map((p) => ({
      id: p.id,
      atMs: p.at_ms,
      time: isoWithOffset(p.at_ms, p.utc_offset_min),
      source: p.source,
      deviceSn: p.device_sn,
      verifyMethod: p.verify_method,
      location: p.location === null ? null : (JSON.parse(p.location) as Static<typeof PunchLocation>),
      counted: p.hold_reason === null,
      holdReason: p.hold_reason,
      named: used.has(String(p.id)),
    }));
    return {
      employee: { id: employee.id, name: employee.name, jobNumber: employee.job_number, departmentId: employee.department_id },
      date,
      day: stored ? resultFields(stored, (await this.dayProgress.judge(companyId))(stored)) : null,
      live: liveNow ? { ...liveNow.result, dayType: seg?.meta.get(date)?.dayType ?? null } : null,
      stale,
      explanation,
      explanationSource: storedExplanation ? ('stored' as const) : liveNow?.explanation ? ('live' as const) : null,
      punches,
    };
  }

  /** The DingTalk monthly report columns per employee, summarised from stored days. */
  async monthly(actor: Actor, q: MonthlyQueryT, limit: number, offset: number) {
    const scope = await this.scope(actor, q.companyId, q);
    const { from, to } = monthRange(q.month);
    const [page, inProgress] = await Promise.all([this.days.monthEmployees(q.companyId, from, to, scope, limit, offset), this.dayProgress.judge(q.companyId)]);
    const rows = await this.days.stored(q.companyId, page.rows.map((r) => r.id), from, to);
    const byEmployee = new Map<number, typeof rows>();
    for (const r of rows) {
      const list = byEmployee.get(r.employee_id) ?? [];
      list.push(r);
      byEmployee.set(r.employee_id, list);
    }
    const items = page.rows.map((e) => {
      const stored = byEmployee.get(e.id) ?? [];
      // Today's day in progress is not counted as 旷工 or 缺卡 before its window closes.
      const own = stored.flatMap((r) => settledForSummary(r, inProgress(r)) ?? []);
      const results = Object.fromEntries(own.map((r) => [r.date, rowToResult(r)]));
      const { calendar, leave } = summaryContextOf(own);
      const summary = summarizeMonth(results, { timezone: 'UTC', calendar, leave, approvals: { overtime: [], corrections: [] }, month: q.month });
      // Corrections are counted when the day is computed (by its local date), so the stored count is summed.
      summary.correctionsUsed = own.reduce((n, r) => n + r.corrections_used, 0);
      const days = Object.fromEntries(stored.map((r) => [r.date, dayMarks(r, inProgress(r))]));
      return { employee: { id: e.id, name: e.name, jobNumber: e.job_number, departmentId: e.department_id, departmentName: e.department_name }, month: q.month, ...summary, days };
    });
    return { items, total: page.total };
  }

  /** Queues a recompute of a month for a company or one department subtree. */
  async requestRecompute(actor: Actor, body: RecomputeRequestT) {
    this.access.assertCompany(actor, body.companyId, 'write', ['admin', 'hr']);
    const { from, to } = monthRange(body.month);
    let employeeIds: number[] | 'all' = 'all';
    if (body.departmentId !== undefined) {
      const deps = subtreeOf(await this.days.departments(body.companyId), body.departmentId);
      if (!deps.length) throw notFound('department', body.departmentId);
      employeeIds = await this.days.employeeIdsIn(body.companyId, deps);
    }
    const payload: RecomputePayload = { companyId: body.companyId, employeeIds, fromDate: from, toDate: to, track: true };
    const id = await this.queue.send(RECOMPUTE_JOB, payload, { retryLimit: 2 });
    if (id === null) throw new AppError('JOB_NOT_QUEUED', 'The recompute could not be queued', 503);
    await this.audit?.record(this.db, actor, {
      action: 'attendance.recompute_requested',
      entity: 'recompute_job',
      entityId: null,
      companyId: body.companyId,
      after: { jobId: id, month: body.month, departmentId: body.departmentId ?? null, employees: employeeIds === 'all' ? 'all' : employeeIds.length },
    });
    await this.progress.init(
      { jobId: id, companyId: body.companyId, month: body.month, departmentId: body.departmentId ?? null, status: 'queued', employeesDone: 0, employeesTotal: null, daysWritten: null, error: null, requestedAtMs: this.now(), startedAtMs: null, finishedAtMs: null },
      this.now(),
    );
    return { jobId: id, status: 'queued' as const };
  }

  async jobStatus(actor: Actor, jobId: string) {
    const p = await this.progress.get(jobId);
    if (!p || !this.access.canSeeCompany(actor, p.companyId)) throw notFound('job', jobId);
    this.access.assertCompany(actor, p.companyId, 'write', ['admin', 'hr']);
    return p;
  }
}
