import { afterAll, beforeAll, expect, it } from 'vitest';
import { registerJobs, subscribeEvents } from '../../src/jobs/definitions/index.js';
import { PunchZonesRepo } from '../../src/modules/attendance/punch-zones.repo.js';
import { jobsForPunches } from '../../src/modules/attendance/recompute-triggers.js';
import { DEFAULT_POLICY, storedFromPolicy } from '../../src/modules/schedules/policy.js';
import type { DomainEventMap } from '../../src/shared/events.js';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { waitForIdleQueue } from '../helpers/test-queue.js';

type Changed = DomainEventMap['attendance.inputs_changed'];
const SHIFT = {
  startMin: 540, endMin: 1080, crossesMidnight: false, break: { startMin: 720, endMin: 780 }, graceLateMin: 5, graceEarlyMin: 5,
  seriousLateMin: 30, absenteeismLateMin: 120, checkInEarliestMin: 120, checkOutLatestMin: 360, halfDayBelowMin: 240, absentBelowMin: 120, flex: null,
};
// 2026-03-20 04:00 UTC: the open recompute window is 2026-02-01 … 2026-03-20.
const NOW = Date.parse('2026-03-20T04:00:00Z');
const MON = '2026-03-02';

/**
 * Company in UTC; group 总部 in Asia/Shanghai (RD department), group 远程 without a zone, and a
 * free-hours group. Employees: E001 (RD, no own zone → Shanghai), R001 (RD, own zone Asia/Tokyo),
 * U001 (远程, no zone anywhere → company UTC), F001 (free hours, Shanghai).
 */
describeEachDb('attendance zones and free hours', (testDb) => {
  let t: TestApp;
  const ids: Record<string, number> = {};
  const changed: Changed[] = [];
  const db = () => t.services.db;

  const waitIdle = () => waitForIdleQueue(testDb());
  const day = (employeeId: number, date: string) => db().selectFrom('attendance_days').selectAll().where('employee_id', '=', employeeId).where('date', '=', date).executeTakeFirst();
  const punch = async (employeeId: number, ...times: string[]) => {
    const res = await t.as('hr').post('/api/v1/checkins/batch', { companyId: t.companyId, items: times.map((time) => ({ employeeId, time, source: 'api' })) });
    expect(res.statusCode).toBe(200);
  };

  beforeAll(async () => {
    t = await createTestApp(testDb(), { now: () => NOW });
    const d = db();
    await d.updateTable('companies').set({ time_zone: 'UTC' }).where('id', '=', t.companyId).execute();
    const rd = (await d.selectFrom('departments').select('id').where('company_id', '=', t.companyId).where('code', '=', 'RD').executeTakeFirstOrThrow()).id;
    ids.E001 = (await d.selectFrom('employees').select('id').where('company_id', '=', t.companyId).where('job_number', '=', 'E001').executeTakeFirstOrThrow()).id;
    const emp = async (job: string, departmentId: number | null, zone: string | null) =>
      (
        await d
          .insertInto('employees')
          .values({ company_id: t.companyId, job_number: job, name: job, email: null, mobile: null, department_id: departmentId, manager_id: null, site_id: null, time_zone: zone, hire_date: '2025-01-01', leave_date: null, status: 'active', created_at_ms: NOW, updated_at_ms: NOW })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    ids.R001 = await emp('R001', rd, 'Asia/Tokyo');
    ids.U001 = await emp('U001', null, null);
    ids.F001 = await emp('F001', null, null);
    const shiftId = (await d.insertInto('shift_types').values({ company_id: t.companyId, code: 'STD', name: '标准班', definition: JSON.stringify(SHIFT), color: null, active: 1, created_at_ms: NOW, updated_at_ms: NOW }).returning('id').executeTakeFirstOrThrow()).id;
    const weekly = JSON.stringify({ '0': null, '1': shiftId, '2': shiftId, '3': shiftId, '4': shiftId, '5': shiftId, '6': null });
    const group = async (name: string, kind: 'fixed' | 'free', zone: string | null) =>
      (
        await d
          .insertInto('attendance_groups')
          .values({
            company_id: t.companyId, name, kind, time_zone: zone, holiday_calendar_id: null, policy: JSON.stringify(storedFromPolicy(DEFAULT_POLICY)),
            weekly: kind === 'fixed' ? weekly : null, roster_cycle: null, free_hours: kind === 'free' ? JSON.stringify({ dayStartsAt: '05:00', requiredMinutes: 480 }) : null,
            active: 1, created_at_ms: NOW, updated_at_ms: NOW,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const hq = await group('总部', 'fixed', 'Asia/Shanghai');
    const remote = await group('远程', 'fixed', null);
    const free = await group('自由工时', 'free', 'Asia/Shanghai');
    const member = (groupId: number, departmentId: number | null, employeeId: number | null) =>
      d.insertInto('group_members').values({ company_id: t.companyId, group_id: groupId, department_id: departmentId, employee_id: employeeId, effective_from: '2026-01-01', effective_to: null, created_at_ms: NOW }).execute();
    await member(hq, rd, null);
    await member(remote, null, ids.U001);
    await member(free, null, ids.F001);
    t.services.events.on('attendance.inputs_changed', (e) => void changed.push(e));
    subscribeEvents(t.services.queue, t.services);
    await registerJobs(t.services.queue, t.services);
    await t.services.queue.start();
  });
  afterAll(async () => {
    await t.services.queue.stop();
    await t.app.close();
  });

  it('reads each employee in their own zone, else the group’s, else the company’s', async () => {
    // 09:00–18:00 wall time in each employee's zone: on time everywhere only if that zone is used.
    await punch(ids.R001, `${MON}T09:00:00+09:00`, `${MON}T18:00:00+09:00`);
    await punch(ids.E001, `${MON}T09:00:00+08:00`, `${MON}T18:00:00+08:00`);
    await punch(ids.U001, `${MON}T09:00:00Z`, `${MON}T18:00:00Z`);
    await waitIdle();
    const ok = { status: 'present', late: 0, early: 0, worked_minutes: 480 };
    expect(await day(ids.R001, MON)).toMatchObject({ ...ok, in_time: `${MON}T09:00:00+09:00`, out_time: `${MON}T18:00:00+09:00` });
    expect(await day(ids.E001, MON)).toMatchObject({ ...ok, in_time: `${MON}T09:00:00+08:00` });
    expect(await day(ids.U001, MON)).toMatchObject({ ...ok, in_time: `${MON}T09:00:00+00:00` });

    const builder = (await t.services.attendance.recomputer.openBuilder(t.companyId, MON, MON))!;
    const inputs = await builder.build(await builder.employees([ids.E001, ids.R001, ids.U001, ids.F001]));
    expect(Object.fromEntries(inputs.map((e) => [e.employeeId, e.segments[0].input.timezone]))).toEqual({
      [ids.E001]: 'Asia/Shanghai',
      [ids.R001]: 'Asia/Tokyo',
      [ids.U001]: 'UTC',
      [ids.F001]: 'Asia/Shanghai',
    });
    expect(inputs.find((e) => e.employeeId === ids.F001)!.segments[0].input.freeHours).toEqual({ dayStartsAtMin: 300, requiredMinutes: 480 });
  });

  it('the recompute triggers read punch dates in the same zones', async () => {
    const zones = await new PunchZonesRepo(db()).punchZones(t.companyId, [ids.R001, ids.E001, ids.U001]);
    expect(zones(ids.R001)).toEqual(['Asia/Tokyo']);
    // Without an own zone the group is not resolved: the company's zone and every group zone.
    expect(zones(ids.E001)).toEqual(['UTC', 'Asia/Shanghai']);
    expect(zones(ids.U001)).toEqual(['UTC', 'Asia/Shanghai']);
    // 08:00 on 03-31 in Tokyo is still 03-30 in UTC: the next day, 04-01, is affected only in Tokyo time.
    const at = Date.parse('2026-03-31T08:00:00+09:00');
    const months = (z: Parameters<typeof jobsForPunches>[1]) => jobsForPunches(t.companyId, z, [{ employeeId: ids.R001, atMs: at }]).map((j) => j.payload.fromDate);
    expect(months('UTC')).toEqual(['2026-03-01']);
    expect(months(zones)).toEqual(['2026-03-01', '2026-04-01']);
  });

  it('a punch counts on the employee’s local date, not the company’s or the group’s', async () => {
    // 00:30 on 03-04 in Tokyo is 03-03 in UTC and in Shanghai. Outside every punch window, it is
    // ignored on its local date.
    await punch(ids.R001, '2026-03-04T00:30:00+09:00');
    await waitIdle();
    expect(await day(ids.R001, '2026-03-04')).toMatchObject({ ignored_punch_count: 1 });
    expect(await day(ids.R001, '2026-03-03')).toMatchObject({ ignored_punch_count: 0 });
  });

  it('changing an employee’s time zone recomputes their days in the open window', async () => {
    expect(await day(ids.E001, MON)).toMatchObject({ late: 0, in_time: `${MON}T09:00:00+08:00` });
    changed.length = 0;
    const res = await t.as('hr').patch(`/api/v1/employees/${ids.E001}`, { timeZone: 'Asia/Tokyo' });
    expect(res.statusCode).toBe(200);
    expect(changed).toEqual([{ companyId: t.companyId, employeeIds: [ids.E001], fromDate: '2026-02-01', toDate: '2026-03-20', reason: 'employee.time_zone' }]);
    await waitIdle();
    // The same instants are now 10:00–19:00 Tokyo time: 60 minutes late.
    expect(await day(ids.E001, MON)).toMatchObject({ late: 1, late_minutes: 60, early: 0, in_time: `${MON}T10:00:00+09:00` });

    // Other edits do not recompute; clearing the zone goes back to the group's.
    changed.length = 0;
    await t.as('hr').patch(`/api/v1/employees/${ids.E001}`, { name: '李员工' });
    expect(changed).toEqual([]);
    await t.as('hr').patch(`/api/v1/employees/${ids.E001}`, { timeZone: null });
    expect(changed).toHaveLength(1);
    await waitIdle();
    expect(await day(ids.E001, MON)).toMatchObject({ late: 0, in_time: `${MON}T09:00:00+08:00` });
  });

  it('an import that changes time zones recomputes exactly those employees', async () => {
    changed.length = 0;
    const csv = Buffer.from(`工号,时区\nR001,Asia/Shanghai\nU001,\n`);
    const res = await t.as('hr').post(`/api/v1/employees/import?companyId=${t.companyId}&dryRun=false`, { filename: 'zones.csv', contentBase64: csv.toString('base64') });
    expect(res.statusCode).toBe(200);
    expect(changed.map((e) => [e.employeeIds, e.reason])).toEqual([[[ids.R001], 'employee.time_zone']]);
    await waitIdle();
    // R001's 09:00–18:00 Tokyo punches are 08:00–17:00 in Shanghai: an hour early.
    expect(await day(ids.R001, MON)).toMatchObject({ early: 1, early_minutes: 60, in_time: `${MON}T08:00:00+08:00` });
  });

  it('free-hours days are judged against requiredMinutes and reach the monthly columns', async () => {
    // Mon: 09:00–16:15 (435 < 480); Tue: a night 22:00–04:30 belongs to Tue; Wed: nothing.
    await punch(ids.F001, `${MON}T09:00:00+08:00`, `${MON}T16:15:00+08:00`, '2026-03-03T22:00:00+08:00', '2026-03-04T04:30:00+08:00', '2026-03-07T10:00:00+08:00', '2026-03-07T16:00:00+08:00');
    await waitIdle();
    expect(await day(ids.F001, MON)).toMatchObject({ status: 'present', late: 0, early: 1, early_minutes: 45, worked_minutes: 435, shift_type_id: null, day_type: 'workday' });
    expect(await day(ids.F001, '2026-03-03')).toMatchObject({ status: 'present', worked_minutes: 390, early_minutes: 90, out_time: '2026-03-04T04:30:00+08:00' });
    expect(await day(ids.F001, '2026-03-04')).toMatchObject({ status: 'absent', missing_in: 1, missing_out: 1 });
    expect(await day(ids.F001, '2026-03-07')).toMatchObject({ status: 'rest', overtime_minutes: 300, overtime_category: 'restday' });
    const stored = await day(ids.F001, MON);
    expect(JSON.parse(stored!.explanation!).find((e: { field: string }) => e.field === 'early')).toMatchObject({ code: 'freeShort', params: { minutes: 45, worked: 435, required: 480 } });

    const monthly = (await t.as('hr').get(`/api/v1/attendance/monthly?companyId=${t.companyId}&month=2026-03&employeeId=${ids.F001}`)).json();
    expect(monthly.items[0]).toMatchObject({ earlyCount: 2, earlyMinutes: 135, lateCount: 0, attendedDays: 2, overtimeMinutesByCategory: { restday: 300 } });
    // 2026-03-01 … 03-19: 14 settled weekdays to attend, 12 of them without punches; today (03-20)
    // is still in progress, so the summary counts it neither as a day to attend nor as absent yet.
    expect(monthly.items[0]).toMatchObject({ shouldAttendDays: 14, absentDays: 12 });
  });
});
