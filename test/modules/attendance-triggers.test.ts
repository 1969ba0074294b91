import { describe, expect, it } from 'vitest';
import { affectedDates, jobsForInputs, jobsForPunches, PER_EMPLOYEE_LIMIT } from '../../src/modules/attendance/recompute-triggers.js';
import { attendanceZone, candidateZones } from '../../src/modules/schedules/attendance-zone.js';

const at = (iso: string) => Date.parse(iso);

describe('recompute triggers', () => {
  it('a punch affects its local date and the days either side, in the company zone', () => {
    // 00:30 in Shanghai is still the previous day in UTC.
    expect(affectedDates(at('2026-03-10T00:30:00+08:00'), 'Asia/Shanghai')).toEqual(['2026-03-09', '2026-03-10', '2026-03-11']);
    expect(affectedDates(at('2026-03-10T00:30:00+08:00'), 'UTC')).toEqual(['2026-03-08', '2026-03-09', '2026-03-10']);
  });

  it('coalesces a stream of punches of one employee into one job per month, keyed by what it recomputes', () => {
    const jobs = jobsForPunches(7, 'Asia/Shanghai', [
      { employeeId: 3, atMs: at('2026-03-10T08:55:00+08:00') },
      { employeeId: 3, atMs: at('2026-03-10T18:05:00+08:00') },
    ]);
    expect(jobs).toEqual([{ payload: { companyId: 7, employeeIds: [3], fromDate: '2026-03-01', toDate: '2026-03-31' }, singletonKey: '7:e3:2026-03' }]);
    // The same punch again plans the same key, so a waiting job absorbs it.
    expect(jobsForPunches(7, 'Asia/Shanghai', [{ employeeId: 3, atMs: at('2026-03-12T09:00:00+08:00') }])[0].singletonKey).toBe('7:e3:2026-03');
  });

  it('a punch on the first of a month also recomputes the last day of the previous month', () => {
    const jobs = jobsForPunches(1, 'Asia/Shanghai', [{ employeeId: 5, atMs: at('2026-04-01T02:00:00+08:00') }]);
    expect(jobs.map((j) => [j.singletonKey, j.payload.fromDate, j.payload.toDate])).toEqual([
      ['1:e5:2026-03', '2026-03-01', '2026-03-31'],
      ['1:e5:2026-04', '2026-04-01', '2026-04-30'],
    ]);
  });

  it('a large batch becomes one job per month whose key names its employees and dates', () => {
    const changes = Array.from({ length: PER_EMPLOYEE_LIMIT + 1 }, (_, i) => ({ employeeId: 100 + i, atMs: at('2026-03-10T09:00:00+08:00') }));
    const jobs = jobsForPunches(2, 'Asia/Shanghai', changes);
    expect(jobs).toHaveLength(1);
    expect(jobs[0].payload).toMatchObject({ companyId: 2, fromDate: '2026-03-09', toDate: '2026-03-11' });
    expect(jobs[0].payload.employeeIds).toHaveLength(PER_EMPLOYEE_LIMIT + 1);
    const other = jobsForPunches(2, 'Asia/Shanghai', changes.slice(1).concat({ employeeId: 999, atMs: changes[0].atMs }));
    expect(other[0].singletonKey).not.toBe(jobs[0].singletonKey);
    expect(jobsForPunches(2, 'Asia/Shanghai', [...changes].reverse())[0].singletonKey).toBe(jobs[0].singletonKey);
  });

  it('inputs changed for everyone recompute whole months of the company', () => {
    expect(jobsForInputs(4, 'all', '2026-02-20', '2026-03-05').map((j) => [j.singletonKey, j.payload.fromDate, j.payload.toDate])).toEqual([
      ['4:all:2026-02', '2026-02-01', '2026-02-28'],
      ['4:all:2026-03', '2026-03-01', '2026-03-31'],
    ]);
    expect(jobsForInputs(4, [9], '2026-03-05', '2026-03-05')).toEqual([{ payload: { companyId: 4, employeeIds: [9], fromDate: '2026-03-01', toDate: '2026-03-31' }, singletonKey: '4:e9:2026-03' }]);
    expect(jobsForInputs(4, 'all', '2026-03-05', '2026-03-01')).toEqual([]);
  });

  it('reads each employee\'s punches in their candidate zones', () => {
    // 22:30 UTC on 03-31 is 04-01 in Kiritimati (+14): only that zone reaches April 2.
    const atMs = at('2026-03-31T22:30:00Z');
    const zones = (id: number) => (id === 1 ? ['Pacific/Kiritimati'] : ['UTC', 'Asia/Shanghai']);
    const plan = jobsForPunches(3, zones, [{ employeeId: 1, atMs }, { employeeId: 2, atMs }]);
    expect(plan.map((j) => j.singletonKey)).toEqual(['3:e1:2026-03', '3:e2:2026-03', '3:e1:2026-04', '3:e2:2026-04']);
    // Employee 2 without an own zone: the union of UTC (03-30…04-01) and Shanghai (03-31…04-02) dates.
    expect(jobsForPunches(3, zones, [{ employeeId: 2, atMs: at('2026-03-30T20:00:00Z') }]).map((j) => j.singletonKey)).toEqual(['3:e2:2026-03', '3:e2:2026-04']);
    expect(jobsForPunches(3, 'UTC', [{ employeeId: 2, atMs: at('2026-03-30T20:00:00Z') }]).map((j) => j.singletonKey)).toEqual(['3:e2:2026-03']);
  });
});

describe('attendance zone precedence', () => {
  it('employee, else group, else company; unknown zones are skipped', () => {
    expect(attendanceZone('Asia/Singapore', 'Asia/Shanghai', 'UTC')).toBe('Asia/Singapore');
    expect(attendanceZone(null, 'Asia/Shanghai', 'UTC')).toBe('Asia/Shanghai');
    expect(attendanceZone(null, null, 'UTC')).toBe('UTC');
    expect(attendanceZone('Mars/Olympus', null, 'UTC')).toBe('UTC');
  });

  it('candidate zones: the own zone alone, else the company\'s and every group\'s', () => {
    expect(candidateZones('Asia/Tokyo', ['Asia/Shanghai'], 'UTC')).toEqual(['Asia/Tokyo']);
    expect(candidateZones(null, ['Asia/Shanghai', null, 'UTC', 'Asia/Shanghai'], 'UTC')).toEqual(['UTC', 'Asia/Shanghai']);
  });
});
