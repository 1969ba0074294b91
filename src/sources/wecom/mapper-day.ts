import type { PlatformDayResult } from '../platform/day-result.js';
import { wallTimeOf } from '../platform/zone.js';
import type { WeComCheckinDayData } from './wire.js';

/** exception_infos codes. */
const LATE = 1;
const EARLY = 2;
const MISSING = 3;
const ABSENT = 4;
/** record_type 7: the member has no attendance rule. */
const NO_RULE = 7;
/** sp_items type 1: leave. */
const LEAVE = 1;

/** WeCom daily report rows → day results. A workday report of a member with a rule is scheduled. */
export function mapWeComDayResults(rows: WeComCheckinDayData[], timeZone: string): PlatformDayResult[] {
  const out: PlatformDayResult[] = [];
  for (const r of rows) {
    const base = r.base_info;
    if (!base?.acctid || !Number.isFinite(Number(base.date))) continue;
    const ex = (code: number) => (r.exception_infos ?? []).find((e) => Number(e.exception) === code);
    const count = (code: number) => Number(ex(code)?.count ?? 0);
    const minutes = (code: number) => Math.round(Number(ex(code)?.duration ?? 0) / 60);
    const workSec = r.summary_info?.regular_work_sec;
    out.push({
      userExternalId: String(base.acctid),
      date: wallTimeOf(Number(base.date) * 1000, timeZone).wallTime.slice(0, 10),
      scheduled: Number(base.day_type ?? 0) === 0 && Number(base.record_type) !== NO_RULE,
      punches: Number(r.summary_info?.checkin_count ?? 0),
      late: count(LATE) > 0,
      lateMinutes: minutes(LATE),
      early: count(EARLY) > 0,
      earlyMinutes: minutes(EARLY),
      missingPunches: count(MISSING),
      absent: count(ABSENT) > 0,
      onLeave: (r.sp_items ?? []).some((i) => Number(i.type) === LEAVE && (Number(i.count ?? 0) > 0 || Number(i.duration ?? 0) > 0)),
      workedMinutes: workSec === undefined || workSec === null ? null : Math.round(Number(workSec) / 60),
    });
  }
  return out;
}
