import { describe, expect, it } from 'vitest';
import { cycleShift, makeupShift, scheduleFor, type ScheduleCalendar, type ScheduleGroup } from '../../src/modules/schedules/schedule.js';
import { resolveMemberships, type Membership } from '../../src/modules/schedules/group-resolution.js';
import { checkShiftRules, DEFAULT_SHIFT_KNOBS, shiftDefFromRow, storedFromRules, type ShiftRules } from '../../src/modules/schedules/shift-def.js';
import { DEFAULT_POLICY, mergePolicy, policyFromRow, storedFromPolicy } from '../../src/modules/schedules/policy.js';

// 2026-01-01 Thu statutory, 2026-01-02 Fri rest (swapped), 2026-01-03 Sat, 2026-01-04 Sun make-up workday,
// 2026-01-05 Mon plain workday, 2026-01-10 Sat plain weekend.
const calendar: ScheduleCalendar = {
  weekendDays: [0, 6],
  days: [
    { date: '2026-01-01', dayType: 'statutory_holiday' },
    { date: '2026-01-02', dayType: 'rest_day' },
    { date: '2026-01-04', dayType: 'makeup_workday' },
  ],
};
const DATES = ['2026-01-01', '2026-01-02', '2026-01-04', '2026-01-05', '2026-01-10'];
const fixed: ScheduleGroup = { kind: 'fixed', weekly: { '1': 11, '2': 11, '3': 11, '4': 11, '5': 12, '6': null, '0': null }, rosterCycle: null };
const roster: ScheduleGroup = { kind: 'roster', weekly: null, rosterCycle: { startDate: '2026-01-01', shiftTypeIds: [21, 22, null] } };
const rosterNoCycle: ScheduleGroup = { kind: 'roster', weekly: null, rosterCycle: null };
const free: ScheduleGroup = { kind: 'free', weekly: null, rosterCycle: null };

describe('scheduleFor', () => {
  it.each([
    // group, date, dayType, shift
    [fixed, '2026-01-01', 'statutory_holiday', null],
    [fixed, '2026-01-02', 'rest_day', null],
    [fixed, '2026-01-04', 'makeup_workday', 11],
    [fixed, '2026-01-05', 'workday', 11],
    [fixed, '2026-01-10', 'rest_day', null],
    [roster, '2026-01-01', 'statutory_holiday', 7], // roster entry wins over the cycle, on a holiday too
    [roster, '2026-01-02', 'rest_day', 22], // cycle day 1 → 22; listed type kept
    [roster, '2026-01-04', 'makeup_workday', 21], // cycle day 3 → 21
    [roster, '2026-01-05', 'rest_day', null], // explicit rest entry beats cycle (day 4 → 22)
    [roster, '2026-01-10', 'workday', 21], // Saturday, unlisted: the cycle gives a shift (day 9 → 21), so a workday
    [rosterNoCycle, '2026-01-05', 'rest_day', null],
    [rosterNoCycle, '2026-01-10', 'workday', 7],
    [free, '2026-01-01', 'statutory_holiday', null],
    [free, '2026-01-04', 'makeup_workday', null],
    [free, '2026-01-05', 'workday', null],
    [free, '2026-01-10', 'rest_day', null],
  ] as const)('%#: %o on %s → %s / %s', (group, date, dayType, shift) => {
    const entries = [
      { date: '2026-01-01', shiftTypeId: 7 },
      { date: '2026-01-05', shiftTypeId: null },
      { date: '2026-01-10', shiftTypeId: 7 },
    ].filter((e) => group !== roster || e.date !== '2026-01-10');
    const out = scheduleFor(group, group.kind === 'roster' ? entries : [], calendar, DATES);
    expect(out[date]).toEqual({ dayType, shiftTypeId: shift });
  });

  it('uses Saturday and Sunday as weekend without a calendar and honours other weekend days', () => {
    expect(scheduleFor(fixed, [], null, ['2026-01-10', '2026-01-09'])).toEqual({
      '2026-01-10': { dayType: 'rest_day', shiftTypeId: null },
      '2026-01-09': { dayType: 'workday', shiftTypeId: 12 },
    });
    const fridayOff = { weekendDays: [5], days: [] };
    expect(scheduleFor(fixed, [], fridayOff, ['2026-01-09', '2026-01-10'])).toEqual({
      '2026-01-09': { dayType: 'rest_day', shiftTypeId: null },
      '2026-01-10': { dayType: 'workday', shiftTypeId: null },
    });
  });

  it('gives a make-up workday the first working weekday shift, Monday first', () => {
    expect(makeupShift({ '1': null, '2': 5, '0': 9 })).toBe(5);
    expect(makeupShift({ '0': 9 })).toBe(9);
    expect(makeupShift(null)).toBeNull();
  });

  it('repeats a cycle in both directions from its start', () => {
    const c = { startDate: '2026-01-10', shiftTypeIds: [1, 2, null] };
    expect(['2026-01-08', '2026-01-09', '2026-01-10', '2026-01-11', '2026-01-12', '2026-01-13'].map((d) => cycleShift(c, d))).toEqual([2, null, 1, 2, null, 1]);
  });
});

describe('resolveMemberships', () => {
  // Departments: 1 (root) → 2 → 3; employee 100 in 3, 101 in 2, 102 in none.
  const departments = [
    { id: 1, parentId: null },
    { id: 2, parentId: 1 },
    { id: 3, parentId: 2 },
  ];
  const employees = [
    { id: 100, departmentId: 3 },
    { id: 101, departmentId: 2 },
    { id: 102, departmentId: null },
  ];
  const m = (id: number, groupId: number, target: { departmentId?: number; employeeId?: number }, from: string, to: string | null): Membership => ({
    id,
    groupId,
    departmentId: target.departmentId ?? null,
    employeeId: target.employeeId ?? null,
    effectiveFrom: from,
    effectiveTo: to,
  });

  it('prefers the individual membership, then the nearest department up the tree; dates inclusive', () => {
    const memberships = [
      m(1, 10, { departmentId: 1 }, '2026-01-01', null),
      m(2, 20, { departmentId: 2 }, '2026-01-05', '2026-01-07'),
      m(3, 30, { employeeId: 100 }, '2026-01-07', '2026-01-08'),
    ];
    const out = resolveMemberships(employees, departments, memberships, '2026-01-03', '2026-01-10');
    expect(out.get(100)).toEqual([
      { from: '2026-01-03', to: '2026-01-04', groupId: 10 },
      { from: '2026-01-05', to: '2026-01-06', groupId: 20 },
      { from: '2026-01-07', to: '2026-01-08', groupId: 30 },
      { from: '2026-01-09', to: '2026-01-10', groupId: 10 },
    ]);
    expect(out.get(101)).toEqual([
      { from: '2026-01-03', to: '2026-01-04', groupId: 10 },
      { from: '2026-01-05', to: '2026-01-07', groupId: 20 },
      { from: '2026-01-08', to: '2026-01-10', groupId: 10 },
    ]);
    expect(out.get(102)).toEqual([]);
  });

  it('leaves dates before the first membership without a group', () => {
    const out = resolveMemberships(employees, departments, [m(1, 10, { employeeId: 102 }, '2026-02-01', '2026-02-01')], '2026-01-31', '2026-02-02');
    expect(out.get(102)).toEqual([{ from: '2026-02-01', to: '2026-02-01', groupId: 10 }]);
  });
});

describe('shift definitions', () => {
  const base: ShiftRules = { ...DEFAULT_SHIFT_KNOBS, start: '09:00', end: '18:00', break: { start: '12:00', end: '13:00' } };

  it('stores the engine ShiftDef in minutes and reads it back with the name', () => {
    const stored = storedFromRules(base);
    expect(stored).toMatchObject({ startMin: 540, endMin: 1080, break: { startMin: 720, endMin: 780 }, graceLateMin: 5, flex: null });
    expect(shiftDefFromRow({ name: 'Standard', definition: JSON.stringify(stored) })).toEqual({ name: 'Standard', ...stored });
  });

  it.each([
    [{ end: '08:00' }, 'body.end', 'SHIFT_END_BEFORE_START'],
    [{ crossesMidnight: true }, 'body.end', 'SHIFT_TOO_LONG'],
    [{ break: { start: '17:30', end: '18:30' } }, 'body.break', 'BREAK_OUTSIDE_SHIFT'],
    [{ break: { start: '13:00', end: '12:00' } }, 'body.break', 'BREAK_OUTSIDE_SHIFT'],
    [{ seriousLateMin: 200 }, 'body.seriousLateMin', 'THRESHOLD_ORDER'],
    [{ absentBelowMin: 300 }, 'body.absentBelowMin', 'THRESHOLD_ORDER'],
    [{ halfDayBelowMin: 600, absentBelowMin: 100 }, 'body.halfDayBelowMin', 'THRESHOLD_EXCEEDS_SHIFT'],
  ] as const)('rejects %o at %s with %s', (patch, path, code) => {
    expect(checkShiftRules({ ...base, ...patch } as ShiftRules, 'body')).toEqual([expect.objectContaining({ path, code })]);
  });

  it('accepts a night shift whose break falls after midnight', () => {
    expect(checkShiftRules({ ...base, start: '22:00', end: '06:00', crossesMidnight: true, break: { start: '02:00', end: '02:30' } }, 'body')).toEqual([]);
    expect(checkShiftRules(base, 'body')).toEqual([]);
  });
});

describe('policy', () => {
  it('defaults to the RULES.md example and returns the engine Policy', () => {
    const p = policyFromRow({ policy: JSON.stringify(storedFromPolicy(DEFAULT_POLICY)) });
    expect(p).toEqual({
      pairing: 'first_last',
      dedupeWindowSec: 60,
      minInOutGapMin: 30,
      restDayStartsAtMin: 300,
      truncateToMinute: true,
      overtime: {
        workday: { enabled: true, startAfterMin: 30, minMin: 30, unitMin: 30, capMin: 240, requiresApproval: false },
        restday: { enabled: true, minMin: 30, unitMin: 30, capMin: null, breakWindow: { startMin: 720, endMin: 780 } },
        holiday: { enabled: true, minMin: 30, unitMin: 30, capMin: null, breakWindow: { startMin: 720, endMin: 780 } },
        payMultiplier: { workday: 1.5, restday: 2.0, holiday: 3.0 },
      },
    });
  });

  it('merges a partial policy deeply; null clears a window', () => {
    const p = mergePolicy(DEFAULT_POLICY, { overtime: { workday: { capMin: null }, holiday: { breakWindow: null } }, corrections: { quotaPerMonth: 5 } });
    expect(p.overtime.workday).toMatchObject({ capMin: null, startAfterMin: 30 });
    expect(p.overtime.holiday.breakWindow).toBeNull();
    expect(p.overtime.restday.breakWindow).toEqual({ start: '12:00', end: '13:00' });
    expect(p.corrections).toEqual({ quotaPerMonth: 5, deadlineDays: 30 });
  });
});
