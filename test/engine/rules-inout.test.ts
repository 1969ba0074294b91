/** R4 (in/out, clusters, pairs), R5 (late levels), R5a (flex), R6 (early leave). */
import { describe, expect, it } from 'vitest';
import { runDay, shift } from './helpers.js';

type Case = { name: string; times: string[]; edit?: (s: Record<string, any>) => void; expect: Record<string, unknown> };

function table(title: string, cases: Case[]) {
  describe(title, () => {
    for (const c of cases) it(c.name, () => expect(runDay(c.times, c.edit)).toMatchObject(c.expect));
  });
}

const pairs = (s: Record<string, any>) => (s.policy.pairing = 'pairs');
const flex = (s: Record<string, any>) => {
  shift(s).flex = { lateMaxMin: 60, earlyMaxMin: 30 };
  shift(s).graceLateMin = 0;
  shift(s).graceEarlyMin = 0;
};

table('R4 in and out', [
  { name: 'no punch: both sides missing', times: [], expect: { missingIn: true, missingOut: true, inTime: null, outTime: null } },
  { name: 'single punch at the midpoint 13:30 is the check-in', times: ['13:30'], expect: { missingIn: false, missingOut: true, inTime: '2026-03-10T13:30:00+08:00', status: 'missing_punch' } },
  { name: 'single punch after the midpoint is the check-out', times: ['13:31'], expect: { missingIn: true, missingOut: false, outTime: '2026-03-10T13:31:00+08:00' } },
  { name: 'cluster below minInOutGapMin starting before the midpoint: check-in', times: ['13:10', '13:20', '13:39'], expect: { missingOut: true, inTime: '2026-03-10T13:10:00+08:00', workedMinutes: 0 } },
  { name: 'cluster starting after the midpoint: the last punch is the check-out', times: ['13:31', '13:45', '13:50'], expect: { missingIn: true, outTime: '2026-03-10T13:50:00+08:00', workedMinutes: 0 } },
  { name: 'exactly minInOutGapMin apart is a pair', times: ['13:00', '13:30'], expect: { missingIn: false, missingOut: false, workedMinutes: 30, status: 'absent' } },
  { name: 'first_last ignores punches between', times: ['09:00', '12:00', '13:30', '18:00'], expect: { workedMinutes: 480, inTime: '2026-03-10T09:00:00+08:00', outTime: '2026-03-10T18:00:00+08:00' } },
  { name: 'pairs with an odd last punch: it has no partner', times: ['09:00', '12:00', '13:00'], edit: pairs, expect: { workedMinutes: 180, missingIn: false, missingOut: true, outTime: null, status: 'missing_punch' } },
  { name: 'pairs excludes the time between pairs', times: ['08:30', '11:30', '13:00', '18:30'], edit: pairs, expect: { workedMinutes: 510, status: 'present', early: false } },
]);

table('R5 late', [
  { name: 'at start + grace: not late', times: ['09:05', '18:00'], expect: { late: false, lateMinutes: 0, lateLevel: 'none' } },
  { name: 'one past grace: full value from the start', times: ['09:06', '18:00'], expect: { late: true, lateMinutes: 6, lateLevel: 'late' } },
  { name: 'one past serious', times: ['09:31', '18:00'], expect: { lateMinutes: 31, lateLevel: 'serious' } },
  { name: 'at absenteeism threshold: still serious', times: ['11:00', '18:00'], expect: { lateMinutes: 120, lateLevel: 'serious' } },
  { name: 'one past absenteeism', times: ['11:01', '18:00'], expect: { lateMinutes: 121, lateLevel: 'absenteeism' } },
  { name: 'seriousLateMin 0 disables the serious level', times: ['09:45', '18:00'], edit: (s) => (shift(s).seriousLateMin = 0), expect: { lateLevel: 'late', lateMinutes: 45 } },
  { name: 'absenteeismLateMin 0 disables that level', times: ['12:00', '18:00'], edit: (s) => (shift(s).absenteeismLateMin = 0), expect: { lateLevel: 'serious' } },
  { name: 'grace 0: one minute is late', times: ['09:01', '18:00'], edit: (s) => (shift(s).graceLateMin = 0), expect: { late: true, lateMinutes: 1 } },
  { name: 'late is reported on a missing-punch day', times: ['09:40'], expect: { status: 'missing_punch', late: true, lateMinutes: 40, lateLevel: 'serious' } },
]);

table('R5a flexible hours', [
  { name: '40 late in, 40 late out: nothing', times: ['09:40', '18:40'], edit: flex, expect: { late: false, early: false } },
  { name: 'offset clamps at +60: 90 late is late 30', times: ['10:30', '19:30'], edit: flex, expect: { late: true, lateMinutes: 30, lateLevel: 'late', early: false } },
  { name: 'late in, on-time out is early', times: ['09:40', '18:00'], edit: flex, expect: { late: false, early: true, earlyMinutes: 40 } },
  { name: 'early arrival clamps at −30', times: ['08:00', '17:30'], edit: flex, expect: { late: false, early: false } },
  { name: 'early arrival, leaving before the clamped end', times: ['08:00', '17:20'], edit: flex, expect: { early: true, earlyMinutes: 10 } },
  { name: 'no check-in: no offset', times: ['18:10'], edit: flex, expect: { missingIn: true, early: false } },
  { name: 'overtime counts from the shifted end', times: ['09:40', '20:10'], edit: flex, expect: { overtimeMinutes: 60 } },
]);

table('R6 early leave', [
  { name: 'at end − grace: not early', times: ['09:00', '17:55'], expect: { early: false, earlyMinutes: 0 } },
  { name: 'one minute more: full value', times: ['09:00', '17:54'], expect: { early: true, earlyMinutes: 6 } },
  { name: 'seconds truncate first', times: ['09:00', '17:54:59'], expect: { early: true, earlyMinutes: 6 } },
  { name: 'half_day status still reports early', times: ['09:00', '12:30'], expect: { status: 'half_day', early: true, earlyMinutes: 330 } },
]);
