import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { resolveGroups } from '../../src/modules/schedules/group-members.repo.js';
import { policyFromRow } from '../../src/modules/schedules/policy.js';
import { shiftDefFromRow } from '../../src/modules/schedules/shift-def.js';
import type { DomainEventMap } from '../../src/shared/events.js';

type Changed = DomainEventMap['attendance.inputs_changed'];
// 2026-03-20 12:00 in Shanghai.
const NOW = Date.parse('2026-03-20T04:00:00Z');

describeEachDb('shift types, attendance groups, members and rosters', (db) => {
  let t: TestApp;
  const events: Changed[] = [];
  let rd: number;
  let sub: number;
  let staff: number;
  let subStaff: number;
  let day: number;
  let night: number;
  beforeAll(async () => {
    t = await createTestApp(db(), { now: () => NOW });
    t.services.events.on('attendance.inputs_changed', (e) => void events.push(e));
    const d = t.services.db;
    rd = (await d.selectFrom('departments').select('id').where('company_id', '=', t.companyId).executeTakeFirstOrThrow()).id;
    sub = (await d.insertInto('departments').values({ company_id: t.companyId, parent_id: rd, name: '后端组', code: 'BE', manager_employee_id: null, active: 1, created_at_ms: NOW, updated_at_ms: NOW }).returning('id').executeTakeFirstOrThrow()).id;
    staff = (await d.selectFrom('employees').select('id').where('company_id', '=', t.companyId).where('job_number', '=', 'E001').executeTakeFirstOrThrow()).id;
    subStaff = (
      await d
        .insertInto('employees')
        .values({ company_id: t.companyId, job_number: 'E002', name: '赵后端', email: null, mobile: null, department_id: sub, manager_id: null, site_id: null, time_zone: null, hire_date: null, leave_date: null, status: 'active', created_at_ms: NOW, updated_at_ms: NOW })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => {
    await t.app.close();
  });
  // Each test may run alone: the day and night shift types are made sure of by those that use them.
  const dayShift = () => t.as('hr').post('/api/v1/shift-types', { companyId: t.companyId, code: 'DAY', name: '白班', start: '09:00', end: '18:00', break: { start: '12:00', end: '13:00' } });
  const nightShift = () => t.as('hr').post('/api/v1/shift-types', { companyId: t.companyId, code: 'NIGHT', name: '夜班', start: '22:00', end: '06:00', crossesMidnight: true, break: null, flex: { lateMaxMin: 30, earlyMaxMin: 0 } });
  const ensureShiftTypes = async () => {
    if (day === undefined) day = (await dayShift()).json().id;
    if (night === undefined) night = (await nightShift()).json().id;
  };
  /** The roster group B (cycle day, night, rest from 03-01) that the back-end department joins for 03-05 … 03-31. */
  let rosterGroup: number | undefined;
  const rosterGroupBody = () => ({ companyId: t.companyId, name: 'B', kind: 'roster', rosterCycle: { startDate: '2026-03-01', shiftTypeIds: [day, night, null] } });
  const subJoinsRosterGroup = (groupId: number) => t.as('hr').post(`/api/v1/attendance-groups/${groupId}/members`, { departmentId: sub, effectiveFrom: '2026-03-05', effectiveTo: '2026-03-31' });
  const ensureRosterGroup = async () => {
    await ensureShiftTypes();
    if (rosterGroup !== undefined) return;
    rosterGroup = (await t.as('hr').post('/api/v1/attendance-groups', rosterGroupBody())).json().id as number;
    await subJoinsRosterGroup(rosterGroup);
  };

  it('creates a shift type with readable units, defaults and the engine definition', async () => {
    const res = await dayShift();
    expect(res.statusCode).toBe(201);
    day = res.json().id;
    expect(res.json()).toMatchObject({ start: '09:00', end: '18:00', crossesMidnight: false, graceLateMin: 5, absenteeismLateMin: 120, flex: null, active: true });
    const row = await t.services.db.selectFrom('shift_types').selectAll().where('id', '=', day).executeTakeFirstOrThrow();
    expect(shiftDefFromRow(row)).toMatchObject({ name: '白班', startMin: 540, endMin: 1080, break: { startMin: 720, endMin: 780 }, checkOutLatestMin: 360 });
    const n = await nightShift();
    expect(n.statusCode).toBe(201);
    night = n.json().id;
    const list = (await t.as('employee').get(`/api/v1/shift-types?companyId=${t.companyId}`)).json();
    expect(list).toMatchObject({ total: 2, page: 1, pageSize: 50 });
  });

  it('rejects bad shift types with codes and field paths, and writes nothing', async () => {
    await ensureShiftTypes();
    const hr = t.as('hr');
    const bad = await hr.post('/api/v1/shift-types', { companyId: t.companyId, code: 'BAD', name: 'x', start: '18:00', end: '09:00', break: { start: '20:00', end: '21:00' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.problems).toEqual([
      expect.objectContaining({ path: 'body.end', code: 'SHIFT_END_BEFORE_START' }),
    ]);
    const hhmm = await hr.post('/api/v1/shift-types', { companyId: t.companyId, code: 'BAD', name: 'x', start: '9:00', end: '18:00' });
    expect(hhmm.json().error.details.problems[0].path).toBe('body.start');
    const brk = await hr.post('/api/v1/shift-types', { companyId: t.companyId, code: 'BAD', name: 'x', start: '09:00', end: '18:00', break: { start: '08:00', end: '09:30' } });
    expect(brk.json().error).toMatchObject({ code: 'BREAK_OUTSIDE_SHIFT', details: { problems: [{ path: 'body.break' }] } });
    const range = await hr.post('/api/v1/shift-types', { companyId: t.companyId, code: 'BAD', name: 'x', start: '09:00', end: '18:00', graceLateMin: -1 });
    expect(range.json().error.details.problems[0].path).toBe('body.graceLateMin');
    const dup = await hr.post('/api/v1/shift-types', { companyId: t.companyId, code: 'DAY', name: 'again', start: '09:00', end: '18:00' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('DUPLICATE_SHIFT_CODE');
    expect((await t.as('employee').post('/api/v1/shift-types', { companyId: t.companyId, code: 'E', name: 'x', start: '09:00', end: '18:00' })).statusCode).toBe(403);
    expect((await t.as('otherHr').get(`/api/v1/shift-types/${day}`)).statusCode).toBe(404);
    expect((await hr.get(`/api/v1/shift-types?companyId=${t.companyId}`)).json().total).toBe(2);
  });

  it('creates a fixed group from name, kind and weekly with the RULES.md default policy', async () => {
    await ensureShiftTypes();
    const res = await t.as('hr').post('/api/v1/attendance-groups', { companyId: t.companyId, name: '标准工时', kind: 'fixed', weekly: { '1': day, '2': day, '3': day, '4': day, '5': day } });
    expect(res.statusCode).toBe(201);
    const g = res.json();
    expect(g).toMatchObject({ kind: 'fixed', timeZone: 'Asia/Shanghai', holidayCalendarId: null, rosterCycle: null });
    expect(g.policy).toMatchObject({ pairing: 'first_last', restDayStartsAt: '05:00', overtime: { approvalMode: 'manager', workday: { capMin: 240 } }, corrections: { quotaPerMonth: 3, deadlineDays: 30 } });
    const row = await t.services.db.selectFrom('attendance_groups').selectAll().where('id', '=', g.id).executeTakeFirstOrThrow();
    expect(policyFromRow(row)).toMatchObject({ restDayStartsAtMin: 300, overtime: { restday: { breakWindow: { startMin: 720, endMin: 780 } } } });
    const audit = (await t.as('admin').get(`/api/v1/audit?entity=attendance_group&entityId=${g.id}`)).json();
    expect(audit.items[0]).toMatchObject({ action: 'attendance_group.create' });
  });

  it('validates groups: missing weekly, unknown shift, bad zone, fields of another kind', async () => {
    await ensureShiftTypes();
    const hr = t.as('hr');
    const noWeekly = await hr.post('/api/v1/attendance-groups', { companyId: t.companyId, name: 'x', kind: 'fixed' });
    expect(noWeekly.json().error).toMatchObject({ code: 'WEEKLY_REQUIRED', details: { problems: [{ path: 'body.weekly' }] } });
    const bad = await hr.post('/api/v1/attendance-groups', { companyId: t.companyId, name: 'x', kind: 'roster', timeZone: 'Mars/Base', rosterCycle: { startDate: '2026-03-01', shiftTypeIds: [day, 999999, null] }, weekly: { '1': day } });
    const problems = bad.json().error.details.problems.map((p: { path: string; code: string }) => `${p.path}:${p.code}`);
    expect(problems.sort()).toEqual(['body.rosterCycle.shiftTypeIds[1]:UNKNOWN_SHIFT_TYPE', 'body.timeZone:INVALID_TIME_ZONE', 'body.weekly:FIELD_NOT_FOR_KIND']);
    const policy = await hr.post('/api/v1/attendance-groups', { companyId: t.companyId, name: 'x', kind: 'free', policy: { overtime: { restday: { breakWindow: { start: '13:00', end: '12:00' } } } } });
    expect(policy.json().error.details.problems[0]).toMatchObject({ path: 'body.policy.overtime.restday.breakWindow', code: 'WINDOW_END_BEFORE_START' });
    const free = await hr.post('/api/v1/attendance-groups', { companyId: t.companyId, name: '自由', kind: 'free' });
    expect(free.json().freeHours).toEqual({ dayStartsAt: '05:00', requiredMinutes: 480 });
  });

  it('resolves groups: individual beats department, nearest department wins, dates inclusive', async () => {
    await ensureShiftTypes();
    const hr = t.as('hr');
    const groupA = (await hr.post('/api/v1/attendance-groups', { companyId: t.companyId, name: 'A', kind: 'fixed', weekly: { '1': day } })).json().id;
    const groupB = (await hr.post('/api/v1/attendance-groups', rosterGroupBody())).json().id;
    const groupC = (await hr.post('/api/v1/attendance-groups', { companyId: t.companyId, name: 'C', kind: 'free' })).json().id;
    events.length = 0;
    const a = await hr.post(`/api/v1/attendance-groups/${groupA}/members`, { departmentId: rd, effectiveFrom: '2026-03-01' });
    expect(a.statusCode).toBe(201);
    // A department membership covers the subtree: the event names everyone in it.
    expect(events[0]).toMatchObject({ companyId: t.companyId, fromDate: '2026-03-01', toDate: '2026-03-20', reason: 'group_member.create' });
    expect([...(events[0].employeeIds as number[])].sort()).toContain(subStaff);
    expect((await subJoinsRosterGroup(groupB)).statusCode).toBe(201);
    rosterGroup = groupB;
    const ind = await hr.post(`/api/v1/attendance-groups/${groupC}/members`, { employeeId: subStaff, effectiveFrom: '2026-03-10', effectiveTo: '2026-03-12' });
    expect(ind.statusCode).toBe(201);
    const overlap = await hr.post(`/api/v1/attendance-groups/${groupA}/members`, { employeeId: subStaff, effectiveFrom: '2026-03-12' });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().error.code).toBe('MEMBERSHIP_OVERLAP');
    const both = await hr.post(`/api/v1/attendance-groups/${groupA}/members`, { employeeId: staff, departmentId: rd, effectiveFrom: '2026-03-12' });
    expect(both.json().error).toMatchObject({ code: 'MEMBER_TARGET' });
    const order = await hr.post(`/api/v1/attendance-groups/${groupA}/members`, { employeeId: staff, effectiveFrom: '2026-03-12', effectiveTo: '2026-03-11' });
    expect(order.json().error.details.problems[0]).toMatchObject({ path: 'body.effectiveTo', code: 'DATE_ORDER' });

    const map = await resolveGroups(t.services.db, t.companyId, [staff, subStaff], '2026-02-28', '2026-04-01');
    expect(map.get(staff)).toEqual([{ from: '2026-03-01', to: '2026-04-01', groupId: groupA }]);
    expect(map.get(subStaff)).toEqual([
      { from: '2026-03-01', to: '2026-03-04', groupId: groupA },
      { from: '2026-03-05', to: '2026-03-09', groupId: groupB },
      { from: '2026-03-10', to: '2026-03-12', groupId: groupC },
      { from: '2026-03-13', to: '2026-03-31', groupId: groupB },
      { from: '2026-04-01', to: '2026-04-01', groupId: groupA },
    ]);

    // Ending the individual membership a day early hands 03-12 back to the department group.
    events.length = 0;
    const ended = await hr.post(`/api/v1/attendance-groups/${groupC}/members/${ind.json().id}/end`, { effectiveTo: '2026-03-11' });
    expect(ended.json()).toMatchObject({ effectiveTo: '2026-03-11' });
    expect(events).toEqual([{ companyId: t.companyId, employeeIds: [subStaff], fromDate: '2026-03-12', toDate: '2026-03-12', reason: 'group_member.end' }]);
    const after = await resolveGroups(t.services.db, t.companyId, [subStaff], '2026-03-11', '2026-03-13');
    expect(after.get(subStaff)).toEqual([
      { from: '2026-03-11', to: '2026-03-11', groupId: groupC },
      { from: '2026-03-12', to: '2026-03-13', groupId: groupB },
    ]);
    const members = (await t.as('employee').get(`/api/v1/attendance-groups/${groupB}/members`)).json();
    expect(members).toMatchObject({ total: 1, items: [{ departmentId: sub, effectiveFrom: '2026-03-05', effectiveTo: '2026-03-31' }] });
  });

  it('saves rosters all or nothing, only for roster-group members, and serves a grid', async () => {
    await ensureRosterGroup();
    const put = (payload: unknown) => t.as('hr').inject({ method: 'PUT', url: '/api/v1/rosters', payload: payload as object });
    events.length = 0;
    const bad = await put({
      companyId: t.companyId,
      entries: [
        { employeeId: subStaff, date: '2026-03-06', shiftTypeId: night },
        { employeeId: staff, date: '2026-03-06', shiftTypeId: day },
        { employeeId: subStaff, date: '2026-03-07', shiftTypeId: 999999 },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.problems.map((p: { path: string; code: string }) => `${p.path}:${p.code}`)).toEqual([
      'body.entries[1].employeeId:NOT_IN_ROSTER_GROUP',
      'body.entries[2].shiftTypeId:UNKNOWN_SHIFT_TYPE',
    ]);
    expect(await t.services.db.selectFrom('roster_entries').selectAll().execute()).toHaveLength(0);
    expect(events).toHaveLength(0);

    const ok = await put({ companyId: t.companyId, entries: [{ employeeId: subStaff, date: '2026-03-06', shiftTypeId: night }, { employeeId: subStaff, date: '2026-03-07', shiftTypeId: null }] });
    expect(ok.json()).toEqual({ saved: 2, employees: 1, fromDate: '2026-03-06', toDate: '2026-03-07' });
    expect(events).toEqual([{ companyId: t.companyId, employeeIds: [subStaff], fromDate: '2026-03-06', toDate: '2026-03-07', reason: 'roster.put' }]);
    // Re-saving a day updates it in place.
    expect((await put({ companyId: t.companyId, entries: [{ employeeId: subStaff, date: '2026-03-07', shiftTypeId: day }] })).statusCode).toBe(200);

    const grid = (await t.as('hr').get(`/api/v1/rosters?companyId=${t.companyId}&from=2026-03-04&to=2026-03-08`)).json();
    expect(grid.dates).toEqual(['2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08']);
    expect(grid.rows).toHaveLength(1);
    expect(grid.rows[0]).toMatchObject({ employeeId: subStaff, jobNumber: 'E002' });
    // Cycle from 03-01: [day, night, rest] → 03-05 is index 4 % 3 = 1 (night); 03-08 index 7 % 3 = 1 (night).
    expect(grid.rows[0].cells.map((c: { shiftTypeId: number | null; source: string } | null) => c && `${c.source}:${c.shiftTypeId}`)).toEqual([
      null,
      `cycle:${night}`,
      `entry:${night}`,
      `entry:${day}`,
      `cycle:${night}`,
    ]);
    expect((await t.as('employee').get(`/api/v1/rosters?companyId=${t.companyId}&from=2026-03-04&to=2026-03-08`)).json().rows).toEqual([]);
    const tooLong = await t.as('hr').get(`/api/v1/rosters?companyId=${t.companyId}&from=2026-01-01&to=2026-06-01`);
    expect(tooLong.json().error.code).toBe('RANGE_TOO_LONG');
  });

  it('refuses to delete a shift type an active group uses, and emits on shift changes', async () => {
    await ensureRosterGroup();
    const del = await t.as('hr').delete(`/api/v1/shift-types/${day}`);
    expect(del.statusCode).toBe(409);
    expect(del.json().error.code).toBe('SHIFT_TYPE_IN_USE');
    expect((await t.as('hr').patch(`/api/v1/shift-types/${day}`, { active: false })).json().error.code).toBe('SHIFT_TYPE_IN_USE');
    events.length = 0;
    const patched = await t.as('hr').patch(`/api/v1/shift-types/${night}`, { graceLateMin: 10 });
    expect(patched.json()).toMatchObject({ graceLateMin: 10, start: '22:00', crossesMidnight: true });
    expect(events).toEqual([{ companyId: t.companyId, employeeIds: 'all', fromDate: '2026-02-01', toDate: '2026-03-20', reason: 'shift_type.update' }]);
    const badPatch = await t.as('hr').patch(`/api/v1/shift-types/${night}`, { crossesMidnight: false });
    expect(badPatch.json().error.code).toBe('SHIFT_END_BEFORE_START');
  });
});
