/** R9 (status precedence), R11 (leave), R12 (corrections), and explanation wording. */
import { describe, expect, it } from 'vitest';
import { renderReason } from '../../src/shared/reasons/render.js';
import { DAY, run, runDay, shift } from './helpers.js';

type Json = Record<string, any>;
type Case = { name: string; times: string[]; edit?: (s: Json) => void; expect: Record<string, unknown> };

function table(title: string, cases: Case[]) {
  describe(title, () => {
    for (const c of cases) it(c.name, () => expect(runDay(c.times, c.edit)).toMatchObject(c.expect));
  });
}

const leave = (half: 'am' | 'pm' | null, status = 'approved', type = 'annual') => (s: Json) => {
  s.leave.push({ date: DAY, half, type, status });
};
const thresholds = (absent: number, halfDay: number) => (s: Json) => {
  shift(s).absentBelowMin = absent;
  shift(s).halfDayBelowMin = halfDay;
};

table('R9 status precedence', [
  { name: 'full-day leave wins over punches', times: ['09:30', '18:00'], edit: leave(null), expect: { status: 'on_leave', late: false, missingIn: false, overtimeMinutes: 0 } },
  { name: 'no valid punch: absent', times: [], expect: { status: 'absent' } },
  { name: 'a missing side: missing_punch, thresholds not applied', times: ['09:00'], expect: { status: 'missing_punch', workedMinutes: 0 } },
  { name: 'worked 119 < absentBelowMin 120: absent', times: ['09:00', '10:59'], expect: { status: 'absent', workedMinutes: 119, early: true } },
  { name: 'worked 120: half_day', times: ['09:00', '11:00'], expect: { status: 'half_day' } },
  { name: 'worked 239: half_day', times: ['09:00', '13:59'], expect: { status: 'half_day', workedMinutes: 239 } },
  { name: 'worked 240: present', times: ['09:00', '14:00'], expect: { status: 'present', workedMinutes: 240 } },
  { name: 'thresholds 0 disable both', times: ['09:00', '10:00'], edit: thresholds(0, 0), expect: { status: 'present', early: true } },
  { name: 'absent threshold 0 leaves half day working', times: ['09:00', '10:00'], edit: thresholds(0, 240), expect: { status: 'half_day' } },
  { name: 'late is reported on an absent-by-threshold day', times: ['11:30', '13:00'], expect: { status: 'absent', late: true, lateLevel: 'absenteeism' } },
]);

table('R11 leave', [
  { name: 'am leave: late measured from break end', times: ['13:06', '18:00'], edit: leave('am'), expect: { late: true, lateMinutes: 6, status: 'present' } },
  { name: 'am leave: the midpoint is 15:30, so 15:00 is a check-in', times: ['15:00'], edit: leave('am'), expect: { missingOut: true, missingIn: false } },
  { name: 'without leave 15:00 would be a check-out', times: ['15:00'], expect: { missingOut: false, missingIn: true } },
  { name: 'pm leave: early measured at break start', times: ['09:00', '11:54'], edit: leave('pm'), expect: { early: true, earlyMinutes: 6 } },
  { name: 'pm leave: 180 worked ≥ halved 120', times: ['09:00', '12:00'], edit: leave('pm'), expect: { status: 'present', early: false } },
  { name: 'pm leave: 110 < halved half-day 120', times: ['09:00', '10:50'], edit: leave('pm'), expect: { status: 'half_day', workedMinutes: 110 } },
  { name: 'pm leave: 50 < halved absent 60', times: ['09:00', '09:50'], edit: leave('pm'), expect: { status: 'absent' } },
  { name: 'half leave without punches: absent', times: [], edit: leave('am'), expect: { status: 'absent', missingIn: true } },
  { name: 'am + pm is a full day', times: [], edit: (s) => { leave('am')(s); leave('pm')(s); }, expect: { status: 'on_leave' } },
  { name: 'pending leave does not count', times: [], edit: leave(null, 'pending'), expect: { status: 'absent' } },
  { name: 'half leave on a flexible shift shifts the working half', times: ['13:20', '18:20'], edit: (s) => { leave('am')(s); shift(s).flex = { lateMaxMin: 60, earlyMaxMin: 30 }; }, expect: { late: false, early: false } },
  { name: 'half leave without a shift break splits at the shift midpoint', times: ['13:36', '18:00'], edit: (s) => { leave('am')(s); shift(s).break = null; }, expect: { late: true, lateMinutes: 6 } },
]);

describe('R12 corrections', () => {
  const correction = (time: string, status = 'approved') => (s: Json) => {
    s.approvals.corrections.push({ time: `${DAY}T${time}:00+08:00`, reason: 'forgot', status });
  };
  it('an approved correction supplies the missing side', () => {
    expect(runDay(['08:57'], correction('18:00'))).toMatchObject({ status: 'present', workedMinutes: 483 });
  });
  it('a rejected correction is not a punch', () => {
    expect(runDay(['08:57'], correction('18:00', 'rejected'))).toMatchObject({ status: 'missing_punch', missingOut: true });
  });
  it('a correction within the dedupe window of a punch is a duplicate', () => {
    expect(runDay(['08:57:00', '18:00:00'], correction('18:00'))).toMatchObject({ duplicatePunchCount: 1 });
  });
  it('explanations name the correction', () => {
    const r = run(['08:57'], correction('18:00'), true)[DAY];
    const inOut = r.explanation!.find((e) => e.rule === 'R4')!;
    expect(inOut.punchIds).toEqual(['punches[0]', 'corrections[0]']);
  });
});

describe('explanations', () => {
  // The English rendering of each reason code reads like the rule.
  const explained = (times: string[], edit?: (s: Json) => void) =>
    run(times, edit, true)[DAY].explanation!.map(({ code, params, ...e }) => ({ ...e, code, text: renderReason({ code, params }, 'en') }));
  it('read like the rule', () => {
    const ex = explained(['09:07', '20:10']);
    expect(ex).toContainEqual({ field: 'late', rule: 'R5', code: 'late', text: 'late 7 min: in 09:07 > start 09:00 + grace 5' });
    expect(ex.find((e) => e.field === 'workedMinutes')!.text).toBe('worked 603 min: 09:07–20:10 (663) − break overlap 60');
    expect(ex.find((e) => e.field === 'overtimeMinutes')!.text).toContain('overtime 90 min');
    expect(ex.find((e) => e.field === 'status')).toMatchObject({ rule: 'R9', text: expect.stringMatching(/^present/) });
  });
  it('explain serious level, flex and duplicates', () => {
    const ex = explained(['09:45:00', '09:45:20', '19:00'], (s) => (shift(s).flex = { lateMaxMin: 10, earlyMaxMin: 0 }));
    expect(ex).toContainEqual({ field: 'lateLevel', rule: 'R5', code: 'seriousLate', text: 'serious: 35 > seriousLateMin 30' });
    expect(ex.find((e) => e.rule === 'R5a')!.text).toBe('flex offset +10 min (within −0…+10): effective 09:10–18:10');
    expect(ex.find((e) => e.rule === 'R3')).toMatchObject({ punchIds: ['punches[1]'] });
  });
  it('are absent unless asked', () => {
    expect(runDay(['09:07', '18:00'])).not.toHaveProperty('explanation');
  });
  it('do not change the figures', () => {
    const plain = run(['09:07', '12:00', '20:10']);
    const withEx = run(['09:07', '12:00', '20:10'], undefined, true);
    const { explanation, ...rest } = withEx[DAY];
    expect(explanation!.length).toBeGreaterThan(3);
    expect(rest).toEqual(plain[DAY]);
  });
});
