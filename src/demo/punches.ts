/**
 * Plausible punches, day by day: mostly on time, some late, early, missing or absent. Each
 * (person, date) has its own seeded generator, so the seed and the simulated DingTalk tenant compute
 * the same day for the same person, and nothing depends on the order people are generated in.
 */
import { zonedDayStartMs } from '../shared/dates.js';
import { offsetMinutesAt, wallTimeAt } from '../shared/time.js';
import type { CheckinInput } from '../sources/types.js';
import type { PunchSource, ShiftWindow } from './plan.js';
import { between, seededBy } from './random.js';

export interface DemoPerson {
  employeeId: number;
  jobNumber: string;
  source: PunchSource;
  departmentCode: string;
}

export type DayPlan =
  | { kind: 'rest' }
  | { kind: 'absent' }
  | { kind: 'leave'; type: string; half: 'am' | 'pm' | null }
  | { kind: 'work'; punches: { atMs: number; kind: 'in' | 'out' }[]; missingOut: boolean };

const LEAVE_TYPES = ['annual', 'sick', 'personal'];

/**
 * One person's day. `shift` null is a rest day. Only punches at or before `notAfterMs` are kept:
 * the demo never holds a punch from the future (a night shift that started yesterday ends today).
 */
export function planDay(jobNumber: string, date: string, shift: ShiftWindow | null, zone: string, opts: { notAfterMs: number; forceMissingOut?: boolean; noLeave?: boolean }): DayPlan {
  if (!shift) return { kind: 'rest' };
  const rand = seededBy(`${jobNumber}|${date}`);
  const r = rand();
  if (r < 0.02) return { kind: 'absent' };
  if (r < 0.035 && !opts.noLeave) return { kind: 'leave', type: LEAVE_TYPES[between(rand, 0, 2)], half: rand() < 0.3 ? 'am' : null };
  const dayStart = zonedDayStartMs(date, zone);
  const lateRoll = rand();
  const inMin = lateRoll < 0.08 ? shift.start + between(rand, 6, 40) : lateRoll < 0.095 ? shift.start + between(rand, 61, 150) : shift.start - between(rand, 0, 25);
  const outRoll = rand();
  const missingOut = opts.forceMissingOut === true || outRoll < 0.04;
  const outMin = outRoll < 0.1 ? shift.end - between(rand, 10, 40) : shift.end + between(rand, 0, 95);
  const at = (m: number) => dayStart + Math.round(m * 60_000) + between(rand, 0, 59) * 1000;
  const punches: { atMs: number; kind: 'in' | 'out' }[] = [{ atMs: at(inMin), kind: 'in' }];
  if (!missingOut) punches.push({ atMs: at(outMin), kind: 'out' });
  if (rand() < 0.01) punches.push({ atMs: at(inMin + 0.4), kind: 'in' }); // a double tap inside the de-duplication window
  return { kind: 'work', punches: punches.filter((p) => p.atMs <= opts.notAfterMs).sort((a, b) => a.atMs - b.atMs), missingOut };
}

/** A punch as the demo's machines, WeCom and the phone browser deliver it (DingTalk's come from the tenant). */
export function toCheckin(p: DemoPerson, atMs: number, zone: string, nightShift: boolean): CheckinInput {
  const offset = offsetMinutesAt(zone, atMs);
  const wall = wallTimeAt(atMs, offset);
  const base = { atMs, wallTime: wall, utcOffsetMin: offset, timeZone: zone, raw: { demo: true } };
  switch (p.source) {
    case 'zkteco': {
      // The factory machine serves the plant's night shift and the warehouse; the front desk the rest.
      const plant = nightShift || p.departmentCode === 'WH';
      const sn = plant ? 'DEMO-ZK-002' : 'DEMO-ZK-001';
      return { ...base, source: 'zkteco', sourceRecordId: null, idempotencyKey: `zk:${sn}:${p.jobNumber}:${wall}`, identity: { provider: 'device', tenant: '', externalId: p.jobNumber }, deviceSn: sn, verifyMethod: plant ? 'fingerprint' : 'face' };
    }
    case 'wecom':
      return { ...base, source: 'wecom', sourceRecordId: `${p.jobNumber}-${atMs}`, idempotencyKey: `wecom:wwdemocorp:${p.jobNumber}-${atMs}`, identity: { provider: 'wecom', tenant: 'wwdemocorp', externalId: `wx_${p.jobNumber}` }, verifyMethod: 'wifi', location: { wifiSsid: 'YunShan-Office', wifiBssid: '3c:46:d8:12:aa:01' } };
    case 'web':
      return { ...base, source: 'web', sourceRecordId: null, idempotencyKey: `web:${p.employeeId}:${atMs}`, identity: { provider: 'employee', tenant: '', externalId: String(p.employeeId) }, verifyMethod: 'app' };
    case 'dingtalk':
      throw new Error('DingTalk punches come from the demo tenant (src/demo/tenant.ts)');
  }
}
