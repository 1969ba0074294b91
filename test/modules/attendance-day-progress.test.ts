/**
 * A day whose check-out window is still open is in progress (待打卡), not absent or missing a
 * punch, in the day list, the day view and the dashboard; once the window closes it is what the
 * engine says. Approved future full-day leave is stored ahead and shows as on_leave.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { windowClosesAtMs } from '../../src/modules/attendance/day-progress.js';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const DAY = '2026-03-10'; // a Tuesday
const at = (iso: string) => Date.parse(iso);

describe('check-out window', () => {
  it('closes after the shift end plus checkOutLatestMin, on the next day for a cross-midnight shift', () => {
    expect(windowClosesAtMs('Asia/Shanghai', DAY, { endMin: 18 * 60, crossesMidnight: false, checkOutLatestMin: 360 })).toBe(at('2026-03-11T00:00:00+08:00'));
    expect(windowClosesAtMs('Asia/Shanghai', DAY, { endMin: 6 * 60, crossesMidnight: true, checkOutLatestMin: 120 })).toBe(at('2026-03-11T08:00:00+08:00'));
  });
});

describeEachDb('days in progress and planned leave', (db) => {
  let t: TestApp;
  let staff: number;
  let clock = at(`${DAY}T12:00:00+08:00`);
  beforeAll(async () => {
    // Sessions are signed in at noon and must outlive the clock's move past midnight.
    t = await createTestApp(db(), { now: () => clock, env: { DAKA_SESSION_TTL_HOURS: '48' } });
    const d = t.services.db;
    staff = (await d.selectFrom('employees').select('id').where('company_id', '=', t.companyId).where('job_number', '=', 'E001').executeTakeFirstOrThrow()).id;
    const rd = (await d.selectFrom('departments').select('id').where('company_id', '=', t.companyId).executeTakeFirstOrThrow()).id;
    await t.as('hr').post('/api/v1/leave-types/seed', { companyId: t.companyId });
    // 09:00–18:00, check-out accepted until 18:00 + 6 h = midnight.
    const shift = (await t.as('hr').post('/api/v1/shift-types', { companyId: t.companyId, code: 'D', name: 'D', start: '09:00', end: '18:00' })).json().id;
    const g = await t.as('hr').post('/api/v1/attendance-groups', { companyId: t.companyId, name: '研发', kind: 'fixed', weekly: { '1': shift, '2': shift, '3': shift, '4': shift, '5': shift } });
    await t.as('hr').post(`/api/v1/attendance-groups/${g.json().id}/members`, { departmentId: rd, effectiveFrom: '2026-01-01' });
    const r = await t.as('hr').post('/api/v1/checkins/batch', { companyId: t.companyId, items: [{ employeeId: staff, time: `${DAY}T08:58:00+08:00`, source: 'api', deviceSn: 'ZK01', verifyMethod: 'fingerprint' }] });
    expect(r.statusCode).toBe(200);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const recompute = () => t.services.attendance.recomputer.recompute(t.companyId, 'all', '2026-03-01', '2026-03-31');
  const dayList = async () => (await t.as('hr').get(`/api/v1/attendance/days?companyId=${t.companyId}&from=${DAY}&to=${DAY}`)).json().items as { employee: { jobNumber: string }; status: string; inProgress: boolean }[];
  const filtered = async (status: string) => (await t.as('hr').get(`/api/v1/attendance/days?companyId=${t.companyId}&from=${DAY}&to=${DAY}&status=${status}`)).json();
  const tagged = async (tag: string, from = DAY) => (await t.as('hr').get(`/api/v1/attendance/days?companyId=${t.companyId}&from=${from}&to=${DAY}&tag=${tag}`)).json();
  const dashboard = async () => (await t.as('hr').get(`/api/v1/dashboard/today?companyId=${t.companyId}&date=${DAY}`)).json();

  it('before the check-out window closes, today is in progress: neither absent nor missing a punch', async () => {
    clock = at(`${DAY}T12:00:00+08:00`);
    await recompute();
    const items = await dayList();
    expect(items.length).toBe(2);
    const mine = items.find((i) => i.employee.jobNumber === 'E001')!;
    expect(mine).toMatchObject({ status: 'missing_punch', inProgress: true });
    expect(items.find((i) => i.employee.jobNumber === 'M001')).toMatchObject({ status: 'absent', inProgress: true });
    const detail = (await t.as('employee').get(`/api/v1/attendance/days/${staff}/${DAY}`)).json();
    expect(detail.day).toMatchObject({ status: 'missing_punch', inProgress: true });
    const board = await dashboard();
    expect(board.counts).toMatchObject({ expected: 2, present: 1, absent: 0, missingPunch: 0, notYetPunched: 2 });
    expect(board.anomalies.filter((a: { date: string }) => a.date === DAY)).toEqual([]);
    // The 旷工 / 缺卡 filters agree with the counts.
    expect(await filtered('absent')).toMatchObject({ items: [], total: 0 });
    expect(await filtered('missing_punch')).toMatchObject({ items: [], total: 0 });
    expect(await tagged('absent')).toMatchObject({ items: [], total: 0 });
    expect(await tagged('missing_punch')).toMatchObject({ items: [], total: 0 });
    expect((await tagged('anomaly', board.anomalyRange.from)).total).toBe(board.anomalyTotal);
  });

  it('a minute before midnight the day is still open; after the window it is absent / missing a punch as before', async () => {
    clock = at(`${DAY}T23:59:00+08:00`);
    expect((await dashboard()).counts).toMatchObject({ absent: 0, missingPunch: 0, notYetPunched: 2 });
    clock = at('2026-03-11T00:00:00+08:00');
    await recompute();
    const items = await dayList();
    expect(items.every((i) => !i.inProgress)).toBe(true);
    expect(items.find((i) => i.employee.jobNumber === 'E001')).toMatchObject({ status: 'missing_punch' });
    expect(items.find((i) => i.employee.jobNumber === 'M001')).toMatchObject({ status: 'absent' });
    const board = await dashboard();
    expect(board.counts).toMatchObject({ expected: 2, present: 1, absent: 1, missingPunch: 1, notYetPunched: 0 });
    expect((await filtered('absent')).total).toBe(1);
    expect((await filtered('missing_punch')).total).toBe(1);
    expect(board.anomalies.filter((a: { date: string }) => a.date === DAY).map((a: { status: string }) => a.status).sort()).toEqual(['absent', 'missing_punch']);
    // The tags of the day list: 旷工 and 缺卡 once the window is closed, and the dashboard's anomalies with their total.
    const absent = await tagged('absent');
    expect(absent.items.map((i: { employee: { jobNumber: string } }) => i.employee.jobNumber)).toEqual(['M001']);
    expect(absent.items[0]).toMatchObject({ groupName: '研发', shiftName: 'D' });
    expect((await tagged('missing_punch')).items.map((i: { employee: { jobNumber: string } }) => i.employee.jobNumber)).toEqual(['E001']);
    expect(await tagged('late')).toMatchObject({ total: 0 });
    expect(board.anomalyRange).toEqual({ from: '2026-03-04', to: DAY });
    const anomalies = await tagged('anomaly', board.anomalyRange.from);
    expect(anomalies.total).toBe(board.anomalyTotal);
  });

  it('the monthly summary does not count the day in progress as 旷工 or 缺卡, shows it in the day grid, and lists the export\'s people', async () => {
    clock = at(`${DAY}T12:00:00+08:00`);
    await recompute();
    // A new hire without attendance days yet is on the monthly page as in the export.
    const now = clock;
    await t.services.db
      .insertInto('employees')
      .values({ company_id: t.companyId, job_number: 'N001', name: '新同事', email: null, mobile: null, department_id: null, manager_id: null, site_id: null, time_zone: null, hire_date: '2026-03-09', leave_date: null, status: 'active', created_at_ms: now, updated_at_ms: now })
      .execute();
    type Month = { employee: { jobNumber: string }; absentDays: number; attendedDays: number; shouldAttendDays: number; missingOutCount: number; days: Record<string, string[]> };
    const month = async () => (await t.as('hr').get(`/api/v1/attendance/monthly?companyId=${t.companyId}&month=2026-03`)).json().items as Month[];
    const open = await month();
    const m = open.find((i) => i.employee.jobNumber === 'M001')!;
    const e = open.find((i) => i.employee.jobNumber === 'E001')!;
    // Six closed workdays (2–6 and 9 March) are 旷工; the 10th is still open.
    expect(m).toMatchObject({ absentDays: 6, shouldAttendDays: 6 });
    expect(m.days[DAY]).toEqual(['in_progress']);
    expect(m.days['2026-03-09']).toEqual(['absent']);
    expect(m.days['2026-03-08']).toEqual(['rest']);
    expect(e).toMatchObject({ absentDays: 6, attendedDays: 1, shouldAttendDays: 7, missingOutCount: 0 });
    expect(e.days[DAY]).toEqual(['in_progress']);
    const csv = (await t.as('hr').get(`/api/v1/reports/monthly?companyId=${t.companyId}&month=2026-03&format=csv`)).body.replace(/^\uFEFF/, '').split('\r\n').filter((l: string) => l !== '').map((l: string) => l.split(','));
    expect(csv.slice(1).filter((r: string[]) => r.length > 1).map((r: string[]) => r[0])).toEqual(open.map((i) => i.employee.jobNumber));
    expect(open.map((i) => i.employee.jobNumber)).toContain('N001');
    const header = csv[0];
    const exported = csv.find((r: string[]) => r[0] === 'M001')!;
    expect(exported[header.indexOf('旷工天数')]).toBe('6');
    expect(exported[header.indexOf('10(二)')]).toBe('待');
    // Once the window has closed the day counts.
    clock = at('2026-03-11T00:00:00+08:00');
    await recompute();
    const closed = await month();
    expect(closed.find((i) => i.employee.jobNumber === 'M001')).toMatchObject({ absentDays: 7 });
    expect(closed.find((i) => i.employee.jobNumber === 'E001')).toMatchObject({ missingOutCount: 1, attendedDays: 1 });
    await t.services.db.deleteFrom('employees').where('company_id', '=', t.companyId).where('job_number', '=', 'N001').execute();
  });

  it('approved future leave is stored as on_leave; other future days are not stored; withdrawn leave disappears', async () => {
    clock = at(`${DAY}T12:00:00+08:00`);
    const filed = await t.as('employee').post('/api/v1/requests', { kind: 'leave', leaveType: 'annual', fromDate: '2026-03-16', toDate: '2026-03-17' });
    expect(filed.statusCode).toBe(201);
    expect((await t.as('manager').post(`/api/v1/requests/${filed.json().id}/approve`, {})).statusCode).toBe(200);
    await recompute();
    const future = await t.services.db.selectFrom('attendance_days').select(['employee_id', 'date', 'status', 'leave_type']).where('company_id', '=', t.companyId).where('date', '>', DAY).orderBy('date').execute();
    expect(future).toEqual([
      { employee_id: staff, date: '2026-03-16', status: 'on_leave', leave_type: 'annual' },
      { employee_id: staff, date: '2026-03-17', status: 'on_leave', leave_type: 'annual' },
    ]);
    const mine = (await t.as('employee').get(`/api/v1/attendance/days?companyId=${t.companyId}&from=2026-03-01&to=2026-03-31`)).json().items as { date: string; status: string; inProgress: boolean }[];
    expect(mine.filter((d) => d.date > DAY)).toMatchObject([
      { date: '2026-03-17', status: 'on_leave', inProgress: false },
      { date: '2026-03-16', status: 'on_leave', inProgress: false },
    ]);
    // The leave no longer holds (the request is gone): the planned days are removed on recompute.
    await t.services.db.deleteFrom('requests').where('id', '=', filed.json().id).execute();
    await recompute();
    const left = await t.services.db.selectFrom('attendance_days').select('date').where('company_id', '=', t.companyId).where('date', '>', DAY).execute();
    expect(left).toEqual([]);
  });
});
