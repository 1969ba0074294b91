/**
 * Attendance jobs: `attendance.recompute` (idempotent: it recomputes from the database, so a
 * re-run or a duplicate changes nothing) and `attendance.daily`, which creates today's rows just
 * after local midnight so the dashboard knows who is expected before anyone punches.
 */
import type { Services } from '../../modules/index.js';
import { DAILY_JOB, RECOMPUTE_JOB, type RecomputePayload } from '../../modules/attendance/recompute-triggers.js';
import type { JobProgress } from '../../modules/attendance/job-progress.repo.js';
import { addDays, localDate } from '../../shared/dates.js';
import type { JobQueue } from '../queue.js';

export async function registerAttendanceJobs(queue: JobQueue, services: Services): Promise<void> {
  const { attendance, now } = services;
  await queue.work<RecomputePayload>(RECOMPUTE_JOB, async (p, job) => {
    if (!p.track) {
      await attendance.recomputer.recompute(p.companyId, p.employeeIds, p.fromDate, p.toDate);
      return;
    }
    const base = (await attendance.progress.get(job.id)) ?? null;
    const progress: JobProgress = {
      jobId: job.id,
      companyId: p.companyId,
      month: base?.month ?? p.fromDate.slice(0, 7),
      departmentId: base?.departmentId ?? null,
      status: 'running',
      employeesDone: 0,
      employeesTotal: null,
      daysWritten: null,
      error: null,
      requestedAtMs: base?.requestedAtMs ?? now(),
      startedAtMs: now(),
      finishedAtMs: null,
    };
    await attendance.progress.put(progress, now());
    try {
      const stats = await attendance.recomputer.recompute(p.companyId, p.employeeIds, p.fromDate, p.toDate, {
        onProgress: (done, total) => attendance.progress.put({ ...progress, employeesDone: done, employeesTotal: total }, now()),
      });
      await attendance.progress.put({ ...progress, status: 'done', employeesDone: stats.employees, employeesTotal: stats.employees, daysWritten: stats.written, finishedAtMs: now() }, now());
    } catch (err) {
      await attendance.progress.put({ ...progress, status: 'failed', error: err instanceof Error ? err.message : String(err), finishedAtMs: now() }, now());
      throw err;
    }
  });

  await queue.work(DAILY_JOB, async () => {
    const companies = await attendance.days.activeCompanies();
    for (const c of companies) {
      const today = localDate(now(), c.time_zone);
      await attendance.recomputer.recompute(c.id, 'all', addDays(today, -1), today);
    }
  });
  // Just after midnight in China, where Daka's companies are; other zones get the day a few hours early or late.
  await queue.schedule(DAILY_JOB, '10 0 * * *', {}, { timeZone: 'Asia/Shanghai' });
}
