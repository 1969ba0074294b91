import { afterAll, beforeAll, expect, it } from 'vitest';
import { evaluateRange } from '../../src/engine/index.js';
import { registerJobs, subscribeEvents } from '../../src/jobs/definitions/index.js';
import { rowToResult } from '../../src/modules/attendance/dto.js';
import { DEFAULT_POLICY, storedFromPolicy } from '../../src/modules/schedules/policy.js';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { waitForIdleQueue } from '../helpers/test-queue.js';

const SHIFT = {
  startMin: 540, endMin: 1080, crossesMidnight: false, break: { startMin: 720, endMin: 780 }, graceLateMin: 5, graceEarlyMin: 5,
  seriousLateMin: 30, absenteeismLateMin: 120, checkInEarliestMin: 120, checkOutLatestMin: 360, halfDayBelowMin: 240, absentBelowMin: 120, flex: null,
};
const MONTH = { from: '2026-03-01', to: '2026-03-31' };

describeEachDb('attendance results end to end', (testDb) => {
  let t: TestApp;
  let staff: number;
  let manager: number;
  let outsider: number;
  let shiftId: number;
  let groupId: number;
  const db = () => t.services.db;

  const waitIdle = () => waitForIdleQueue(testDb());
  const rows = (employeeId: number) => db().selectFrom('attendance_days').selectAll().where('employee_id', '=', employeeId).orderBy('date').execute();
  const punch = (employeeId: number, time: string) => t.as('hr').post('/api/v1/checkins/batch', { companyId: t.companyId, items: [{ employeeId, time, source: 'api', deviceSn: 'ZK01', verifyMethod: 'fingerprint' }] });

  beforeAll(async () => {
    t = await createTestApp(testDb());
    const now = Date.now();
    const emp = async (job: string) => (await db().selectFrom('employees').select(['id', 'department_id']).where('company_id', '=', t.companyId).where('job_number', '=', job).executeTakeFirstOrThrow());
    staff = (await emp('E001')).id;
    manager = (await emp('M001')).id;
    const sales = await db().insertInto('departments').values({ company_id: t.companyId, parent_id: null, name: '销售部', code: 'SA', manager_employee_id: null, active: 1, created_at_ms: now, updated_at_ms: now }).returning('id').executeTakeFirstOrThrow();
    outsider = (
      await db()
        .insertInto('employees')
        .values({ company_id: t.companyId, job_number: 'S001', name: '赵销售', email: null, mobile: null, department_id: sales.id, manager_id: null, site_id: null, time_zone: null, hire_date: '2025-01-01', leave_date: null, status: 'active', created_at_ms: now, updated_at_ms: now })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    shiftId = (await db().insertInto('shift_types').values({ company_id: t.companyId, code: 'STD', name: '标准班', definition: JSON.stringify(SHIFT), color: null, active: 1, created_at_ms: now, updated_at_ms: now }).returning('id').executeTakeFirstOrThrow()).id;
    const weekly = { '0': null, '1': shiftId, '2': shiftId, '3': shiftId, '4': shiftId, '5': shiftId, '6': null };
    groupId = (
      await db()
        .insertInto('attendance_groups')
        .values({ company_id: t.companyId, name: '总部', kind: 'fixed', time_zone: null, holiday_calendar_id: null, policy: JSON.stringify(storedFromPolicy(DEFAULT_POLICY)), weekly: JSON.stringify(weekly), roster_cycle: null, free_hours: null, active: 1, created_at_ms: now, updated_at_ms: now })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const rd = (await emp('E001')).department_id!;
    await db().insertInto('group_members').values({ company_id: t.companyId, group_id: groupId, department_id: rd, employee_id: null, effective_from: '2026-01-01', effective_to: null, created_at_ms: now }).execute();
    await db().insertInto('group_members').values({ company_id: t.companyId, group_id: groupId, department_id: null, employee_id: outsider, effective_from: '2026-01-01', effective_to: null, created_at_ms: now }).execute();
    subscribeEvents(t.services.queue, t.services);
    await registerJobs(t.services.queue, t.services);
    await t.services.queue.start();
  });
  afterAll(async () => {
    await t.services.queue.stop();
    await t.app.close();
  });

  /** The first week's punches, recomputed by the jobs: tests that read days make sure of them. */
  const punchFirstWeek = async () => {
    // Mon 03-02 on time; Tue 03-03 late by 20 min; Wed 03-04 only a check-in.
    for (const time of ['2026-03-02T08:55:00+08:00', '2026-03-02T18:05:00+08:00', '2026-03-03T09:20:00+08:00', '2026-03-03T18:01:00+08:00', '2026-03-04T08:58:00+08:00']) {
      expect((await punch(staff, time)).statusCode).toBe(200);
    }
    await punch(manager, '2026-03-03T08:50:00+08:00');
    await punch(manager, '2026-03-03T18:30:00+08:00');
    await waitIdle();
  };
  const ensurePunched = async () => {
    if (!(await db().selectFrom('checkins').select('id').where('employee_id', '=', staff).executeTakeFirst())) await punchFirstWeek();
  };
  /** Every employee's month stored (the outsider has no punches, so only a full recompute stores their days). */
  const ensureMonthStored = async () => {
    await ensurePunched();
    if (!(await db().selectFrom('attendance_days').select('date').where('employee_id', '=', outsider).executeTakeFirst())) await t.services.attendance.recomputer.recompute(t.companyId, 'all', MONTH.from, MONTH.to);
  };

  /** Approved annual leave on 03-05, announced as the requests module does. */
  const approveLeaveOnMarch5 = async () => {
    const now = Date.now();
    await db()
      .insertInto('requests')
      .values({ company_id: t.companyId, employee_id: staff, kind: 'leave', status: 'approved', leave_type: 'annual', from_date: '2026-03-05', to_date: '2026-03-05', half: null, hours: null, from_ms: null, to_ms: null, correction_at_ms: null, reason: null, source: 'web', external_id: null, created_by_user_id: null, decided_by_user_id: null, decided_at_ms: now, decision_note: null, created_at_ms: now, updated_at_ms: now })
      .execute();
    await t.services.events.emit('attendance.inputs_changed', { companyId: t.companyId, employeeIds: [staff], fromDate: '2026-03-05', toDate: '2026-03-05', reason: 'leave approved' });
    await waitIdle();
  };
  /** What the earlier tests leave behind and the scope and dashboard tests count: the 03-04 check-out and the 03-05 leave. */
  const ensureWeekCompleted = async () => {
    await ensureMonthStored();
    if (!(await db().selectFrom('checkins').select('id').where('employee_id', '=', staff).where('wall_time', 'like', '2026-03-04T18:10%').executeTakeFirst())) {
      await punch(staff, '2026-03-04T18:10:00+08:00');
      await waitIdle();
    }
    if (!(await db().selectFrom('requests').select('id').where('employee_id', '=', staff).where('from_date', '=', '2026-03-05').executeTakeFirst())) await approveLeaveOnMarch5();
  };

  it('punches ingested through the API are recomputed by jobs; stored days equal the engine on the same input', async () => {
    await punchFirstWeek();
    const stored = await rows(staff);
    expect(stored).toHaveLength(31);
    expect(stored.find((r) => r.date === '2026-03-03')).toMatchObject({ late: 1, late_minutes: 20, status: 'present', group_id: groupId, shift_type_id: shiftId, day_type: 'workday' });
    expect(stored.find((r) => r.date === '2026-03-04')).toMatchObject({ status: 'missing_punch', missing_out: 1 });
    expect(stored.find((r) => r.date === '2026-03-07')).toMatchObject({ status: 'rest', day_type: 'rest_day', shift_type_id: null });

    await t.services.attendance.recomputer.recompute(t.companyId, 'all', MONTH.from, MONTH.to);
    const builder = (await t.services.attendance.recomputer.openBuilder(t.companyId, MONTH.from, MONTH.to))!;
    const inputs = await builder.build(await builder.employees([staff, manager, outsider]));
    for (const e of inputs) {
      expect(e.segments).toHaveLength(1);
      const expected = evaluateRange(e.segments[0].input);
      const got = await rows(e.employeeId);
      expect(got.map((r) => r.date)).toEqual(e.segments[0].dates);
      for (const r of got) expect(rowToResult(r)).toEqual(expected[r.date]);
    }
  });

  it('filters days by the source of their punches', async () => {
    await ensurePunched();
    const days = async (source: string) =>
      (await t.as('hr').get(`/api/v1/attendance/days?companyId=${t.companyId}&from=2026-03-01&to=2026-03-31&employeeId=${staff}&source=${source}`)).json();
    const api = await days('api');
    expect(api.items.map((d: { date: string }) => d.date).sort()).toEqual(['2026-03-02', '2026-03-03', '2026-03-04']);
    expect((await days('dingtalk')).total).toBe(0);
    expect((await t.as('hr').get(`/api/v1/attendance/days?companyId=${t.companyId}&from=2026-03-01&to=2026-03-31&source=fax`)).json().error.code).toBe('VALIDATION_FAILED');
  });

  it('a late punch changes exactly its day and rewrites nothing else', async () => {
    await ensurePunched();
    const before = await rows(staff);
    expect((await punch(staff, '2026-03-04T18:10:00+08:00')).statusCode).toBe(200);
    await waitIdle();
    const after = await rows(staff);
    const changed = after.filter((r, i) => JSON.stringify(r) !== JSON.stringify(before[i]));
    expect(changed.map((r) => r.date)).toEqual(['2026-03-04']);
    expect(changed[0]).toMatchObject({ status: 'present', missing_out: 0, out_time: '2026-03-04T18:10:00+08:00' });
  });

  it('approved leave makes the day on_leave once the inputs_changed event is handled', async () => {
    await ensurePunched();
    await approveLeaveOnMarch5();
    const day = (await rows(staff)).find((r) => r.date === '2026-03-05');
    expect(day).toMatchObject({ status: 'on_leave', leave_type: 'annual', leave_half: null });
  });

  it('scopes the day list, the day detail and the monthly report by role', async () => {
    await ensureWeekCompleted();
    const q = `companyId=${t.companyId}&from=2026-03-02&to=2026-03-06&pageSize=100`;
    const ids = async (role: 'hr' | 'manager' | 'employee') => new Set((await t.as(role).get(`/api/v1/attendance/days?${q}`)).json().items.map((i: { employee: { id: number } }) => i.employee.id));
    expect(await ids('hr')).toEqual(new Set([staff, manager, outsider]));
    expect(await ids('manager')).toEqual(new Set([staff, manager]));
    expect(await ids('employee')).toEqual(new Set([staff]));
    expect((await t.as('otherHr').get(`/api/v1/attendance/days?${q}`)).statusCode).toBe(404);

    const list = (await t.as('hr').get(`/api/v1/attendance/days?${q}&employeeId=${staff}&status=present`)).json();
    expect(list.items.map((i: { date: string }) => i.date).sort()).toEqual(['2026-03-02', '2026-03-03', '2026-03-04']);
    expect(list.items[0].employee).toMatchObject({ jobNumber: 'E001', name: '李员工', departmentName: '研发部' });

    const detail = await t.as('employee').get(`/api/v1/attendance/days/${staff}/2026-03-03`);
    expect(detail.statusCode).toBe(200);
    const d = detail.json();
    expect(d.day).toMatchObject({ late: true, lateMinutes: 20, inTime: '2026-03-03T09:20:00+08:00' });
    expect(d.stale).toBe(false);
    expect(d.punches.map((p: { time: string }) => p.time)).toEqual(['2026-03-03T09:20:00+08:00', '2026-03-03T18:01:00+08:00']);
    expect(d.punches[0]).toMatchObject({ source: 'api', deviceSn: 'ZK01', verifyMethod: 'fingerprint' });
    expect(d.explanation.some((x: { field: string; rule: string }) => x.field === 'late' && x.rule === 'R5')).toBe(true);
    expect((await t.as('manager').get(`/api/v1/attendance/days/${outsider}/2026-03-03`)).statusCode).toBe(404);
    expect((await t.as('employee').get(`/api/v1/attendance/days/${manager}/2026-03-03`)).statusCode).toBe(404);

    const monthly = (await t.as('hr').get(`/api/v1/attendance/monthly?companyId=${t.companyId}&month=2026-03&employeeId=${staff}`)).json();
    expect(monthly.total).toBe(1);
    expect(monthly.items[0]).toMatchObject({ shouldAttendDays: 22, lateCount: 1, lateMinutes: 20, leaveDaysByType: { annual: 1 }, attendedDays: 3 });
    expect((await t.as('manager').get(`/api/v1/attendance/monthly?companyId=${t.companyId}&month=2026-03`)).json().total).toBe(2);
    expect((await t.as('employee').get(`/api/v1/attendance/monthly?companyId=${t.companyId}&month=2026-03`)).json().items.map((i: { employee: { id: number } }) => i.employee.id)).toEqual([staff]);
  });

  it('what-if reports the days a draft would change and saves nothing', async () => {
    await ensurePunched();
    const snapshot = JSON.stringify(await db().selectFrom('attendance_days').selectAll().orderBy('employee_id').orderBy('date').execute());
    const res = await t.as('hr').post('/api/v1/attendance/what-if', { companyId: t.companyId, month: '2026-03', employeeIds: [staff], draft: { shifts: { [String(shiftId)]: { graceLateMin: 30 } } } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items).toEqual([
      { employeeId: staff, date: '2026-03-03', changes: expect.arrayContaining([{ field: 'late', before: true, after: false }, { field: 'lateLevel', before: 'late', after: 'none' }]) },
    ]);
    expect(JSON.stringify(await db().selectFrom('attendance_days').selectAll().orderBy('employee_id').orderBy('date').execute())).toBe(snapshot);
    const bad = await t.as('hr').post('/api/v1/attendance/what-if', { companyId: t.companyId, month: '2026-03', draft: { policy: { pairing: 'odd', nope: 1 } } });
    expect(bad.statusCode).toBe(400);
    expect((await t.as('employee').post('/api/v1/attendance/what-if', { companyId: t.companyId, month: '2026-03', draft: {} })).statusCode).toBe(403);
  });

  it('dashboard counts a date in the caller’s scope', async () => {
    await ensureWeekCompleted();
    const res = await t.as('hr').get(`/api/v1/dashboard/today?companyId=${t.companyId}&date=2026-03-03`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.counts).toEqual({ expected: 3, present: 2, late: 1, absent: 1, missingPunch: 0, onLeave: 0, notYetPunched: 0 });
    expect(body.trend).toHaveLength(30);
    expect(body.trend.at(-1)).toMatchObject({ date: '2026-03-03', expected: 3, present: 2, late: 1, attendanceRate: 0.6667 });
    expect(body.anomalies[0]).toMatchObject({ date: '2026-03-03' });
    const mine = (await t.as('employee').get(`/api/v1/dashboard/today?companyId=${t.companyId}&date=2026-03-05`)).json();
    expect(mine.counts).toMatchObject({ expected: 1, onLeave: 1, absent: 0 });
  });

  it('an admin recompute runs as a job whose progress can be read', async () => {
    await ensurePunched();
    await db().deleteFrom('attendance_days').where('employee_id', '=', outsider).execute();
    const res = await t.as('hr').post('/api/v1/attendance/recompute', { companyId: t.companyId, month: '2026-03' });
    expect(res.statusCode).toBe(202);
    const { jobId } = res.json();
    await waitIdle();
    const status = (await t.as('hr').get(`/api/v1/attendance/jobs/${jobId}`)).json();
    expect(status).toMatchObject({ status: 'done', employeesDone: 3, employeesTotal: 3 });
    expect(status.daysWritten).toBe(31);
    expect(await rows(outsider)).toHaveLength(31);
    expect((await t.as('manager').post('/api/v1/attendance/recompute', { companyId: t.companyId, month: '2026-03' })).statusCode).toBe(403);
  });
});
