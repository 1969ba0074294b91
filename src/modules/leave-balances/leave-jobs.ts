/**
 * `leave.balances`, daily just after midnight: for every active company, posts the grants,
 * accruals, carry-overs and expiries due today and the 调休 credits of the last weeks' overtime.
 * Every posting has a reference unique per employee and type, so a re-run, a missed day caught up
 * or two instances running it post nothing twice.
 */
import type { Services } from '../index.js';
import type { JobQueue } from '../../jobs/queue.js';
import { addDays, localDate } from '../../shared/dates.js';
import { systemActor } from '../auth/actor.js';
import { runAccruals, syncOvertimeCredits } from './leave-runs.js';

export const LEAVE_JOB = 'leave.balances';
/** Overtime is credited once its days have settled; late corrections within this window still count. */
const CREDIT_LOOKBACK_DAYS = 35;

export async function runLeaveBalancesDay(services: Pick<Services, 'attendance' | 'leaveBalances' | 'now'>): Promise<{ companies: number; entries: number }> {
  const actor = systemActor(LEAVE_JOB);
  let entries = 0;
  const companies = await services.attendance.days.activeCompanies();
  for (const c of companies) {
    const today = localDate(services.now(), c.time_zone);
    entries += (await runAccruals(services.leaveBalances, actor, c.id, today, false)).entries;
    entries += (await syncOvertimeCredits(services.leaveBalances, actor, c.id, addDays(today, -CREDIT_LOOKBACK_DAYS), addDays(today, -1), false)).entries;
  }
  return { companies: companies.length, entries };
}

export async function registerLeaveJobs(queue: JobQueue, services: Services): Promise<void> {
  await queue.work(LEAVE_JOB, async () => {
    await runLeaveBalancesDay(services);
  });
  await queue.schedule(LEAVE_JOB, '30 0 * * *', {}, { timeZone: 'Asia/Shanghai' });
}
