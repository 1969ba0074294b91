/** summarizeMonth and diffResults. */
import { describe, expect, it } from 'vitest';
import { diffResults, evaluateRange, parseScenario, summarizeMonth } from '../../src/engine/index.js';
import { baseScenario, DAY, punches } from './helpers.js';

/** A week in March 2026 for one employee: Mon–Fri workdays, a weekend, and the 1st of April. */
function week(): Record<string, any> {
  const s = baseScenario();
  s.calendar = {};
  for (const d of ['09', '10', '11', '12', '13']) s.calendar[`2026-03-${d}`] = { dayType: 'workday', shift: 'S1' };
  s.calendar['2026-03-14'] = { dayType: 'rest_day', shift: null };
  s.calendar['2026-03-15'] = { dayType: 'statutory_holiday', shift: null };
  s.calendar['2026-04-01'] = { dayType: 'workday', shift: 'S1' };
  const p = (d: string, t: string, source = 'dingtalk') => ({ time: `2026-03-${d}T${t}:00+08:00`, source });
  s.punches = [
    p('09', '09:10'), p('09', '18:00'), // late 10
    p('10', '09:45'), p('10', '17:30'), // serious 45, early 30
    p('11', '08:55'), // missing out
    // 12: half-day am leave, worked afternoon, left early to 14:00 -> 60 min -> worked 60 ≥ absent 60 → half_day
    p('12', '13:00'), p('12', '14:00'),
    // 13: nothing -> absent
    p('14', '10:00'), p('14', '16:30'), // rest-day OT 330
    p('15', '09:00'), p('15', '18:00'), // holiday OT 480
  ];
  s.leave = [{ date: '2026-03-12', half: 'am', type: 'annual' }];
  s.approvals.corrections = [{ time: '2026-03-09T18:00:00+08:00', status: 'approved' }];
  return s;
}

describe('summarizeMonth', () => {
  it('rolls days up into the monthly report columns', () => {
    const input = parseScenario(week());
    const results = evaluateRange(input);
    expect(results['2026-03-12'].status).toBe('half_day');
    const m = summarizeMonth(results, { ...input, month: '2026-03' });
    expect(m).toEqual({
      shouldAttendDays: 5,
      attendedDays: 4,
      lateCount: 2,
      lateMinutes: 55,
      seriousLateCount: 1,
      absenteeismLateCount: 0,
      earlyCount: 2,
      earlyMinutes: 30 + 240,
      missingInCount: 0,
      missingOutCount: 1,
      absentDays: 1,
      halfDays: 1,
      leaveDaysByType: { annual: 0.5 },
      leaveMinutesByType: {},
      overtimeMinutesByCategory: { workday: 0, restday: 330, holiday: 480 },
      correctionsUsed: 1,
      restDays: 1,
      holidayDays: 1,
      workedMinutes: 470 + 405 + 0 + 60 + 0 + 330 + 480,
    });
  });
  it('without a month, summarises every date given', () => {
    const input = parseScenario(week());
    const m = summarizeMonth(evaluateRange(input), input);
    expect(m.shouldAttendDays).toBe(6);
    expect(m.absentDays).toBe(2);
  });
});

describe('diffResults', () => {
  it('lists only the changed fields of changed dates', () => {
    const s = week();
    const before = evaluateRange(parseScenario(s), { explain: true });
    s.approvals.corrections.push({ time: '2026-03-11T18:00:00+08:00' });
    const after = evaluateRange(parseScenario(s), { explain: true });
    const d = diffResults(before, after);
    expect(Object.keys(d)).toEqual(['2026-03-11']);
    const fields = Object.fromEntries(d['2026-03-11'].map((c) => [c.field, [c.before, c.after]]));
    expect(fields).toEqual({
      status: ['missing_punch', 'present'],
      missingOut: [true, false],
      workedMinutes: [0, 485],
      outTime: [null, '2026-03-11T18:00:00+08:00'],
    });
  });
  it('reports dates present on one side only', () => {
    const input = parseScenario(week());
    const all = evaluateRange(input);
    const fewer = { ...all };
    delete fewer['2026-04-01'];
    const d = diffResults(fewer, all);
    expect(Object.keys(d)).toEqual(['2026-04-01']);
    expect(d['2026-04-01'].find((c) => c.field === 'status')).toEqual({ field: 'status', before: null, after: 'absent' });
    expect(diffResults(all, all)).toEqual({});
  });
});

describe('summarizeMonth hourly leave (R11a)', () => {
  it('counts the leave minutes inside the shift per type, not days', () => {
    const s = baseScenario();
    s.punches = punches(['09:00', '16:00']);
    s.leave = [{ date: DAY, half: null, type: 'personal', from: '16:00', to: '19:00' }];
    const input = parseScenario(s);
    const m = summarizeMonth(evaluateRange(input), input);
    expect(m.leaveMinutesByType).toEqual({ personal: 120 });
    expect(m.leaveDaysByType).toEqual({});
  });
});
