/** R11a hourly leave (按小时请假), and R11's full-day leave with punches. */
import { describe, expect, it } from 'vitest';
import { evaluateRange, parseScenario } from '../../src/engine/index.js';
import { baseScenario, DAY, NEXT, punches, run, runDay, shift } from './helpers.js';

type Json = Record<string, any>;
type Case = { name: string; times: string[]; edit?: (s: Json) => void; expect: Record<string, unknown> };

function table(title: string, cases: Case[]) {
  describe(title, () => {
    for (const c of cases) it(c.name, () => expect(runDay(c.times, c.edit)).toMatchObject(c.expect));
  });
}

const hourly = (from: string, to: string, status = 'approved', type = 'personal') => (s: Json) => {
  s.leave.push({ date: DAY, half: null, type, status, from, to });
};
const both = (...edits: ((s: Json) => void)[]) => (s: Json) => edits.forEach((e) => e(s));
const half = (h: 'am' | 'pm') => (s: Json) => s.leave.push({ date: DAY, half: h, type: 'annual' });

table('R11a hourly leave on 09:00–18:00 (break 12:00–13:00)', [
  {
    name: 'leave 16:00–18:00 covers the end: leaving at 16:00 is not early',
    times: ['08:55', '16:00'],
    edit: hourly('16:00', '18:00'),
    expect: { status: 'present', early: false, earlyMinutes: 0, leaveMinutes: 120, workedMinutes: 365, overtimeMinutes: 0 },
  },
  {
    name: 'leave 16:00–18:00: leaving at 15:50 is 10 min early, measured to 16:00',
    times: ['09:00', '15:50'],
    edit: hourly('16:00', '18:00'),
    expect: { early: true, earlyMinutes: 10, leaveMinutes: 120 },
  },
  {
    name: 'without the leave, 16:00 is 120 min early',
    times: ['09:00', '16:00'],
    expect: { early: true, earlyMinutes: 120, leaveMinutes: 0 },
  },
  {
    name: 'leave 09:00–11:00 covers the start: 11:03 is within grace',
    times: ['11:03', '18:00'],
    edit: hourly('09:00', '11:00'),
    expect: { late: false, lateMinutes: 0, leaveMinutes: 120, workedMinutes: 357 },
  },
  {
    name: 'leave 09:00–11:00: 11:10 is 10 min late, measured from 11:00',
    times: ['11:10', '18:00'],
    edit: hourly('09:00', '11:00'),
    expect: { late: true, lateMinutes: 10, lateLevel: 'late' },
  },
  {
    name: 'a window strictly inside moves nothing; its overlap is not worked',
    times: ['09:00', '18:00'],
    edit: hourly('14:00', '15:00'),
    expect: { status: 'present', late: false, early: false, leaveMinutes: 60, workedMinutes: 420 },
  },
  {
    name: 'a window strictly inside: leaving at 15:00 is still early',
    times: ['09:00', '15:00'],
    edit: hourly('14:00', '15:00'),
    expect: { early: true, earlyMinutes: 180 },
  },
  {
    name: 'the break is not leave: 10:00–14:00 is 180 min',
    times: ['09:00', '10:00'],
    edit: hourly('10:00', '14:00'),
    expect: { leaveMinutes: 180 },
  },
  {
    name: 'leave until the break moves the start across it (to 13:00)',
    times: ['13:02', '18:00'],
    edit: hourly('09:00', '12:00'),
    expect: { late: false, leaveMinutes: 180, workedMinutes: 298 },
  },
  {
    name: 'touching windows count as one cover of the start',
    times: ['11:00', '18:00'],
    edit: both(hourly('09:00', '10:00'), hourly('10:00', '11:00')),
    expect: { late: false, leaveMinutes: 120 },
  },
  {
    name: 'a window outside the shift is clipped to nothing',
    times: ['09:00', '18:00'],
    edit: hourly('19:00', '20:00'),
    expect: { leaveMinutes: 0, late: false, early: false },
  },
  {
    name: 'thresholds reduced by leaveMinutes: 119 < 240 − 120 is half_day',
    times: ['09:00', '10:59'],
    edit: hourly('16:00', '18:00'),
    expect: { status: 'half_day', workedMinutes: 119 },
  },
  {
    name: 'thresholds reduced by leaveMinutes: 120 ≥ 240 − 120 is present',
    times: ['09:00', '11:00'],
    edit: hourly('16:00', '18:00'),
    expect: { status: 'present' },
  },
  {
    name: 'thresholds never below 0 (300 min of leave)',
    times: ['15:00', '15:40'],
    edit: hourly('09:00', '15:00'),
    expect: { status: 'present', leaveMinutes: 300, workedMinutes: 40 },
  },
  {
    name: 'windows covering the whole shift: on_leave',
    times: [],
    edit: hourly('09:00', '18:00'),
    expect: { status: 'on_leave', leaveMinutes: 480, missingIn: false, missingOut: false },
  },
  {
    name: 'no workday overtime on a day with hourly leave',
    times: ['09:00', '21:00'],
    edit: hourly('14:00', '15:00'),
    expect: { overtimeMinutes: 0, workedMinutes: 600 },
  },
  {
    name: 'a pending hourly leave counts for nothing',
    times: ['09:00', '16:00'],
    edit: hourly('16:00', '18:00', 'pending'),
    expect: { early: true, leaveMinutes: 0 },
  },
  {
    name: 'am half day plus 16:00–18:00: segment 13:00–16:00, thresholds halved then reduced',
    times: ['13:00', '16:00'],
    edit: both(half('am'), hourly('16:00', '18:00')),
    expect: { status: 'present', early: false, late: false, leaveMinutes: 120, workedMinutes: 180 },
  },
  {
    name: 'from/to win over half: an entry with both is hourly',
    times: ['09:00', '16:00'],
    edit: (s) => s.leave.push({ date: DAY, half: 'am', type: 'personal', from: '16:00', to: '18:00' }),
    expect: { early: false, late: false, leaveMinutes: 120 },
  },
]);

function nightShift(s: Json) {
  s.shifts.N = { ...shift(s), name: 'Night', start: '22:00', end: '06:00', crossesMidnight: true, break: null };
  s.calendar[DAY] = { dayType: 'workday', shift: 'N' };
}

describe('R11a on a cross-midnight shift 22:00–06:00', () => {
  for (const [from, to] of [['04:00', '06:00'], ['28:00', '30:00']]) {
    it(`leave ${from}–${to} is on the next morning and covers the end`, () => {
      const r = runDay(['22:00', '+1 04:00'], both(nightShift, hourly(from, to)));
      expect(r).toMatchObject({ early: false, leaveMinutes: 120, workedMinutes: 360, status: 'present' });
    });
  }
  it('leave 23:00–01:00 spans midnight, strictly inside', () => {
    const r = runDay(['22:00', '+1 06:00'], both(nightShift, hourly('23:00', '01:00')));
    expect(r).toMatchObject({ leaveMinutes: 120, workedMinutes: 360, early: false, late: false });
  });
});

describe('R11a input forms', () => {
  it('hourly leave known only by its length reduces thresholds and moves nothing', () => {
    const s = baseScenario();
    s.punches = punches(['09:00', '10:59']);
    const input = parseScenario(s);
    input.leave.push({ date: DAY, half: null, type: 'personal', minutes: 120 });
    expect(evaluateRange(input)[DAY]).toMatchObject({ leaveMinutes: 120, status: 'half_day', early: true });
  });
  it('rejects a malformed window', () => {
    const s = baseScenario();
    s.leave.push({ date: DAY, half: null, type: 'personal', from: '9:00', to: '18:00' });
    s.leave.push({ date: DAY, half: null, type: 'personal', from: '10:00', to: '10:00' });
    expect(() => parseScenario(s)).toThrow(/leave\[0\]\.from|leave\[1\]\.to/);
  });
  it('explains hourly leave under R11a', () => {
    const r = run(['09:00', '16:00'], hourly('16:00', '18:00'), true)[DAY];
    expect(r.explanation?.some((e) => e.rule === 'R11a' && e.field === 'leaveMinutes')).toBe(true);
  });
  it('leaveMinutes is 0 without hourly leave, and on rest days', () => {
    const r = run(['09:00', '18:00'], (s) => (s.calendar[NEXT] = { dayType: 'rest_day', shift: null }));
    expect(r[DAY].leaveMinutes).toBe(0);
    expect(r[NEXT].leaveMinutes).toBe(0);
  });
});

describe('R11 full-day leave with punches', () => {
  it('counts no worked time and no overtime, shows no in/out, and flags the day', () => {
    const r = runDay(['09:00', '21:00'], (s) => s.leave.push({ date: DAY, half: null, type: 'annual' }));
    expect(r).toMatchObject({ status: 'on_leave', workedMinutes: 0, overtimeMinutes: 0, inTime: null, outTime: null, flags: ['punches_on_leave'] });
  });
  it('a leave day without punches has no flag', () => {
    const r = runDay([], (s) => s.leave.push({ date: DAY, half: null, type: 'annual' }));
    expect(r.status).toBe('on_leave');
    expect(r.flags).toBeUndefined();
  });
  it('am + pm on one date is a full day, also flagged when punched', () => {
    const r = runDay(['09:00', '18:00'], both(half('am'), half('pm')));
    expect(r).toMatchObject({ status: 'on_leave', workedMinutes: 0, flags: ['punches_on_leave'] });
  });
  it('free-hours days follow R11 too', () => {
    const r = runDay(['09:00', '18:00'], (s) => {
      s.freeHours = { dayStartsAt: '05:00', requiredMinutes: 480 };
      s.calendar[DAY] = { dayType: 'workday', shift: null };
      s.leave.push({ date: DAY, half: null, type: 'annual' });
    });
    expect(r).toMatchObject({ status: 'on_leave', workedMinutes: 0, inTime: null, flags: ['punches_on_leave'] });
  });
});

describe('R11a on a free-hours day', () => {
  const free = (s: Json) => {
    s.freeHours = { dayStartsAt: '05:00', requiredMinutes: 480 };
    s.calendar[DAY] = { dayType: 'workday', shift: null };
  };
  it('reduces the required minutes by the leave: 6 h worked + 2 h leave is not short', () => {
    const r = runDay(['09:00', '15:00'], both(free, hourly('15:00', '17:00')));
    expect(r).toMatchObject({ leaveMinutes: 120, early: false, earlyMinutes: 0, overtimeMinutes: 0, status: 'present' });
  });
  it('without the leave, 6 h worked is 120 min short', () => {
    expect(runDay(['09:00', '15:00'], free)).toMatchObject({ leaveMinutes: 0, early: true, earlyMinutes: 120 });
  });
});
