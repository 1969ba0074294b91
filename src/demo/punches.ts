/** Generates a plausible month of punches: mostly on time, some late, early, missing or absent. */
import { eachDate, zonedDayStartMs } from '../shared/dates.js';
import { offsetMinutesAt, wallTimeAt } from '../shared/time.js';
import type { CheckinInput } from '../sources/types.js';
import { between, seeded } from './random.js';

export interface DemoPerson {
  employeeId: number;
  jobNumber: string;
  source: 'zkteco' | 'dingtalk' | 'wecom' | 'web';
  shift: 'standard' | 'flex' | 'night';
  departmentCode: string;
}

const SHIFT_MIN: Record<DemoPerson['shift'], { start: number; end: number }> = {
  standard: { start: 9 * 60, end: 18 * 60 },
  flex: { start: 9 * 60 + 30, end: 18 * 60 + 30 },
  night: { start: 22 * 60, end: 30 * 60 },
};
const LEAVE_TYPES = ['annual', 'sick', 'personal'];

export function generatePunches(opts: { people: DemoPerson[]; from: string; to: string; zone: string; calendar: Map<string, string>; seed: number; forceMissingOut?: number }) {
  const rand = seeded(opts.seed);
  const punches: CheckinInput[] = [];
  const leave: { employeeId: number; date: string; type: string; half: 'am' | 'pm' | null }[] = [];
  const dates = eachDate(opts.from, opts.to);
  const isWorkday = (date: string) => {
    const type = opts.calendar.get(date);
    if (type) return type === 'workday' || type === 'makeup_workday';
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  };
  const workdays = dates.filter(isWorkday);
  // The demo employee's second-to-last workday lacks a check-out: something to correct (补卡).
  const forcedDay = workdays[workdays.length - 2];
  for (const p of opts.people) {
    const shift = SHIFT_MIN[p.shift];
    for (const date of workdays) {
      const r = rand();
      if (r < 0.02) continue; // absent
      if (r < 0.035 && p.employeeId !== opts.forceMissingOut) {
        leave.push({ employeeId: p.employeeId, date, type: LEAVE_TYPES[between(rand, 0, 2)], half: rand() < 0.3 ? 'am' : null });
        continue;
      }
      const dayStart = zonedDayStartMs(date, opts.zone);
      const lateRoll = rand();
      const inMin = lateRoll < 0.08 ? shift.start + between(rand, 6, 40) : lateRoll < 0.095 ? shift.start + between(rand, 61, 150) : shift.start - between(rand, 0, 25);
      const outRoll = rand();
      const missingOut = (p.employeeId === opts.forceMissingOut && date === forcedDay) || outRoll < 0.04;
      const outMin = outRoll < 0.1 ? shift.end - between(rand, 10, 40) : shift.end + between(rand, 0, 95);
      const times = [inMin];
      if (!missingOut) times.push(outMin);
      if (rand() < 0.01) times.push(inMin + 0.4); // a double tap inside the de-duplication window
      for (const m of times) {
        const atMs = dayStart + Math.round(m * 60_000) + between(rand, 0, 59) * 1000;
        punches.push(toCheckin(p, atMs, opts.zone));
      }
    }
  }
  return { punches, leave };
}

function toCheckin(p: DemoPerson, atMs: number, zone: string): CheckinInput {
  const offset = offsetMinutesAt(zone, atMs);
  const wall = wallTimeAt(atMs, offset);
  const base = { atMs, wallTime: wall, utcOffsetMin: offset, timeZone: zone, raw: { demo: true } };
  switch (p.source) {
    case 'zkteco': {
      const sn = p.shift === 'night' ? 'DEMO-ZK-002' : 'DEMO-ZK-001';
      return { ...base, source: 'zkteco', sourceRecordId: null, idempotencyKey: `zk:${sn}:${p.jobNumber}:${wall}`, identity: { provider: 'device', tenant: '', externalId: p.jobNumber }, deviceSn: sn, verifyMethod: p.shift === 'night' ? 'fingerprint' : 'face' };
    }
    case 'dingtalk':
      return { ...base, source: 'dingtalk', sourceRecordId: `${p.jobNumber}-${atMs}`, idempotencyKey: `dingtalk:dingdemocorp:${p.jobNumber}-${atMs}`, identity: { provider: 'dingtalk', tenant: 'dingdemocorp', externalId: `dt_${p.jobNumber}` }, verifyMethod: 'gps', location: { lat: 31.2035 + (atMs % 7) / 10_000, lng: 121.5907, accuracyM: 30, address: '上海市浦东新区张江路 88 号' } };
    case 'wecom':
      return { ...base, source: 'wecom', sourceRecordId: `${p.jobNumber}-${atMs}`, idempotencyKey: `wecom:wwdemocorp:${p.jobNumber}-${atMs}`, identity: { provider: 'wecom', tenant: 'wwdemocorp', externalId: `wx_${p.jobNumber}` }, verifyMethod: 'wifi', location: { wifiSsid: 'YunShan-Office', wifiBssid: '3c:46:d8:12:aa:01' } };
    case 'web':
      return { ...base, source: 'web', sourceRecordId: null, idempotencyKey: `web:${p.employeeId}:${atMs}`, identity: { provider: 'employee', tenant: '', externalId: String(p.employeeId) }, verifyMethod: 'app' };
  }
}
