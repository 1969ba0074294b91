/** R1 (attribution, windows, DST), R2 (truncation), R3 (de-duplication). */
import { describe, expect, it } from 'vitest';
import { evaluateRange, parseScenario } from '../../src/engine/index.js';
import { baseScenario, DAY, NEXT, punches, run, runDay, shift } from './helpers.js';

const twoWorkdays = (s: Record<string, any>) => {
  s.calendar[NEXT] = { dayType: 'workday', shift: 'S1' };
};

describe('R1 punch windows (inclusive, raw seconds)', () => {
  const cases: { name: string; times: string[]; date: string; expect: Record<string, unknown> }[] = [
    { name: 'window start 07:00:00 is inside', times: ['07:00:00'], date: DAY, expect: { inTime: '2026-03-10T07:00:00+08:00', ignoredPunchCount: 0 } },
    { name: '06:59:59 is outside and ignored on its local date', times: ['06:59:59'], date: DAY, expect: { status: 'absent', ignoredPunchCount: 1 } },
    { name: 'window end D+1 00:00:00 is inside', times: ['09:00', '+1 00:00:00'], date: DAY, expect: { outTime: '2026-03-11T00:00:00+08:00', ignoredPunchCount: 0 } },
    { name: 'D+1 00:00:30 is outside even though it truncates to 00:00', times: ['09:00', '+1 00:00:30'], date: DAY, expect: { status: 'missing_punch', missingOut: true, ignoredPunchCount: 0 } },
    { name: '… and it is counted as ignored on D+1', times: ['09:00', '+1 00:00:30'], date: NEXT, expect: { ignoredPunchCount: 1, status: 'absent' } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = run(c.times, twoWorkdays)[c.date];
      expect(r).toMatchObject(c.expect);
    });
  }
});

describe('R1 overlapping windows: nearest scheduled interval, tie to the later instance', () => {
  // Windows widened to 15 h each side: 18:00 D … 09:00 D+1 is covered by both instances.
  const wide = (s: Record<string, any>) => {
    twoWorkdays(s);
    shift(s).checkInEarliestMin = 900;
    shift(s).checkOutLatestMin = 900;
  };
  const cases = [
    { punch: '+1 01:29', owner: DAY, why: 'closer to E(D)=18:00 than S(D+1)=09:00' },
    { punch: '+1 01:30', owner: NEXT, why: 'equidistant (450 min): later instance' },
    { punch: '+1 01:31', owner: NEXT, why: 'closer to S(D+1)' },
    { punch: '17:00', owner: DAY, why: 'inside [S,E] of D: distance 0' },
  ];
  for (const c of cases) {
    it(`${c.punch} → ${c.owner} (${c.why})`, () => {
      const r = run([c.punch], wide);
      const other = c.owner === DAY ? NEXT : DAY;
      expect(r[c.owner].missingIn && r[c.owner].missingOut).toBe(false);
      expect(r[other].status).toBe('absent');
    });
  }
});

describe('R1 cross-midnight shift', () => {
  const night = (s: Record<string, any>) => {
    s.shifts.S1 = { ...shift(s), start: '22:00', end: '06:00', crossesMidnight: true, break: { start: '02:00', end: '02:30' }, checkInEarliestMin: 60, checkOutLatestMin: 120 };
  };
  it('attributes both punches to the start date and takes the break on D+1', () => {
    const r = run(['21:50', '+1 06:05'], night);
    expect(r[DAY]).toMatchObject({ status: 'present', workedMinutes: 465, outTime: '2026-03-11T06:05:00+08:00' });
  });
  it('a morning punch of D belongs to the night shift of D−1, so D−1 not being in the calendar makes it ignored', () => {
    const r = run(['06:05', '21:58', '+1 06:01'], night);
    expect(r[DAY]).toMatchObject({ ignoredPunchCount: 1, inTime: '2026-03-10T21:58:00+08:00', status: 'present' });
  });
  it('a break that starts before midnight stays on D', () => {
    const r = run(['21:30', '+1 06:00'], (s) => {
      night(s);
      shift(s).break = { start: '23:30', end: '00:30' };
    });
    expect(r[DAY].workedMinutes).toBe(450);
  });
});

describe('R1 rest-day boundary', () => {
  const weekend = (s: Record<string, any>) => {
    s.calendar = {
      '2026-03-14': { dayType: 'rest_day', shift: null },
      '2026-03-15': { dayType: 'rest_day', shift: null },
    };
  };
  it('a punch before the next day boundary stays on the rest day', () => {
    const r = run(['2026-03-14T10:00:00+08:00', '2026-03-15T04:59:00+08:00'], weekend);
    // 10:00 → 04:59 = 1139 min − the 12:00–13:00 break window = 1079, floored to 30-min units
    expect(r['2026-03-14']).toMatchObject({ workedMinutes: 1079, overtimeMinutes: 1050, status: 'rest' });
    expect(r['2026-03-15'].inTime).toBeNull();
  });
  it('the boundary itself opens the next rest day', () => {
    const r = run(['2026-03-14T10:00:00+08:00', '2026-03-15T05:00:00+08:00'], weekend);
    expect(r['2026-03-14'].outTime).toBeNull();
    expect(r['2026-03-15'].inTime).toBe('2026-03-15T05:00:00+08:00');
  });
  it('a workday without a shift collects nothing: punches are ignored', () => {
    const r = run(['09:00', '18:00'], (s) => (s.calendar[DAY] = { dayType: 'workday', shift: null }));
    expect(r[DAY]).toMatchObject({ status: 'rest', ignoredPunchCount: 2, workedMinutes: 0, missingIn: false });
  });
});

function nyScenario(date: string, start: string, end: string, cross: boolean, times: string[]) {
  const s = baseScenario();
  s.timezone = 'America/New_York';
  s.shifts.S1 = { ...s.shifts.S1, start, end, crossesMidnight: cross, break: null };
  s.calendar = { [date]: { dayType: 'workday', shift: 'S1' } };
  s.punches = times.map((time) => ({ time, source: 'api' }));
  return evaluateRange(parseScenario(s))[date];
}

describe('R1 DST (real elapsed minutes; gap moves forward, fold takes the first occurrence)', () => {
  it('New York spring-forward night: 22:00 EST → 06:00 EDT is 420 real minutes', () => {
    const r = nyScenario('2026-03-07', '22:00', '06:00', true, ['2026-03-07T22:00:00-05:00', '2026-03-08T06:00:00-04:00']);
    expect(r).toMatchObject({ workedMinutes: 420, early: false, late: false, inTime: '2026-03-07T22:00:00-05:00', outTime: '2026-03-08T06:00:00-04:00' });
  });
  it('New York fall-back night: 22:00 EDT → 06:00 EST is 540 real minutes', () => {
    const r = nyScenario('2026-10-31', '22:00', '06:00', true, ['2026-10-31T22:00:00-04:00', '2026-11-01T06:00:00-05:00']);
    expect(r.workedMinutes).toBe(540);
  });
  it('a shift start inside the gap (02:30) moves forward to 03:30 EDT', () => {
    const onTime = nyScenario('2026-03-08', '02:30', '10:30', false, ['2026-03-08T03:35:00-04:00', '2026-03-08T10:30:00-04:00']);
    expect(onTime).toMatchObject({ late: false, lateMinutes: 0 });
    const late = nyScenario('2026-03-08', '02:30', '10:30', false, ['2026-03-08T03:36:00-04:00', '2026-03-08T10:30:00-04:00']);
    expect(late).toMatchObject({ late: true, lateMinutes: 6 });
  });
  it('a shift start in the fold (01:30) is its first occurrence, EDT', () => {
    const first = nyScenario('2026-11-01', '01:30', '09:30', false, ['2026-11-01T01:30:00-04:00', '2026-11-01T09:30:00-05:00']);
    expect(first).toMatchObject({ late: false, inTime: '2026-11-01T01:30:00-04:00' });
    const second = nyScenario('2026-11-01', '01:30', '09:30', false, ['2026-11-01T01:30:00-05:00', '2026-11-01T09:30:00-05:00']);
    expect(second).toMatchObject({ late: true, lateMinutes: 60, lateLevel: 'serious', inTime: '2026-11-01T01:30:00-05:00' });
  });
  it('Berlin fall-back night: 22:00 CEST → 06:00 CET is 540 real minutes', () => {
    const s = baseScenario();
    s.timezone = 'Europe/Berlin';
    s.shifts.S1 = { ...s.shifts.S1, start: '22:00', end: '06:00', crossesMidnight: true, break: null, checkInEarliestMin: 60, checkOutLatestMin: 120 };
    s.calendar = { '2026-10-24': { dayType: 'workday', shift: 'S1' } };
    s.punches = [{ time: '2026-10-24T21:58:00+02:00', source: 'api' }, { time: '2026-10-25T06:00:00+01:00', source: 'api' }];
    expect(evaluateRange(parseScenario(s))['2026-10-24']).toMatchObject({ workedMinutes: 542, early: false, status: 'present' });
  });
});

describe('R2 truncation', () => {
  it('09:05:59 truncates to 09:05: within grace', () => {
    expect(runDay(['09:05:59', '18:00'])).toMatchObject({ late: false, inTime: '2026-03-10T09:05:00+08:00' });
  });
  it('without truncation a started minute counts: 09:05:30 is late 6', () => {
    const r = runDay(['09:05:30', '18:00:45'], (s) => (s.policy.truncateToMinute = false));
    expect(r).toMatchObject({ late: true, lateMinutes: 6, inTime: '2026-03-10T09:05:30+08:00', outTime: '2026-03-10T18:00:45+08:00', workedMinutes: 475 });
  });
});

describe('R3 de-duplication', () => {
  const cases: { name: string; times: string[]; window?: number; expect: Record<string, unknown> }[] = [
    { name: 'chain measured from the kept punch: 0 s, 40 s (drop), 80 s (keep)', times: ['09:00:00', '09:00:40', '09:01:20', '18:00'], expect: { duplicatePunchCount: 1, inTime: '2026-03-10T09:00:00+08:00' } },
    { name: 'exactly dedupeWindowSec apart is kept', times: ['08:50:00', '08:51:00', '18:00'], expect: { duplicatePunchCount: 0 } },
    { name: 'window 0 keeps identical instants', times: ['08:50:00', '08:50:00', '18:00'], window: 0, expect: { duplicatePunchCount: 0 } },
    { name: 'the earliest is kept', times: ['09:05:50', '09:06:10', '18:00'], expect: { duplicatePunchCount: 1, late: false } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = runDay(c.times, (s) => {
        if (c.window !== undefined) s.policy.dedupeWindowSec = c.window;
      });
      expect(r).toMatchObject(c.expect);
    });
  }
  it('drops across sources', () => {
    const r = runDay([], (s) => {
      s.punches = [...punches(['08:58:00', '18:00'], 'device:zk-01'), ...punches(['08:58:30', '18:00:10'], 'wecom')];
    });
    expect(r).toMatchObject({ duplicatePunchCount: 2, workedMinutes: 482 });
  });
});

describe('memoised plans', () => {
  it('follow a calendar object edited in place', () => {
    const s = baseScenario();
    s.punches = punches(['09:00', '18:00']);
    const input = parseScenario(s);
    expect(evaluateRange(input)[DAY].status).toBe('present');
    input.calendar[DAY].dayType = 'rest_day';
    expect(evaluateRange(input)[DAY].status).toBe('rest');
    input.calendar[NEXT] = { dayType: 'workday', shift: 'S1' };
    expect(Object.keys(evaluateRange(input))).toEqual([DAY, NEXT]);
  });
});
