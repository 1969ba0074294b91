/**
 * Checks a new request passes against the employee's other requests: the group's 补卡 quota and
 * deadline, and no overlapping leave.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { localDate } from '../../shared/dates.js';
import { AppError, badRequest, conflict } from '../../shared/errors.js';
import type { RequestFields } from './request-rules.js';
import { countCorrectionsInMonth, overlappingLeave } from './requests.repo.js';

const DAY_MS = 86_400_000;

/** 补卡 limits of the employee's group on the punch date (DingTalk/WeCom style). */
export async function checkCorrectionLimits(db: Kysely<DB>, now: () => number, employeeId: number, f: RequestFields, limits: { quotaPerMonth: number; deadlineDays: number }, zone: string) {
  const date = f.fromDate;
  const today = localDate(now(), zone);
  if (f.correctionAtMs! > now()) throw badRequest('CORRECTION_IN_FUTURE', 'A 补卡 cannot be for a time that has not come yet', { field: 'body.time' });
  const age = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / DAY_MS);
  if (limits.deadlineDays > 0 && age > limits.deadlineDays) {
    throw new AppError('CORRECTION_DEADLINE_PASSED', `A 补卡 must be filed within ${limits.deadlineDays} days; ${date} was ${age} days ago`, 400, { field: 'body.time', deadlineDays: limits.deadlineDays, ageDays: age });
  }
  if (limits.quotaPerMonth > 0) {
    const month = date.slice(0, 7);
    const used = await countCorrectionsInMonth(db, employeeId, month);
    if (used >= limits.quotaPerMonth) {
      throw conflict('CORRECTION_QUOTA_EXCEEDED', `The monthly 补卡 quota (${limits.quotaPerMonth}) for ${month} is used up`, { field: 'body.time', quotaPerMonth: limits.quotaPerMonth, used, month });
    }
  }
}

/** Leave may not overlap other pending or approved leave (a morning and an afternoon half may share a day). */
export async function checkLeaveOverlap(db: Kysely<DB>, employeeId: number, f: RequestFields) {
  const others = await overlappingLeave(db, employeeId, f.fromDate, f.toDate);
  // Two halves of one day, or hourly leaves on one day, may sit side by side.
  const fits = (o: (typeof others)[number]) => (f.half && o.half && f.half !== o.half) || (f.hours !== null && o.hours !== null);
  const clash = others.find((o) => !fits(o));
  if (clash) throw conflict('LEAVE_OVERLAP', `leave request ${clash.id} already covers ${clash.from_date}…${clash.to_date}`, { requestId: clash.id });
}
