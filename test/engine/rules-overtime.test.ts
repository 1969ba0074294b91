/** R7 (workday overtime), R8 (worked minutes), R10 (calendar categories, rest/holiday overtime). */
import { describe, expect, it } from 'vitest';
import { DAY, run, runDay, shift } from './helpers.js';

type Json = Record<string, any>;
type Case = { name: string; times: string[]; edit?: (s: Json) => void; expect: Record<string, unknown>; absent?: string[] };

function table(title: string, cases: Case[]) {
  describe(title, () => {
    for (const c of cases) {
      it(c.name, () => {
        const r = runDay(c.times, c.edit) as unknown as Json;
        expect(r).toMatchObject(c.expect);
        for (const f of c.absent ?? []) expect(r).not.toHaveProperty(f);
      });
    }
  });
}

const approval = (from: string, to: string, status = 'approved') => ({ date: DAY, from: `${DAY}T${from}:00+08:00`, to: `${DAY}T${to}:00+08:00`, status });
const requireApproval = (...windows: ReturnType<typeof approval>[]) => (s: Json) => {
  s.policy.overtime.workday.requiresApproval = true;
  s.approvals.overtime = windows;
};
const wd = (patch: Json) => (s: Json) => Object.assign(s.policy.overtime.workday, patch);

table('R7 workday overtime', [
  { name: 'counts only after end + startAfterMin, floored to units', times: ['08:57', '20:10'], expect: { overtimeMinutes: 90 }, absent: ['unapprovedOvertimeMinutes'] },
  { name: 'below minMin is 0', times: ['09:00', '18:55'], expect: { overtimeMinutes: 0 } },
  { name: '59 min floors to one unit', times: ['09:00', '19:29'], expect: { overtimeMinutes: 30 } },
  { name: 'capped at capMin', times: ['09:00', '23:59'], expect: { overtimeMinutes: 240 } },
  { name: 'capMin null: uncapped', times: ['09:00', '23:59'], edit: wd({ capMin: null }), expect: { overtimeMinutes: 300 } },
  { name: 'minMin 0 and unitMin 0 disable their steps', times: ['09:00', '18:47'], edit: wd({ minMin: 0, unitMin: 0 }), expect: { overtimeMinutes: 17 } },
  { name: 'time before the shift never counts', times: ['07:00', '18:00'], expect: { overtimeMinutes: 0, workedMinutes: 600 } },
  { name: 'disabled', times: ['09:00', '21:00'], edit: wd({ enabled: false }), expect: { overtimeMinutes: 0 } },
  { name: 'no overtime without a complete pair', times: ['21:00'], expect: { overtimeMinutes: 0, missingIn: true } },
  { name: 'no overtime on a half-leave day', times: ['13:00', '21:00'], edit: (s) => (s.leave = [{ date: DAY, half: 'am', type: 'annual' }]), expect: { overtimeMinutes: 0, status: 'present' } },
  { name: 'pairs mode: overtime from the pair after the threshold', times: ['09:00', '12:00', '13:00', '20:00'], edit: (s) => (s.policy.pairing = 'pairs'), expect: { overtimeMinutes: 90 } },
  { name: 'approval intersects; the rest is unapproved (finalised, not capped)', times: ['09:00', '21:00'], edit: requireApproval(approval('19:00', '20:00')), expect: { overtimeMinutes: 60, unapprovedOvertimeMinutes: 90 } },
  { name: 'overlapping approvals count once', times: ['09:00', '21:00'], edit: requireApproval(approval('19:00', '20:00'), approval('19:30', '20:30')), expect: { overtimeMinutes: 90, unapprovedOvertimeMinutes: 60 } },
  { name: 'no approval: everything unapproved, uncapped', times: ['09:00', '23:59'], edit: requireApproval(), expect: { overtimeMinutes: 0, unapprovedOvertimeMinutes: 300 } },
  { name: 'pending approvals do not count', times: ['09:00', '21:00'], edit: requireApproval(approval('18:30', '21:00', 'pending')), expect: { overtimeMinutes: 0, unapprovedOvertimeMinutes: 150 } },
  { name: 'approved part below minMin is 0', times: ['09:00', '21:00'], edit: requireApproval(approval('18:00', '18:50')), expect: { overtimeMinutes: 0, unapprovedOvertimeMinutes: 120 } },
  { name: 'approved part capped', times: ['09:00', '23:59'], edit: requireApproval(approval('18:00', '23:59')), expect: { overtimeMinutes: 240, unapprovedOvertimeMinutes: 0 } },
]);

table('R8 worked minutes', [
  { name: 'minus the part of the break inside the pair', times: ['12:30', '18:00'], expect: { workedMinutes: 300 } },
  { name: 'not clipped to the shift', times: ['07:30', '20:00'], expect: { workedMinutes: 690 } },
  { name: 'a cluster adds nothing', times: ['09:00', '09:20'], expect: { workedMinutes: 0 } },
  { name: 'no break configured', times: ['09:00', '18:00'], edit: (s) => (shift(s).break = null), expect: { workedMinutes: 540 } },
]);

const restDay = (date: string, dayType: string, shiftId: string | null = null) => (s: Json) => {
  s.calendar = { [date]: { dayType, shift: shiftId } };
};
const SAT = '2026-03-14';
const onSat = (...t: string[]) => t.map((x) => `${SAT}T${x}:00+08:00`);

describe('R10 calendar categories', () => {
  const cases: Case[] = [
    { name: 'rest day without punches: rest, no anomalies', times: [], edit: restDay(SAT, 'rest_day'), expect: { status: 'rest', missingIn: false, missingOut: false, late: false, workedMinutes: 0, overtimeCategory: 'restday', overtimePayMultiplier: 2 } },
    { name: 'rest-day pair minus the break window, all overtime, floored', times: onSat('10:00', '16:45'), edit: restDay(SAT, 'rest_day'), expect: { workedMinutes: 345, overtimeMinutes: 330 } },
    { name: 'rest-day single punch: no worked time', times: onSat('10:00'), edit: restDay(SAT, 'rest_day'), expect: { workedMinutes: 0, overtimeMinutes: 0, inTime: `${SAT}T10:00:00+08:00`, outTime: null, missingOut: false } },
    { name: 'rest-day pair below minInOutGapMin: nothing', times: onSat('10:00', '10:20'), edit: restDay(SAT, 'rest_day'), expect: { workedMinutes: 0, overtimeMinutes: 0 } },
    { name: 'rest-day overtime below minMin', times: onSat('10:00', '10:40'), edit: (s) => { restDay(SAT, 'rest_day')(s); s.policy.minInOutGapMin = 10; s.policy.overtime.restday.minMin = 60; }, expect: { workedMinutes: 40, overtimeMinutes: 0 } },
    { name: 'rest-day cap', times: onSat('08:00', '20:00'), edit: (s) => { restDay(SAT, 'rest_day')(s); s.policy.overtime.restday.capMin = 480; }, expect: { workedMinutes: 660, overtimeMinutes: 480 } },
    { name: 'rest-day overtime disabled: worked still counts', times: onSat('10:00', '16:30'), edit: (s) => { restDay(SAT, 'rest_day')(s); s.policy.overtime.restday.enabled = false; }, expect: { workedMinutes: 330, overtimeMinutes: 0 } },
    { name: 'no break window', times: onSat('10:00', '16:30'), edit: (s) => { restDay(SAT, 'rest_day')(s); s.policy.overtime.restday.breakWindow = null; }, expect: { workedMinutes: 390, overtimeMinutes: 390 } },
    { name: 'statutory holiday: holiday category ×3', times: onSat('09:00', '18:00'), edit: restDay(SAT, 'statutory_holiday'), expect: { status: 'holiday', overtimeCategory: 'holiday', overtimePayMultiplier: 3, overtimeMinutes: 480 } },
    { name: 'holiday uses its own break window', times: onSat('09:00', '18:00'), edit: (s) => { restDay(SAT, 'statutory_holiday')(s); s.policy.overtime.holiday.breakWindow = { start: '11:30', end: '13:00' }; }, expect: { workedMinutes: 450, overtimeMinutes: 450 } },
    { name: 'rest day with a shift: window from the shift, judged as a rest day', times: onSat('09:30', '17:00'), edit: restDay(SAT, 'rest_day', 'S1'), expect: { status: 'rest', late: false, early: false, workedMinutes: 390, overtimeMinutes: 390, overtimeCategory: 'restday' } },
    { name: 'make-up workday behaves like a workday', times: onSat('09:10', '18:00'), edit: restDay(SAT, 'makeup_workday', 'S1'), expect: { status: 'present', late: true, lateMinutes: 10, overtimeCategory: 'workday', overtimePayMultiplier: 1.5 } },
    { name: 'leave on a rest day is not a leave day', times: [], edit: (s) => { restDay(SAT, 'rest_day')(s); s.leave = [{ date: SAT, half: null, type: 'annual' }]; }, expect: { status: 'rest' } },
  ];
  for (const c of cases) it(c.name, () => expect(run(c.times, c.edit)[SAT]).toMatchObject(c.expect));
});
