/**
 * Closed months on both databases: cancelling approved leave gives the time back, leave across a
 * month boundary is booked per month, a month is closed per company, department or everyone with
 * each employee-month held once, late changes to a closed month become payroll adjustments (API,
 * export section, event, payroll delivery), and a leaver's pro-rated annual leave is posted on
 * employee.left.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { DEFAULT_RULES, STATUTORY_ANNUAL_RULES } from '../../src/engine/leave/index.js';
import type { OutboxConsumer } from '../../src/modules/outbox/outbox.types.js';
import { LEAVER_CONSUMER } from '../../src/modules/leave-balances/leaver-postings.js';

// 2026-03-20 12:00 in Shanghai.
const NOW = Date.parse('2026-03-20T04:00:00Z');

const watcher: OutboxConsumer = {
  name: 'closed-month-watcher',
  retry: { baseDelayMs: 1000, maxDelayMs: 1000, maxAgeMs: 60_000, maxAttempts: 1 },
  concurrency: 1,
  wants: (_c, type) => type === 'request.cancelled' || type === 'payroll.adjustment_recorded' || type === 'month.closed',
  plan: async () => [],
  send: async () => ({ kind: 'delivered' }),
};

describeEachDb('closed months, adjustments and leave across months', (db) => {
  let t: TestApp;
  let dept: number;
  let seq = 0;
  beforeAll(async () => {
    t = await createTestApp(db(), { now: () => NOW });
    t.services.outbox.register(watcher);
    const hr = t.as('hr');
    dept = (await t.services.db.selectFrom('departments').select('id').where('company_id', '=', t.companyId).executeTakeFirstOrThrow()).id;
    await hr.post('/api/v1/leave-types/seed', { companyId: t.companyId });
    expect((await hr.inject({ method: 'PUT', url: '/api/v1/leave-types/annual/balance-rules', payload: { companyId: t.companyId, rules: STATUTORY_ANNUAL_RULES } })).statusCode).toBe(200);
    expect((await hr.inject({ method: 'PUT', url: '/api/v1/leave-types/personal/balance-rules', payload: { companyId: t.companyId, rules: { ...DEFAULT_RULES, allowNegative: true } } })).statusCode).toBe(200);
    const cal = (await hr.post('/api/v1/holiday-calendars', { companyId: t.companyId, code: `cn-${Date.now()}`, name: '假日' })).json().id;
    // Saturday 01-31 is a make-up workday (调休 补班), Monday 02-02 a statutory holiday.
    const days = [{ date: '2026-01-31', dayType: 'makeup_workday' }, { date: '2026-02-02', dayType: 'statutory_holiday' }];
    expect((await hr.inject({ method: 'PUT', url: `/api/v1/holiday-calendars/${cal}/days`, payload: { days } })).statusCode).toBe(200);
    const shift = (await hr.post('/api/v1/shift-types', { companyId: t.companyId, code: 'D', name: 'D', start: '09:00', end: '18:00' })).json().id;
    const week = { '1': shift, '2': shift, '3': shift, '4': shift, '5': shift };
    const groupId = (await hr.post('/api/v1/attendance-groups', { companyId: t.companyId, name: '研发', kind: 'fixed', weekly: week, holidayCalendarId: cal })).json().id;
    await hr.post(`/api/v1/attendance-groups/${groupId}/members`, { departmentId: dept, effectiveFrom: '2025-01-01' });
  });
  afterAll(async () => {
    await t.app.close();
  });

  const employee = async (departmentId = dept, workStartDate: string | null = '2014-05-01') => {
    const res = await t.as('hr').post('/api/v1/employees', { companyId: t.companyId, jobNumber: `M${++seq}-${Math.random().toString(36).slice(2, 6)}`, name: '关账测试', departmentId, hireDate: '2025-01-01', workStartDate });
    expect(res.statusCode).toBe(201);
    return res.json().id as number;
  };
  const balance = async (employeeId: number, type: string, asOf: string) => {
    const res = await t.as('hr').get(`/api/v1/leave-balances?companyId=${t.companyId}&employeeId=${employeeId}&asOf=${asOf}`);
    return res.json().items[0].balances.find((b: { leaveType: string }) => b.leaveType === type);
  };
  const ledger = async (employeeId: number, type: string) =>
    (await t.as('hr').get(`/api/v1/leave-balances/${employeeId}/ledger?leaveType=${type}`)).json().items as { kind: string; amount: number; effectiveDate: string; forMonth: string | null }[];
  const give = (employeeId: number, type: string, amount: number, effectiveDate = '2026-01-01') =>
    t.as('hr').post('/api/v1/leave-balances/adjustments', { employeeId, leaveType: type, amount, effectiveDate, reason: '期初' });
  const fileApproved = async (employeeId: number, type: string, fromDate: string, toDate: string) => {
    const filed = await t.as('hr').post('/api/v1/requests', { employeeId, kind: 'leave', leaveType: type, fromDate, toDate });
    expect(filed.statusCode, filed.body).toBe(201);
    expect((await t.as('admin').post(`/api/v1/requests/${filed.json().id}/approve`, {})).statusCode).toBe(200);
    return filed.json().id as number;
  };
  const payrollRow = async (employeeId: number, month: string) => {
    const csv = (await t.as('hr').get(`/api/v1/reports/payroll?companyId=${t.companyId}&month=${month}&format=csv`)).body.replace(/^\uFEFF/, '');
    const job = (await t.services.db.selectFrom('employees').select('job_number').where('id', '=', employeeId).executeTakeFirstOrThrow()).job_number;
    return { csv, cells: csv.split('\r\n').find((l) => l.startsWith(job))!.split(',') };
  };

  it('books leave from 01-30 to 02-03 per month across the 补班 Saturday and the holiday: ledger and payroll export carry each month’s part', async () => {
    const id = await employee();
    await t.as('hr').inject({ method: 'PUT', url: `/api/v1/reports/payroll-mapping?companyId=${t.companyId}`, payload: { columns: [{ header: '工号', field: 'jobNumber' }, { header: '年假(天)', field: 'leaveTaken.annual' }, { header: '年假余额', field: 'balance.annual' }] } });
    await give(id, 'annual', 5);
    const price = (await t.as('hr').post('/api/v1/leave-balances/price', { employeeId: id, leaveType: 'annual', fromDate: '2026-01-30', toDate: '2026-02-03' })).json();
    // 01-30 (Fri), 01-31 (补班 Saturday), 02-03; Sunday 02-01 and the holiday 02-02 cost nothing.
    expect(price).toMatchObject({ amount: 3, freeDates: ['2026-02-01', '2026-02-02'] });
    await fileApproved(id, 'annual', '2026-01-30', '2026-02-03');
    const entries = (await ledger(id, 'annual')).filter((e) => e.kind === 'leave_taken');
    expect(entries.map((e) => [e.amount, e.effectiveDate, e.forMonth])).toEqual([[-2, '2026-01-30', '2026-01'], [-1, '2026-02-01', '2026-02']]);
    expect((await payrollRow(id, '2026-01')).cells.slice(1)).toEqual(['2', '3']);
    expect((await payrollRow(id, '2026-02')).cells.slice(1)).toEqual(['1', '2']);
  });

  it('cancelling approved leave gives the time back: the requester before it starts, HR or the approver after; the balance is restored at every date', async () => {
    const hr = t.as('hr');
    const staff = (await t.services.db.selectFrom('employees').select('id').where('company_id', '=', t.companyId).where('job_number', '=', 'E001').executeTakeFirstOrThrow()).id;
    await give(staff, 'annual', 6);
    const dates = ['2026-01-31', '2026-03-20', '2026-04-30', '2026-12-31'];
    const before = await Promise.all(dates.map((d) => balance(staff, 'annual', d)));
    // Future leave (04-06…04-08) filed by the employee, approved, withdrawn by the employee.
    const own = await t.as('employee').post('/api/v1/requests', { kind: 'leave', leaveType: 'annual', fromDate: '2026-04-06', toDate: '2026-04-08' });
    expect(own.statusCode, own.body).toBe(201);
    await t.as('admin').post(`/api/v1/requests/${own.json().id}/approve`, {});
    expect((await balance(staff, 'annual', '2026-04-30')).used).toBe(3);
    const cancelled = await t.as('employee').post(`/api/v1/requests/${own.json().id}/cancel`, {});
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    // Leave that has begun (03-19…03-23): the employee may not withdraw it, HR may.
    const begun = await fileApproved(staff, 'annual', '2026-03-19', '2026-03-23');
    const refused = await t.as('employee').post(`/api/v1/requests/${begun}/cancel`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('REQUEST_ALREADY_STARTED');
    expect((await hr.post(`/api/v1/requests/${begun}/cancel`, {})).statusCode).toBe(200);
    expect((await hr.post(`/api/v1/requests/${begun}/cancel`, {})).json().error.code).toBe('REQUEST_NOT_CANCELLABLE');
    const after = await Promise.all(dates.map((d) => balance(staff, 'annual', d)));
    expect(after.map((b) => b.balance)).toEqual(before.map((b) => b.balance));
    // The balance is the ledger's sum, and each cancellation is a dated entry of the request's month.
    const rows = await ledger(staff, 'annual');
    expect(Math.round(rows.reduce((s, r) => s + r.amount, 0) * 100) / 100).toBe(after[3].balance);
    expect(rows.filter((r) => r.kind === 'leave_cancelled').map((r) => [r.amount, r.effectiveDate])).toEqual([[3, '2026-03-19'], [3, '2026-04-06']]);
    const events = await t.services.db.selectFrom('outbox_events').select('payload').where('type', '=', 'request.cancelled').execute();
    expect(events.map((e) => JSON.parse(e.payload).requestId)).toEqual(expect.arrayContaining([own.json().id, begun]));
    const audit = await t.services.db.selectFrom('audit_log').select('action').where('action', '=', 'leave_balance.request').where('entity_id', '=', String(begun)).execute();
    expect(audit).toHaveLength(2);
  });

  it('closes a department (with sub-departments), then the company, then everyone: each employee-month is held once; reopening is by the same scope', async () => {
    const hr = t.as('hr');
    const sub = (await hr.post('/api/v1/departments', { companyId: t.companyId, name: '前端组', parentId: dept })).json().id as number;
    const other = (await hr.post('/api/v1/departments', { companyId: t.companyId, name: '销售部' })).json().id as number;
    const inSub = await employee(sub);
    const inOther = await employee(other);
    const byDept = await hr.post('/api/v1/month-closes', { scope: 'department', departmentId: dept, month: '2026-02' });
    expect(byDept.statusCode, byDept.body).toBe(201);
    const deptClose = byDept.json().items[0];
    const held = async (closeId: number) => (await t.services.db.selectFrom('month_close_employees').select('employee_id').where('close_id', '=', closeId).execute()).map((r) => Number(r.employee_id));
    expect(await held(deptClose.id)).toContain(inSub);
    expect(await held(deptClose.id)).not.toContain(inOther);
    expect((await hr.post('/api/v1/month-closes', { scope: 'department', departmentId: sub, month: '2026-02' })).json().error.code).toBe('MONTH_ALREADY_CLOSED');
    const company = (await hr.post('/api/v1/month-closes', { companyId: t.companyId, month: '2026-02' })).json().items[0];
    expect(await held(company.id)).toEqual([inOther].concat((await held(company.id)).filter((x) => x !== inOther)).sort((a, b) => a - b));
    expect(await held(company.id)).not.toContain(inSub);
    expect((await hr.post('/api/v1/month-closes', { scope: 'all', month: '2026-02' })).json().error.code).toBe('MONTH_ALREADY_CLOSED');
    const all = await hr.post('/api/v1/month-closes', { scope: 'all', month: '2026-01' });
    expect(all.json().items.map((c: { companyId: number; scope: string }) => [c.companyId, c.scope])).toEqual([[t.companyId, 'all']]);
    expect((await t.as('employee').post('/api/v1/month-closes', { scope: 'all', month: '2026-01' })).statusCode).toBe(403);
    // A closed employee's balance change dated in the month is refused; one outside the department is refused too (company close).
    expect((await give(inSub, 'annual', 1, '2026-02-10')).json().error.code).toBe('MONTH_CLOSED');
    const reopened = await hr.post('/api/v1/month-closes/reopen', { scope: 'department', departmentId: dept, month: '2026-02', reason: '研发部补录' });
    expect(reopened.json().items.map((c: { id: number; status: string }) => [c.id, c.status])).toEqual([[deptClose.id, 'reopened']]);
    expect((await give(inSub, 'annual', 1, '2026-02-10')).statusCode).toBe(201);
    expect((await give(inOther, 'annual', 1, '2026-02-10')).json().error.code).toBe('MONTH_CLOSED');
    const audit = await t.services.db.selectFrom('audit_log').select('action').where('entity', '=', 'month_close').where('entity_id', '=', String(deptClose.id)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['month.close', 'month.reopen']);
    // The department's people are closed again by a new department close; the company close keeps the rest.
    expect((await hr.post('/api/v1/month-closes', { scope: 'department', departmentId: dept, month: '2026-02' })).statusCode).toBe(201);
  });

  it('a leave change to a closed month is an adjustment: the closed month keeps its figures, the next month’s export and payroll endpoint carry it', async () => {
    const id = await employee();
    // February is closed for the department (previous test); a close of it now holds the newcomer too.
    expect((await t.as('hr').post('/api/v1/month-closes', { scope: 'department', departmentId: dept, month: '2026-02' })).json().items[0].employeeCount).toBe(1);
    // Personal leave (hours; a day is the 9-hour shift) filed late for 02-26.
    const req = await fileApproved(id, 'personal', '2026-02-26', '2026-02-26');
    const entries = (await ledger(id, 'personal')).filter((e) => e.kind === 'leave_taken');
    expect(entries.map((e) => [e.amount, e.effectiveDate, e.forMonth])).toEqual([[-9, '2026-03-01', '2026-02']]);
    const list = (await t.as('hr').get(`/api/v1/payroll-adjustments?companyId=${t.companyId}&month=2026-03&employeeId=${id}`)).json().items;
    expect(list).toEqual([expect.objectContaining({ kind: 'leave', date: '2026-02-26', closedMonth: '2026-02', carriedIntoMonth: '2026-03', source: 'leave', requestId: req, leaveType: 'personal', leaveUnitsBefore: 0, leaveUnitsAfter: 9 })]);
    expect((await t.as('employee').get(`/api/v1/payroll-adjustments?companyId=${t.companyId}&month=2026-03`)).statusCode).toBe(403);
    const events = await t.services.db.selectFrom('outbox_events').select('payload').where('type', '=', 'payroll.adjustment_recorded').execute();
    expect(events.map((e) => JSON.parse(e.payload)).filter((p) => p.employeeId === id)).toEqual([expect.objectContaining({ kind: 'leave', leaveUnitsAfter: 9, carriedIntoMonth: '2026-03' })]);
    await t.as('hr').inject({ method: 'PUT', url: `/api/v1/reports/payroll-mapping?companyId=${t.companyId}`, payload: { columns: [{ header: '工号', field: 'jobNumber' }, { header: '事假', field: 'leaveTaken.personal' }] } });
    // February's export is as closed; March's carries the change in its 调整明细 section, not in its own figures.
    expect((await payrollRow(id, '2026-02')).cells.slice(1)).toEqual(['0']);
    const march = await payrollRow(id, '2026-03');
    expect(march.cells.slice(1)).toEqual(['0']);
    const section = march.csv.split('\r\n\r\n')[1].split('\r\n');
    expect(section[0]).toContain('调整明细');
    const job = march.cells[0];
    const row = section.find((l) => l.startsWith(job))!.split(',');
    expect(row.slice(2, 8)).toEqual(['2026-02-26', '2026-02', '2026-03', '假期用量', '请假变更', `request:${req}`]);
    expect(row.slice(-4)).toEqual(['personal', '0', '9', '9']);
    // Cancelling it again gives the time back in March, as another adjustment.
    expect((await t.as('hr').post(`/api/v1/requests/${req}/cancel`, {})).statusCode).toBe(200);
    expect((await ledger(id, 'personal')).filter((e) => e.kind === 'leave_cancelled').map((e) => [e.amount, e.effectiveDate, e.forMonth])).toEqual([[9, '2026-03-01', '2026-02']]);
    const again = (await t.as('hr').get(`/api/v1/payroll-adjustments?companyId=${t.companyId}&closedMonth=2026-02&employeeId=${id}`)).json().items.filter((a: { kind: string }) => a.kind === 'leave');
    expect(again.map((a: { leaveUnitsBefore: number; leaveUnitsAfter: number }) => [a.leaveUnitsBefore, a.leaveUnitsAfter])).toEqual([[0, 9], [9, 0]]);
    expect((await balance(id, 'personal', '2026-02-28')).balance).toBe(0);
  });

  it('posts a leaver’s pro-rated statutory annual leave on employee.left: days passed ÷ 365 × entitlement, minus taken, fraction dropped', async () => {
    // 参加工作 2014-05-01: 10 days a year in 2026 (≥ 10 full years all year).
    const id = await employee(dept, '2014-05-01');
    await fileApprovedWithGrant(id);
    const res = await t.as('hr').post(`/api/v1/employees/${id}/deactivate`, { leaveDate: '2026-06-30' });
    expect(res.statusCode, res.body).toBe(200);
    const left = await t.services.db.selectFrom('outbox_events').select('type').where('type', '=', 'employee.left').where('subject', '=', `employee:${id}`).execute();
    expect(left).toHaveLength(1);
    await t.services.outbox.dispatchAll();
    for (let i = 0; i < 5 && (await t.services.outbox.deliverDue(LEAVER_CONSUMER)) > 0; i++);
    // 181 days (01-01…06-30) ÷ 365 × 10 = 4.96 → 4 due: the year's grant of 10 is corrected by -6; one day taken leaves 3.
    const expected = Math.floor((181 / 365) * 10) - 1;
    expect(await balance(id, 'annual', '2026-06-30')).toMatchObject({ granted: 10, adjusted: -6, used: 1, balance: expected });
    const refs = (await ledger(id, 'annual')).map((e) => `${e.kind}:${e.amount}`);
    expect(refs).toEqual(['grant:10', 'leave_taken:-1', 'adjustment:-6']);
    // Delivered again (a retry): nothing more is posted.
    const { postLeaver } = await import('../../src/modules/leave-balances/leaver-postings.js');
    expect(await postLeaver(t.services.leaveBalances, id)).toBe(0);
  });

  const fileApprovedWithGrant = async (id: number) => {
    await t.as('hr').post('/api/v1/leave-balances/runs', { companyId: t.companyId, runDate: '2026-03-20' });
    await fileApproved(id, 'annual', '2026-03-24', '2026-03-24');
  };
});
