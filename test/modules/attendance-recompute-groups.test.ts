/**
 * Recompute across group changes, set up through the API: an employee who moves from one
 * attendance group to another in mid-month is judged by each group's shift on its own side of the
 * move, and the move announces exactly the dates that changed hands, which are the only days
 * rewritten. Roster (排班) groups take the day's roster entry, else the group's cycle, and a roster
 * edit rewrites the edited day alone.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { jobsForInputs } from '../../src/modules/attendance/recompute-triggers.js';
import type { DomainEventMap } from '../../src/shared/events.js';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

type Changed = DomainEventMap['attendance.inputs_changed'];
/** 2026-03-31 20:00 in Shanghai: every day of March has begun. */
const START = Date.parse('2026-03-31T20:00:00+08:00');
const MARCH = Array.from({ length: 31 }, (_, i) => `2026-03-${String(i + 1).padStart(2, '0')}`);
const isWeekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

describeEachDb('recompute across group changes', (testDb) => {
  let t: TestApp;
  const clock = { now: START };
  const changed: Changed[] = [];
  let shiftA: number; // 09:00–18:00
  let shiftB: number; // 10:00–19:00

  const db = () => t.services.db;
  const days = async (employeeId: number) =>
    new Map((await db().selectFrom('attendance_days').selectAll().where('employee_id', '=', employeeId).orderBy('date').execute()).map((d) => [d.date, d]));
  const ok = <T extends { statusCode: number; body: string; json(): unknown }>(res: T, status = 201) => {
    expect(res.statusCode, res.body).toBe(status);
    return res.json() as { id: number };
  };
  /** Punches 08:55 and 18:05 in Shanghai on each date, as a machine would send them. */
  const punchDays = async (employeeId: number, dates: string[]) => {
    const items = dates.flatMap((d, i) => [
      { employeeId, time: `${d}T08:55:00+08:00`, idempotencyKey: `${employeeId}-${i}-in` },
      { employeeId, time: `${d}T18:05:00+08:00`, idempotencyKey: `${employeeId}-${i}-out` },
    ]);
    ok(await t.as('hr').post('/api/v1/checkins/batch', { companyId: t.companyId, items }), 200);
  };
  const newEmployee = async (job: string) => ok(await t.as('hr').post('/api/v1/employees', { companyId: t.companyId, jobNumber: job, name: job, hireDate: '2025-01-01' })).id;
  /** Runs the recompute jobs the captured events plan, one per key as the queue would, and counts the days written. */
  const runPlannedJobs = async () => {
    const jobs = new Map(changed.flatMap((e) => jobsForInputs(e.companyId, e.employeeIds, e.fromDate, e.toDate)).map((j) => [j.singletonKey, j.payload]));
    let written = 0;
    for (const p of jobs.values()) written += (await t.services.attendance.recomputer.recompute(p.companyId, p.employeeIds, p.fromDate, p.toDate)).written;
    return { jobs: [...jobs.values()], written };
  };
  const rewritten = (before: Map<string, { computed_at_ms: number }>, after: Map<string, { computed_at_ms: number }>) =>
    [...after].filter(([date, d]) => before.get(date)?.computed_at_ms !== d.computed_at_ms).map(([date]) => date);

  beforeAll(async () => {
    t = await createTestApp(testDb(), { now: () => clock.now });
    t.services.events.on('attendance.inputs_changed', (e) => void changed.push(e));
    shiftA = ok(await t.as('hr').post('/api/v1/shift-types', { companyId: t.companyId, code: 'A', name: '早班', start: '09:00', end: '18:00' })).id;
    shiftB = ok(await t.as('hr').post('/api/v1/shift-types', { companyId: t.companyId, code: 'B', name: '晚班', start: '10:00', end: '19:00' })).id;
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('an employee who moves between groups in mid-month follows each group on its side of the move', async () => {
    clock.now = START;
    const weekdays = (shift: number) => ({ '1': shift, '2': shift, '3': shift, '4': shift, '5': shift });
    const groupA = ok(await t.as('hr').post('/api/v1/attendance-groups', { companyId: t.companyId, kind: 'fixed', name: '早班组', weekly: weekdays(shiftA) })).id;
    const groupB = ok(await t.as('hr').post('/api/v1/attendance-groups', { companyId: t.companyId, kind: 'fixed', name: '晚班组', weekly: weekdays(shiftB) })).id;
    const mover = await newEmployee('MOVE1');
    const inA = ok(await t.as('hr').post(`/api/v1/attendance-groups/${groupA}/members`, { employeeId: mover, effectiveFrom: '2026-03-01' })).id;
    await punchDays(mover, MARCH.filter((d) => !isWeekend(d)));
    expect((await t.services.attendance.recomputer.recompute(t.companyId, [mover], '2026-03-01', '2026-03-31')).written).toBe(31);
    const before = await days(mover);
    for (const [date, d] of before) {
      expect(d, date).toMatchObject(isWeekend(date) ? { group_id: groupA, day_type: 'rest_day', status: 'rest', shift_type_id: null } : { group_id: groupA, shift_type_id: shiftA, status: 'present', late: 0, early: 0 });
    }

    // The move: out of 早班组 after 03-15, into 晚班组 from 03-16, filed a minute later.
    clock.now = START + 60_000;
    changed.length = 0;
    ok(await t.as('hr').post(`/api/v1/attendance-groups/${groupA}/members/${inA}/end`, { effectiveTo: '2026-03-15' }), 200);
    ok(await t.as('hr').post(`/api/v1/attendance-groups/${groupB}/members`, { employeeId: mover, effectiveFrom: '2026-03-16' }));
    expect(changed.map((e) => [e.reason, e.employeeIds, e.fromDate, e.toDate])).toEqual([
      ['group_member.end', [mover], '2026-03-16', '2026-03-31'],
      ['group_member.create', [mover], '2026-03-16', '2026-03-31'],
    ]);
    const { jobs, written } = await runPlannedJobs();
    expect(jobs).toEqual([{ companyId: t.companyId, employeeIds: [mover], fromDate: '2026-03-01', toDate: '2026-03-31' }]);
    const after = await days(mover);
    const moved = MARCH.filter((d) => d >= '2026-03-16');
    expect(written).toBe(moved.length);
    expect(rewritten(before, after)).toEqual(moved);
    for (const [date, d] of after) {
      if (date < '2026-03-16') expect(d, date).toEqual(before.get(date));
      else if (isWeekend(date)) expect(d, date).toMatchObject({ group_id: groupB, day_type: 'rest_day', status: 'rest', shift_type_id: null });
      // 18:05 against 晚班's 19:00 end: 55 minutes early; 08:55 is within 晚班's check-in window.
      else expect(d, date).toMatchObject({ group_id: groupB, shift_type_id: shiftB, late: 0, early: 1, early_minutes: 55 });
    }
  });

  it('a roster group takes the day’s entry, else its cycle, and a roster edit rewrites that day alone', async () => {
    clock.now = START;
    // Cycle from Monday 03-02: A, B, rest, A, B, rest, … (no weekly weekend in a roster group).
    const roster = ok(await t.as('hr').post('/api/v1/attendance-groups', { companyId: t.companyId, kind: 'roster', name: '排班组', rosterCycle: { startDate: '2026-03-02', shiftTypeIds: [shiftA, shiftB, null] } })).id;
    const nurse = await newEmployee('ROST1');
    ok(await t.as('hr').post(`/api/v1/attendance-groups/${roster}/members`, { employeeId: nurse, effectiveFrom: '2026-03-01' }));
    const put = (entries: { date: string; shiftTypeId: number | null }[]) =>
      t.as('hr').inject({ method: 'PUT', url: '/api/v1/rosters', payload: { companyId: t.companyId, entries: entries.map((e) => ({ employeeId: nurse, ...e })) } });
    // Wednesday 03-04 (cycle: rest) gets 早班; Thursday 03-05 (cycle: 早班) becomes a rest day.
    ok(await put([{ date: '2026-03-04', shiftTypeId: shiftA }, { date: '2026-03-05', shiftTypeId: null }]), 200);
    await punchDays(nurse, ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06']);
    await t.services.attendance.recomputer.recompute(t.companyId, [nurse], '2026-03-01', '2026-03-31');
    const before = await days(nurse);
    const on = (date: string) => before.get(date)!;
    expect(on('2026-03-02')).toMatchObject({ group_id: roster, day_type: 'workday', shift_type_id: shiftA, status: 'present', early: 0 });
    expect(on('2026-03-03')).toMatchObject({ day_type: 'workday', shift_type_id: shiftB, early: 1, early_minutes: 55 });
    expect(on('2026-03-04')).toMatchObject({ day_type: 'workday', shift_type_id: shiftA, status: 'present', early: 0 });
    expect(on('2026-03-05')).toMatchObject({ day_type: 'rest_day', shift_type_id: null, status: 'rest' });
    expect(on('2026-03-06')).toMatchObject({ day_type: 'workday', shift_type_id: shiftB, early: 1 });
    // Saturday 03-07 is the cycle's rest day, Sunday 03-08 its 早班: without punches, absent.
    expect(on('2026-03-07')).toMatchObject({ day_type: 'rest_day', shift_type_id: null, status: 'rest' });
    expect(on('2026-03-08')).toMatchObject({ day_type: 'workday', shift_type_id: shiftA, status: 'absent' });

    clock.now = START + 60_000;
    changed.length = 0;
    ok(await put([{ date: '2026-03-03', shiftTypeId: shiftA }]), 200);
    expect(changed.map((e) => [e.reason, e.employeeIds, e.fromDate, e.toDate])).toEqual([['roster.put', [nurse], '2026-03-03', '2026-03-03']]);
    const { written } = await runPlannedJobs();
    const after = await days(nurse);
    expect(written).toBe(1);
    expect(rewritten(before, after)).toEqual(['2026-03-03']);
    expect(after.get('2026-03-03')).toMatchObject({ shift_type_id: shiftA, status: 'present', early: 0, early_minutes: 0 });
  });
});
