import type { PlatformDayResult } from '../platform/day-result.js';
import { wallTimeOf } from '../platform/zone.js';
import type { DingTalkAttendanceResult } from './wire.js';

/** timeResult values that make an on-duty slot late (Absenteeism is 旷工迟到: late beyond the absence line). */
const LATE = new Set(['Late', 'SeriousLate', 'Absenteeism']);

const msOf = (v: unknown): number | null => (v === undefined || v === null || v === '' || !Number.isFinite(Number(v)) ? null : Number(v));

/**
 * DingTalk punch results (one row per scheduled slot) → one day result per user and work day.
 * Days without slots are not scheduled and produce nothing. The results carry no worked time and
 * do not tell leave from other approvals, so those stay unknown (null).
 */
export function mapDingTalkDayResults(rows: DingTalkAttendanceResult[], timeZone: string): PlatformDayResult[] {
  const days = new Map<string, { userId: string; date: string; slots: DingTalkAttendanceResult[] }>();
  for (const r of rows) {
    const workDate = msOf(r.workDate);
    if (workDate === null || !r.userId) continue;
    const date = wallTimeOf(workDate, timeZone).wallTime.slice(0, 10);
    const key = `${r.userId}\u0000${date}`;
    const day = days.get(key) ?? { userId: String(r.userId), date, slots: [] };
    day.slots.push(r);
    days.set(key, day);
  }
  const out: PlatformDayResult[] = [];
  for (const { userId, date, slots } of days.values()) {
    let late = false;
    let early = false;
    let lateMinutes = 0;
    let earlyMinutes = 0;
    let missing = 0;
    let signed = 0;
    const records = new Set<string>();
    for (const s of slots) {
      if (s.timeResult === 'NotSigned') {
        missing += 1;
        continue;
      }
      signed += 1;
      if (s.recordId !== undefined && s.recordId !== null) records.add(String(s.recordId));
      const user = msOf(s.userCheckTime);
      const base = msOf(s.baseCheckTime);
      const off = user !== null && base !== null ? Math.round((user - base) / 60_000) : 0;
      if (s.checkType === 'OnDuty' && LATE.has(s.timeResult)) {
        late = true;
        lateMinutes += Math.max(0, off);
      }
      if (s.checkType === 'OffDuty' && s.timeResult === 'Early') {
        early = true;
        earlyMinutes += Math.max(0, -off);
      }
    }
    out.push({
      userExternalId: userId,
      date,
      scheduled: true,
      punches: records.size || signed,
      late,
      lateMinutes,
      early,
      earlyMinutes,
      missingPunches: missing,
      absent: signed === 0,
      onLeave: null,
      workedMinutes: null,
    });
  }
  return out;
}
