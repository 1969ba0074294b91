/** Free-hours groups (自由工时): day boundary, in/out, shortfall as early leave, overtime, summary. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderReason } from '../../src/shared/reasons/render.js';
import { dateOfDayIndex, dayIndexOf, evaluateRange, parseScenario, summarizeMonth, type CalendarDay, type DayResult, type EngineInput } from '../../src/engine/index.js';
import { baseScenario, DAY, NEXT, punches } from './helpers.js';

type Json = Record<string, any>;

const REST = '2026-03-14'; // Saturday
const SUNDAY = '2026-03-15';

/** The C01 policy as a free-hours group: 03-09…03-13 workdays without a shift, then a weekend. */
function freeScenario(times: string[], edit: (s: Json) => void = () => {}): Json {
  const s = baseScenario();
  s.freeHours = { dayStartsAt: '05:00', requiredMinutes: 480 };
  s.calendar = {};
  for (const d of ['09', '10', '11', '12', '13']) s.calendar[`2026-03-${d}`] = { dayType: 'workday', shift: null };
  s.calendar[REST] = { dayType: 'rest_day', shift: null };
  s.calendar[SUNDAY] = { dayType: 'statutory_holiday', shift: null };
  s.punches = punches(times);
  edit(s);
  return s;
}

const runFree = (times: string[], edit?: (s: Json) => void, explain = false) => evaluateRange(parseScenario(freeScenario(times, edit)), { explain });
const day = (times: string[], edit?: (s: Json) => void, date = DAY): DayResult => runFree(times, edit)[date];

type Case = { name: string; times: string[]; edit?: (s: Json) => void; date?: string; expect: Record<string, unknown> };
function table(title: string, cases: Case[]) {
  describe(title, () => {
    for (const c of cases) it(c.name, () => expect(day(c.times, c.edit, c.date)).toMatchObject(c.expect));
  });
}

const leave = (half: 'am' | 'pm' | null) => (s: Json) => s.leave.push({ date: DAY, half, type: 'annual', status: 'approved' });
const on = (date: string, t: string) => `${date}T${t}:00+08:00`;

table('free hours: worked time against requiredMinutes', [
  {
    name: 'meets: 09:00–18:00 is 540 ≥ 480; the 30 min beyond 480 + startAfter 30 are overtime',
    times: ['09:00', '18:00'],
    expect: { status: 'present', late: false, lateMinutes: 0, lateLevel: 'none', early: false, earlyMinutes: 0, workedMinutes: 540, overtimeMinutes: 30, overtimeCategory: 'workday', inTime: '2026-03-10T09:00:00+08:00', outTime: '2026-03-10T18:00:00+08:00' },
  },
  { name: 'exactly the requirement: not short, no overtime', times: ['11:00', '19:00'], expect: { status: 'present', early: false, workedMinutes: 480, overtimeMinutes: 0 } },
  { name: 'short: 435 < 480 is early leave by the 45-minute shortfall', times: ['09:00', '16:15'], expect: { status: 'present', early: true, earlyMinutes: 45, workedMinutes: 435, late: false } },
  { name: 'one minute short counts (no grace)', times: ['09:00', '16:59'], expect: { early: true, earlyMinutes: 1 } },
  { name: 'a late start is never late', times: ['13:00', '21:00'], expect: { late: false, lateLevel: 'none', early: false, workedMinutes: 480 } },
  { name: 'first_last: punches between are ignored, no break deducted', times: ['09:00', '12:00', '13:00', '17:00'], expect: { workedMinutes: 480, early: false } },
  { name: 'pairs: worked is the sum of the pairs', times: ['09:00', '12:00', '13:00', '17:00'], edit: (s) => (s.policy.pairing = 'pairs'), expect: { workedMinutes: 420, early: true, earlyMinutes: 60, status: 'present' } },
  { name: 'pairs with an odd last punch: check-out missing', times: ['09:00', '12:00', '13:00'], edit: (s) => (s.policy.pairing = 'pairs'), expect: { status: 'missing_punch', missingOut: true, early: false, workedMinutes: 180 } },
  { name: 'requiredMinutes 0: never short, no workday overtime', times: ['09:00', '10:00'], edit: (s) => (s.freeHours.requiredMinutes = 0), expect: { early: false, earlyMinutes: 0, overtimeMinutes: 0, workedMinutes: 60 } },
  { name: 'duplicates are dropped before pairing (R3)', times: ['09:00', '09:00:30', '18:00'], expect: { duplicatePunchCount: 1, workedMinutes: 540 } },
]);

table('free hours: missing punches and absence', [
  { name: 'no punch: absent, both sides missing', times: [], expect: { status: 'absent', missingIn: true, missingOut: true, early: false, workedMinutes: 0 } },
  { name: 'a lone punch is the check-in: out missing', times: ['09:00'], expect: { status: 'missing_punch', missingIn: false, missingOut: true, inTime: '2026-03-10T09:00:00+08:00', outTime: null, early: false } },
  { name: 'a lone evening punch is still the check-in (no midpoint)', times: ['20:00'], expect: { missingIn: false, missingOut: true } },
  { name: 'a cluster within minInOutGapMin is one check-in', times: ['09:00', '09:20'], expect: { status: 'missing_punch', missingOut: true, workedMinutes: 0 } },
]);

table('free hours: leave', [
  { name: 'full-day leave: on_leave, nothing flagged', times: ['09:00', '10:00'], edit: leave(null), expect: { status: 'on_leave', early: false, earlyMinutes: 0, overtimeMinutes: 0 } },
  { name: 'half-day leave halves the requirement: 240 worked is enough', times: ['13:00', '17:00'], edit: leave('am'), expect: { status: 'present', early: false } },
  { name: 'half-day leave: 180 < 240 is short by 60', times: ['13:00', '16:00'], edit: leave('pm'), expect: { early: true, earlyMinutes: 60 } },
  { name: 'no workday overtime on a leave day', times: ['08:00', '20:00'], edit: leave('am'), expect: { overtimeMinutes: 0 } },
  { name: 'half-day leave without punches: absent', times: [], edit: leave('am'), expect: { status: 'absent' } },
]);

describe('free hours: the day runs from dayStartsAt to dayStartsAt', () => {
  it('a night crossing midnight belongs to the day it started, until the next day starts', () => {
    const r = runFree([on(DAY, '22:00'), on(NEXT, '04:30')]);
    expect(r[DAY]).toMatchObject({ status: 'present', workedMinutes: 390, early: true, earlyMinutes: 90, outTime: '2026-03-11T04:30:00+08:00' });
    expect(r[NEXT]).toMatchObject({ status: 'absent', workedMinutes: 0 });
  });

  it('a punch at dayStartsAt opens the next day; one a minute before closes the previous one', () => {
    const r = runFree([on(DAY, '09:00'), on(NEXT, '04:59'), on(NEXT, '05:00'), on(NEXT, '14:00')]);
    expect(r[DAY]).toMatchObject({ outTime: '2026-03-11T04:59:00+08:00', workedMinutes: 1199 });
    expect(r[NEXT]).toMatchObject({ inTime: '2026-03-11T05:00:00+08:00', workedMinutes: 540 });
  });

  it('follows the group’s dayStartsAt, not the policy’s restDayStartsAt', () => {
    const r = runFree([on(DAY, '09:00'), on(NEXT, '06:30')], (s) => (s.freeHours.dayStartsAt = '07:00'));
    expect(r[DAY]).toMatchObject({ outTime: '2026-03-11T06:30:00+08:00', missingOut: false });
    expect(r[NEXT].status).toBe('absent');
  });

  it('punches before the first day starts are ignored on their local date', () => {
    const r = runFree([on('2026-03-09', '04:00'), on('2026-03-09', '09:00'), on('2026-03-09', '17:00')]);
    expect(r['2026-03-09']).toMatchObject({ ignoredPunchCount: 1, workedMinutes: 480 });
  });
});

describe('free hours: rest days and holidays', () => {
  it('a rest day is rest-day overtime per the group policy (R10, break window deducted)', () => {
    expect(day([on(REST, '10:00'), on(REST, '16:00')], undefined, REST)).toMatchObject({ status: 'rest', workedMinutes: 300, overtimeMinutes: 300, overtimeCategory: 'restday', overtimePayMultiplier: 2, early: false });
  });

  it('a statutory holiday is holiday overtime', () => {
    expect(day([on(SUNDAY, '09:00'), on(SUNDAY, '12:00')], undefined, SUNDAY)).toMatchObject({ status: 'holiday', overtimeMinutes: 180, overtimeCategory: 'holiday' });
  });

  it('rest days share the group’s day start: an early-morning punch closes the previous rest day', () => {
    const r = runFree([on(REST, '20:00'), on(SUNDAY, '05:30')], (s) => (s.freeHours.dayStartsAt = '06:00'));
    expect(r[REST]).toMatchObject({ workedMinutes: 570, outTime: '2026-03-15T05:30:00+08:00' });
    expect(r[SUNDAY].workedMinutes).toBe(0);
  });

  it('a make-up workday is a free-hours workday', () => {
    const r = runFree(['2026-03-14T09:00:00+08:00', '2026-03-14T15:00:00+08:00'], (s) => (s.calendar[REST] = { dayType: 'makeup_workday', shift: null }));
    expect(r[REST]).toMatchObject({ status: 'present', early: true, earlyMinutes: 120, overtimeCategory: 'workday' });
  });
});

describe('free hours: workday overtime (R7 beyond the requirement)', () => {
  it('min, unit and cap apply to the time beyond required + startAfterMin', () => {
    expect(day(['08:00', '23:59']).overtimeMinutes).toBe(240); // 959 − 510 = 449 → 420 → cap 240
    expect(day(['09:00', '17:59']).overtimeMinutes).toBe(0); // 29 < min 30
  });

  it('pairs count the overtime once the requirement is reached, in time order', () => {
    // 09–13 (240) + 14–20 (360): the requirement and startAfter (510) end at 18:30 → 90 → 90.
    expect(day(['09:00', '13:00', '14:00', '20:00'], (s) => (s.policy.pairing = 'pairs')).overtimeMinutes).toBe(90);
  });

  it('with approval required only the approved part counts, the rest is unapproved', () => {
    const r = day(['09:00', '20:00'], (s) => {
      s.policy.overtime.workday.requiresApproval = true;
      s.approvals.overtime.push({ from: on(DAY, '18:00'), to: on(DAY, '19:00'), status: 'approved' });
    });
    // Beyond 17:30: 150 min, 60 approved.
    expect(r).toMatchObject({ overtimeMinutes: 60, unapprovedOvertimeMinutes: 90 });
  });
});

describe('free hours: explanations', () => {
  it('name the shortfall, e.g. "short 45 min: worked 435 < required 480"', () => {
    const r = runFree(['09:00', '16:15'], undefined, true)[DAY];
    const early = r.explanation!.find((e) => e.field === 'early')!;
    expect(early.rule).toBe('R6');
    expect(early).toMatchObject({ code: 'freeShort', params: { minutes: 45, worked: 435, required: 480 } });
    expect(renderReason(early, 'en')).toBe('short 45 min: worked 435 < required 480, reported as early leave');
    expect(renderReason(early, 'zh-CN')).toBe('工时不足 45 分钟：工作 435 < 要求 480 分钟，记为早退');
    expect(r.explanation!.some((e) => e.rule === 'R1' && renderReason(e, 'en').includes('05:00–05:00 next day'))).toBe(true);
  });

  it('cover status with an AHR-1 rule id on every kind of day, and never change the figures', () => {
    const cases: [string[], ((s: Json) => void)?][] = [[['09:00', '18:00']], [['09:00']], [[]], [['09:00', '16:00'], leave('am')], [['09:00'], leave(null)], [['09:00', '09:30:30', '12:00'], (s) => (s.policy.pairing = 'pairs')]];
    for (const [times, edit] of cases) {
      const plain = runFree(times, edit);
      const explained = runFree(times, edit, true);
      for (const [date, r] of Object.entries(explained)) {
        expect(r.explanation!.some((e) => e.field === 'status')).toBe(true);
        for (const e of r.explanation!) expect(e.rule).toMatch(/^R\d+a?$/);
        const { explanation: _e, ...figures } = r;
        expect(figures).toEqual(plain[date]);
      }
    }
  });
});

describe('free hours: scenario file', () => {
  it('reads "freeHours" into the engine input and names bad fields by path', () => {
    expect(parseScenario(freeScenario([])).freeHours).toEqual({ dayStartsAtMin: 300, requiredMinutes: 480 });
    expect(parseScenario(baseScenario()).freeHours).toBeUndefined();
    expect(() => parseScenario(freeScenario([], (s) => (s.freeHours = { dayStartsAt: '25:00', requiredMinutes: -1 })))).toThrow(/freeHours\.dayStartsAt.*freeHours\.requiredMinutes/);
  });
});

describe('free hours: monthly summary', () => {
  it('counts free workdays as days to attend and shortfalls in the early-leave columns', () => {
    const times = [on('2026-03-09', '09:00'), on('2026-03-09', '18:00'), on(DAY, '09:00'), on(DAY, '16:15'), on('2026-03-11', '09:00'), on('2026-03-13', '10:00'), on('2026-03-13', '17:00'), on(REST, '10:00'), on(REST, '12:00')];
    const input = parseScenario(freeScenario(times));
    const m = summarizeMonth(evaluateRange(input), input);
    expect(m).toMatchObject({ shouldAttendDays: 5, attendedDays: 4, earlyCount: 2, earlyMinutes: 105, lateCount: 0, missingOutCount: 1, absentDays: 1, restDays: 1, holidayDays: 1 });
    expect(m.overtimeMinutesByCategory).toEqual({ workday: 30, restday: 120, holiday: 0 });
  });
});

describe('free hours: properties', () => {
  const FIRST = '2026-03-09';
  const kinds = fc.constantFrom<CalendarDay>({ dayType: 'workday', shift: null }, { dayType: 'makeup_workday', shift: null }, { dayType: 'rest_day', shift: null }, { dayType: 'statutory_holiday', shift: null });
  const scenario = fc
    .record({
      days: fc.array(kinds, { minLength: 7, maxLength: 7 }),
      minutes: fc.array(fc.integer({ min: 0, max: 8 * 1440 }), { maxLength: 40 }),
      dayStartsAt: fc.constantFrom('00:00', '05:00', '07:30'),
      required: fc.constantFrom(0, 240, 480),
      pairs: fc.boolean(),
      leave: fc.array(fc.record({ day: fc.integer({ min: 0, max: 6 }), half: fc.constantFrom<'am' | 'pm' | null>('am', 'pm', null) }), { maxLength: 2 }),
    })
    .map((g): EngineInput => {
      const s = freeScenario([]);
      s.freeHours = { dayStartsAt: g.dayStartsAt, requiredMinutes: g.required };
      s.policy.pairing = g.pairs ? 'pairs' : 'first_last';
      const input = parseScenario(s);
      const first = dayIndexOf(FIRST);
      input.calendar = {};
      g.days.forEach((d, i) => (input.calendar[dateOfDayIndex(first + i)] = d));
      const start = Date.parse(`${FIRST}T00:00:00+08:00`);
      input.punches = g.minutes.map((m, i) => ({ atMs: start + m * 60_000, source: 'dingtalk', id: `p${i}` }));
      input.leave = g.leave.map((l) => ({ date: dateOfDayIndex(first + l.day), half: l.half, type: 'annual' }));
      return input;
    });

  it('results depend on punch instants only, and a late punch changes at most one date', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 8 * 1440 }), (input, minute) => {
        const before = evaluateRange(input);
        expect(evaluateRange({ ...input, punches: [...input.punches].reverse() })).toEqual(before);
        const late = { atMs: Date.parse(`${FIRST}T00:00:00+08:00`) + minute * 60_000, source: 'device:zk-01', receivedAtMs: Number.MAX_SAFE_INTEGER };
        const after = evaluateRange({ ...input, punches: [...input.punches, late] });
        expect(Object.keys(before).filter((d) => JSON.stringify(before[d]) !== JSON.stringify(after[d])).length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });

  it('a shortfall is exactly required − worked on a complete workday', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        for (const [date, r] of Object.entries(evaluateRange(input))) {
          const cal = input.calendar[date];
          if (cal.dayType === 'rest_day' || cal.dayType === 'statutory_holiday') {
            expect(r.early).toBe(false);
            continue;
          }
          expect(r.late).toBe(false);
          if (r.status !== 'present') continue;
          const leave = input.leave.filter((l) => l.date === date);
          const required = leave.length ? Math.floor(input.freeHours!.requiredMinutes / 2) : input.freeHours!.requiredMinutes;
          expect(r.earlyMinutes).toBe(Math.max(0, required - r.workedMinutes));
          expect(r.early).toBe(r.earlyMinutes > 0);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('shift days ignore freeHours: with every workday on a shift and the same boundary, results are identical', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const shifted: EngineInput = { ...input, shifts: parseScenario(baseScenario()).shifts, calendar: {}, freeHours: null };
        for (const [date, d] of Object.entries(input.calendar)) shifted.calendar[date] = d.dayType === 'workday' || d.dayType === 'makeup_workday' ? { dayType: d.dayType, shift: 'S1' } : d;
        shifted.policy = { ...input.policy, restDayStartsAtMin: input.freeHours!.dayStartsAtMin };
        const withFree = { ...shifted, freeHours: input.freeHours, calendar: { ...shifted.calendar } };
        expect(evaluateRange(withFree)).toEqual(evaluateRange(shifted));
      }),
      { numRuns: 100 },
    );
  });
});
