/**
 * Hourly leave (按小时请假, R11a) from request to day, day detail, monthly columns and payroll export;
 * and full-day leave with punches (R11): no worked time, punches listed, the day flagged.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

// 2026-03-20 12:00 in Shanghai.
const NOW = Date.parse('2026-03-20T04:00:00Z');
const DAY = '2026-03-10';

function csvRows(body: string): string[][] {
  return body
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter((l) => l !== '')
    .map((l) => l.split(','));
}

describeEachDb('hourly leave in attendance results', (db) => {
  let t: TestApp;
  let staff: number;
  beforeAll(async () => {
    t = await createTestApp(db(), { now: () => NOW });
    const d = t.services.db;
    staff = (await d.selectFrom('employees').select('id').where('company_id', '=', t.companyId).where('job_number', '=', 'E001').executeTakeFirstOrThrow()).id;
    const rd = (await d.selectFrom('departments').select('id').where('company_id', '=', t.companyId).executeTakeFirstOrThrow()).id;
    await t.as('hr').post('/api/v1/leave-types/seed', { companyId: t.companyId });
    const shift = (await t.as('hr').post('/api/v1/shift-types', { companyId: t.companyId, code: 'D', name: 'D', start: '09:00', end: '18:00' })).json().id;
    const g = await t.as('hr').post('/api/v1/attendance-groups', { companyId: t.companyId, name: '研发', kind: 'fixed', weekly: { '1': shift, '2': shift, '3': shift, '4': shift, '5': shift } });
    await t.as('hr').post(`/api/v1/attendance-groups/${g.json().id}/members`, { departmentId: rd, effectiveFrom: '2026-01-01' });
    for (const time of [`${DAY}T08:58:00+08:00`, `${DAY}T16:00:00+08:00`]) {
      const r = await t.as('hr').post('/api/v1/checkins/batch', { companyId: t.companyId, items: [{ employeeId: staff, time, source: 'api', deviceSn: 'ZK01', verifyMethod: 'fingerprint' }] });
      expect(r.statusCode).toBe(200);
    }
  });
  afterAll(async () => {
    await t.app.close();
  });

  const recompute = () => t.services.attendance.recomputer.recompute(t.companyId, 'all', '2026-03-01', '2026-03-31');
  const stored = () => t.services.db.selectFrom('attendance_days').selectAll().where('employee_id', '=', staff).where('date', '=', DAY).executeTakeFirstOrThrow();

  it('validates the window of an hourly leave', async () => {
    const emp = t.as('employee');
    const base = { kind: 'leave', leaveType: 'personal', fromDate: DAY };
    const mismatch = await emp.post('/api/v1/requests', { ...base, hours: 3, from: `${DAY}T16:00:00+08:00`, to: `${DAY}T18:00:00+08:00` });
    expect(mismatch.json().error).toMatchObject({ code: 'HOURS_WINDOW', details: { problems: [{ path: 'body.hours' }] } });
    const withHalf = await emp.post('/api/v1/requests', { ...base, half: 'pm', from: `${DAY}T16:00:00+08:00`, to: `${DAY}T18:00:00+08:00` });
    expect(withHalf.json().error.code).toBe('HALF_AND_HOURS');
    const elsewhere = await emp.post('/api/v1/requests', { ...base, from: '2026-03-12T16:00:00+08:00', to: '2026-03-12T18:00:00+08:00' });
    expect(elsewhere.json().error).toMatchObject({ code: 'LEAVE_WINDOW', details: { problems: [{ path: 'body.from' }] } });
    const backwards = await emp.post('/api/v1/requests', { ...base, from: `${DAY}T18:00:00+08:00`, to: `${DAY}T16:00:00+08:00` });
    expect(backwards.json().error.code).toBe('LEAVE_WINDOW');
    const daily = await emp.post('/api/v1/requests', { ...base, leaveType: 'annual', from: `${DAY}T16:00:00+08:00`, to: `${DAY}T18:00:00+08:00` });
    expect(daily.json().error.code).toBe('LEAVE_UNIT');
    expect((await emp.get(`/api/v1/requests?companyId=${t.companyId}`)).json().total).toBe(0);
  });

  it('an approved 2-hour leave at the end of the day is no longer early leave, and shows in the leave columns', async () => {
    await recompute();
    expect(await stored()).toMatchObject({ early: 1, early_minutes: 120, leave_minutes: 0, leave_type: null });

    const filed = await t.as('employee').post('/api/v1/requests', { kind: 'leave', leaveType: 'personal', fromDate: DAY, from: `${DAY}T16:00:00+08:00`, to: `${DAY}T18:00:00+08:00` });
    expect(filed.statusCode).toBe(201);
    expect(filed.json()).toMatchObject({ hours: 2, fromMs: Date.parse(`${DAY}T08:00:00Z`), toMs: Date.parse(`${DAY}T10:00:00Z`) });
    expect((await t.as('manager').post(`/api/v1/requests/${filed.json().id}/approve`, {})).statusCode).toBe(200);
    await recompute();
    expect(await stored()).toMatchObject({ status: 'present', early: 0, early_minutes: 0, leave_minutes: 120, leave_type: 'personal', leave_half: 'hours' });

    const detail = (await t.as('employee').get(`/api/v1/attendance/days/${staff}/${DAY}`)).json();
    expect(JSON.stringify(detail)).toContain('"leaveMinutes":120');

    const monthly = (await t.as('hr').get(`/api/v1/attendance/monthly?companyId=${t.companyId}&month=2026-03&employeeId=${staff}`)).json();
    expect(monthly.items[0]).toMatchObject({ leaveMinutesByType: { personal: 120 }, earlyCount: 0 });
    expect(monthly.items[0].leaveDaysByType.personal ?? 0).toBe(0);

    const sheet = csvRows((await t.as('hr').get(`/api/v1/reports/monthly?companyId=${t.companyId}&month=2026-03&format=csv`)).body);
    const header = sheet.findIndex((r) => r[0] === '工号');
    const hoursCol = sheet[header].indexOf('事假(小时)');
    expect(hoursCol).toBeGreaterThan(0);
    const mine = sheet.find((r) => r[0] === 'E001')!;
    expect(mine[hoursCol]).toBe('2');
    expect(mine[sheet[header].indexOf('事假(天)')]).toBe('0');

    const payroll = csvRows((await t.as('hr').get(`/api/v1/reports/payroll?companyId=${t.companyId}&month=2026-03&format=csv`)).body);
    const col = payroll[0].indexOf('事假小时');
    expect(payroll.find((r) => r[0] === 'E001')![col]).toBe('2');
  });

  it('a full-day leave day with punches counts no time, keeps the punches listed and is flagged', async () => {
    const day = '2026-03-11';
    for (const time of [`${day}T09:00:00+08:00`, `${day}T20:00:00+08:00`]) {
      await t.as('hr').post('/api/v1/checkins/batch', { companyId: t.companyId, items: [{ employeeId: staff, time, source: 'api', deviceSn: 'ZK01', verifyMethod: 'fingerprint' }] });
    }
    const filed = await t.as('employee').post('/api/v1/requests', { kind: 'leave', leaveType: 'annual', fromDate: day });
    expect((await t.as('manager').post(`/api/v1/requests/${filed.json().id}/approve`, {})).statusCode).toBe(200);
    await recompute();
    const row = await t.services.db.selectFrom('attendance_days').selectAll().where('employee_id', '=', staff).where('date', '=', day).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'on_leave', worked_minutes: 0, overtime_minutes: 0, in_time: null, out_time: null, flags: 'punches_on_leave' });
    const list = (await t.as('hr').get(`/api/v1/attendance/days?companyId=${t.companyId}&from=${day}&to=${day}&employeeId=${staff}`)).json();
    expect(list.items[0]).toMatchObject({ status: 'on_leave', workedMinutes: 0, flags: ['punches_on_leave'] });
    const detail = (await t.as('employee').get(`/api/v1/attendance/days/${staff}/${day}`)).json();
    expect(detail.punches).toHaveLength(2);
    expect(JSON.stringify(detail)).toContain('punches_on_leave');
  });

  it('explains days with reason codes; the anomalies export renders them in the requested language, never English in zh-CN', async () => {
    await recompute();
    // Monday 03-02: no punch, so absent; anomalies are stored with their explanation.
    const stored = await t.services.db.selectFrom('attendance_days').select('explanation').where('employee_id', '=', staff).where('date', '=', '2026-03-02').executeTakeFirstOrThrow();
    expect(JSON.parse(stored.explanation!)).toContainEqual({ field: 'missingIn', rule: 'R4', code: 'noPunch', params: {} });
    const detail = (await t.as('employee').get(`/api/v1/attendance/days/${staff}/2026-03-02`)).json();
    expect(detail.explanationSource).toBe('stored');
    for (const e of detail.explanation) {
      expect(typeof e.code).toBe('string');
      expect(e).not.toHaveProperty('text');
    }
    const url = (lang?: string) => `/api/v1/reports/anomalies?companyId=${t.companyId}&from=2026-03-02&to=2026-03-06&format=csv${lang ? `&lang=${lang}` : ''}`;
    const zh = (await t.as('hr').get(url())).body;
    const rows = zh.split('\r\n').filter((l) => l.startsWith('E001'));
    expect(rows.length).toBeGreaterThan(0);
    expect(zh).toContain('规则说明');
    expect(zh).toContain('R4 本班次没有打卡：上班、下班均缺卡');
    for (const row of rows) expect(row).not.toMatch(/[A-Za-z]{2,}/);
    const en = (await t.as('hr').get(url('en'))).body;
    expect(en).toContain('R4 no punch attributed to this shift: check-in and check-out missing');
    const byHeader = (await t.as('hr').inject({ method: 'GET', url: url(), headers: { 'accept-language': 'en-US,en;q=0.9' } })).body;
    expect(byHeader).toContain('no punch attributed to this shift');
    // The user's own locale wins over the browser's; `lang` wins over both.
    await t.services.db.updateTable('users').set({ locale: 'en' }).where('display_name', '=', 'hr').execute();
    try {
      expect((await t.as('hr').get(url())).body).toContain('no punch attributed to this shift');
      expect((await t.as('hr').get(url('zh-CN'))).body).toContain('本班次没有打卡');
    } finally {
      await t.services.db.updateTable('users').set({ locale: null }).where('display_name', '=', 'hr').execute();
    }
  });
});
