import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { STATUTORY_ANNUAL_RULES, DEFAULT_RULES } from '../../src/engine/leave/index.js';
import type { OutboxConsumer } from '../../src/modules/outbox/outbox.types.js';
import { RecomputeService } from '../../src/modules/attendance/recompute.js';
import { runLeaveBalancesDay } from '../../src/modules/leave-balances/leave-jobs.js';

// 2026-03-20 12:00 in Shanghai.
const NOW = Date.parse('2026-03-20T04:00:00Z');

/** Wants month.closed so the outbox writes it; plans no delivery. */
const monthClosedWatcher: OutboxConsumer = {
  name: 'month-closed-watcher',
  retry: { baseDelayMs: 1000, maxDelayMs: 1000, maxAgeMs: 60_000, maxAttempts: 1 },
  concurrency: 1,
  wants: (_c, type) => type === 'month.closed',
  plan: async () => [],
  send: async () => ({ kind: 'delivered' }),
};

describeEachDb('leave balances and month close', (db) => {
  let t: TestApp;
  let dept: number;
  let groupId: number;
  let seq = 0;
  beforeAll(async () => {
    t = await createTestApp(db(), { now: () => NOW });
    t.services.outbox.register(monthClosedWatcher);
    const hr = t.as('hr');
    dept = (await t.services.db.selectFrom('departments').select('id').where('company_id', '=', t.companyId).executeTakeFirstOrThrow()).id;
    await hr.post('/api/v1/leave-types/seed', { companyId: t.companyId });
    expect((await hr.inject({ method: 'PUT', url: '/api/v1/leave-types/annual/balance-rules', payload: { companyId: t.companyId, rules: STATUTORY_ANNUAL_RULES } })).statusCode).toBe(200);
    expect((await hr.inject({ method: 'PUT', url: '/api/v1/leave-types/compensatory/balance-rules', payload: { companyId: t.companyId, rules: { ...DEFAULT_RULES, allowNegative: false, creditExpiryDays: 90 } } })).statusCode).toBe(200);
    const cal = (await hr.post('/api/v1/holiday-calendars', { companyId: t.companyId, code: `cn-${Date.now()}`, name: '劳动节' })).json().id;
    const days = ['2026-05-01', '2026-05-02', '2026-05-03'].map((date) => ({ date, dayType: 'statutory_holiday' })).concat(
      ['2026-05-04', '2026-05-05'].map((date) => ({ date, dayType: 'rest_day' })),
      [{ date: '2026-05-09', dayType: 'makeup_workday' }],
    );
    expect((await hr.inject({ method: 'PUT', url: `/api/v1/holiday-calendars/${cal}/days`, payload: { days } })).statusCode).toBe(200);
    const shift = (await hr.post('/api/v1/shift-types', { companyId: t.companyId, code: 'D', name: 'D', start: '09:00', end: '18:00' })).json().id;
    const week = { '1': shift, '2': shift, '3': shift, '4': shift, '5': shift };
    groupId = (await hr.post('/api/v1/attendance-groups', { companyId: t.companyId, name: '研发', kind: 'fixed', weekly: week, holidayCalendarId: cal })).json().id;
    await hr.post(`/api/v1/attendance-groups/${groupId}/members`, { departmentId: dept, effectiveFrom: '2025-01-01' });
  });
  afterAll(async () => {
    await t.app.close();
  });

  /** A new employee of the department, so that each test starts from an empty ledger. */
  const employee = async (workStartDate: string | null = '2014-05-01', hireDate = '2025-01-01') => {
    const res = await t.as('hr').post('/api/v1/employees', { companyId: t.companyId, jobNumber: `L${++seq}-${Math.random().toString(36).slice(2, 6)}`, name: '年假测试', departmentId: dept, hireDate, workStartDate });
    expect(res.statusCode).toBe(201);
    expect(res.json().workStartDate).toBe(workStartDate);
    return res.json().id as number;
  };
  const balanceOf = async (employeeId: number, type: string, asOf = '2026-03-20') => {
    const res = await t.as('hr').get(`/api/v1/leave-balances?companyId=${t.companyId}&employeeId=${employeeId}&asOf=${asOf}`);
    expect(res.statusCode).toBe(200);
    return res.json().items[0].balances.find((b: { leaveType: string }) => b.leaveType === type);
  };

  it('grants statutory annual leave by 参加工作日期: a dry run previews, a run posts, a second run posts nothing', async () => {
    const id = await employee('2014-05-01');
    const preview = (await t.as('hr').post('/api/v1/leave-balances/runs', { companyId: t.companyId, runDate: '2026-03-20', dryRun: true })).json();
    expect(preview.preview.filter((p: { employeeId: number }) => p.employeeId === id)).toEqual([expect.objectContaining({ ref: 'grant:2026', kind: 'grant', amount: 10, effectiveDate: '2026-01-01', expiresOn: '2026-12-31' })]);
    expect((await balanceOf(id, 'annual')).granted).toBe(0);
    const run = (await t.as('hr').post('/api/v1/leave-balances/runs', { companyId: t.companyId, runDate: '2026-03-20' })).json();
    expect(run.entries).toBeGreaterThan(0);
    expect(await balanceOf(id, 'annual')).toMatchObject({ granted: 10, used: 0, pending: 0, balance: 10, available: 10, unit: 'half_day' });
    const again = (await t.as('hr').post('/api/v1/leave-balances/runs', { companyId: t.companyId, runDate: '2026-03-20' })).json();
    expect(again.preview.filter((p: { employeeId: number }) => p.employeeId === id)).toEqual([]);
    const ledger = (await t.as('hr').get(`/api/v1/leave-balances/${id}/ledger`)).json();
    expect(ledger.items.map((e: { ref: string }) => e.ref)).toEqual(['grant:2026']);
    expect((await t.as('employee').post('/api/v1/leave-balances/runs', { companyId: t.companyId })).statusCode).toBe(403);
  });

  it('the daily job posts what is due once, however often it runs', async () => {
    const id = await employee('2000-03-01');
    await runLeaveBalancesDay(t.services);
    await runLeaveBalancesDay(t.services);
    const ledger = (await t.as('hr').get(`/api/v1/leave-balances/${id}/ledger?leaveType=annual`)).json();
    expect(ledger.items.map((e: { ref: string; amount: number; createdByUserId: number | null }) => [e.ref, e.amount, e.createdByUserId])).toEqual([['grant:2026', 15, null]]);
  });

  it('prices leave from the schedule across the Labour Day holiday, refuses what exceeds the balance, and gives time back on cancellation', async () => {
    const id = await employee();
    const hr = t.as('hr');
    expect((await hr.post('/api/v1/leave-balances/adjustments', { employeeId: id, leaveType: 'annual', amount: 3, effectiveDate: '2026-01-01', reason: '期初余额' })).statusCode).toBe(201);
    const price = (await hr.post('/api/v1/leave-balances/price', { employeeId: id, leaveType: 'annual', fromDate: '2026-04-30', toDate: '2026-05-11' })).json();
    // 4-30, 5-06, 5-07, 5-08, the 补班 Saturday 5-09 and 5-11; the holiday and the weekend 5-10 are free.
    expect(price).toMatchObject({ amount: 6, unit: 'half_day', tracked: true, available: 3, fits: false });
    expect(price.freeDates).toEqual(['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05', '2026-05-10']);
    const refused = await hr.post('/api/v1/requests', { employeeId: id, kind: 'leave', leaveType: 'annual', fromDate: '2026-04-30', toDate: '2026-05-11' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'LEAVE_BALANCE_INSUFFICIENT', details: { cost: 6, available: 3 } });
    const filed = await hr.post('/api/v1/requests', { employeeId: id, kind: 'leave', leaveType: 'annual', fromDate: '2026-05-06', toDate: '2026-05-07' });
    expect(filed.statusCode).toBe(201);
    expect(await balanceOf(id, 'annual')).toMatchObject({ pending: 2, balance: 3, available: 1 });
    // A manager approves (HR filed it).
    expect((await t.as('admin').post(`/api/v1/requests/${filed.json().id}/approve`, {})).statusCode).toBe(200);
    expect(await balanceOf(id, 'annual', '2026-05-31')).toMatchObject({ pending: 0, used: 2, balance: 1, available: 1 });
    // Leave approved on DingTalk, then cancelled there: the day comes back.
    const base = { source: 'dingtalk' as const, externalId: `dt-${id}`, employeeId: id, kind: 'leave' as const, leaveType: 'annual', fromDate: '2026-05-08', toDate: '2026-05-08' };
    await t.services.requests.upsertExternal(t.companyId, { ...base, status: 'approved' });
    expect((await balanceOf(id, 'annual', '2026-05-31')).used).toBe(3);
    await t.services.requests.upsertExternal(t.companyId, { ...base, status: 'cancelled' });
    expect(await balanceOf(id, 'annual', '2026-05-31')).toMatchObject({ used: 2, balance: 1 });
    const kinds = (await hr.get(`/api/v1/leave-balances/${id}/ledger?leaveType=annual`)).json().items.map((e: { kind: string; amount: number }) => `${e.kind}:${e.amount}`);
    expect(kinds).toEqual(['adjustment:3', 'leave_taken:-2', 'leave_taken:-1', 'leave_cancelled:1']);
  });

  it('employees see only their own balances; adjustments are HR’s, validated and audited', async () => {
    const mine = (await t.as('employee').get(`/api/v1/leave-balances?companyId=${t.companyId}`)).json();
    expect(mine.items.map((i: { jobNumber: string }) => i.jobNumber)).toEqual(['E001']);
    const other = await employee();
    expect((await t.as('employee').get(`/api/v1/leave-balances?companyId=${t.companyId}&employeeId=${other}`)).statusCode).toBe(404);
    expect((await t.as('employee').post('/api/v1/leave-balances/adjustments', { employeeId: other, leaveType: 'annual', amount: 1, effectiveDate: '2026-03-01', reason: 'x' })).statusCode).toBe(403);
    const half = await t.as('hr').post('/api/v1/leave-balances/adjustments', { employeeId: other, leaveType: 'annual', amount: 0.3, effectiveDate: '2026-03-01', reason: 'x' });
    expect(half.json().error.code).toBe('AMOUNT_NOT_IN_UNIT');
    const untracked = await t.as('hr').post('/api/v1/leave-balances/adjustments', { employeeId: other, leaveType: 'sick', amount: 1, effectiveDate: '2026-03-01', reason: 'x' });
    expect(untracked.json().error.code).toBe('LEAVE_TYPE_NOT_TRACKED');
    const ok = await t.as('hr').post('/api/v1/leave-balances/adjustments', { employeeId: other, leaveType: 'annual', amount: 1.5, effectiveDate: '2026-03-01', reason: '补发' });
    expect(ok.statusCode).toBe(201);
    const audit = await t.services.db.selectFrom('audit_log').select(['action', 'after']).where('action', '=', 'leave_balance.adjust').where('entity_id', '=', String(ok.json().id)).executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after!)).toMatchObject({ amount: 1.5, reason: '补发', employeeId: other });
  });

  it('credits rest-day overtime as 调休 hours by the group policy, pays holiday overtime, and deducts 调休 taken', async () => {
    const id = await employee();
    const hr = t.as('hr');
    expect((await hr.inject({ method: 'PUT', url: `/api/v1/attendance-groups/${groupId}/overtime-compensation`, payload: { workday: 'pay', restday: 'leave', holiday: 'pay', creditExpiryDays: 60 } })).statusCode).toBe(200);
    const day = (date: string, minutes: number, category: string) => ({
      company_id: t.companyId, employee_id: id, date, group_id: groupId, shift_type_id: null, day_type: category === 'holiday' ? 'statutory_holiday' : 'rest_day', status: 'rest', late: 0, late_minutes: 0,
      late_level: 'none', early: 0, early_minutes: 0, missing_in: 0, missing_out: 0, worked_minutes: minutes, overtime_minutes: minutes, overtime_category: category, overtime_pay_multiplier: 2,
      unapproved_overtime_minutes: null, in_time: null, out_time: null, ignored_punch_count: 0, duplicate_punch_count: 0, leave_type: null, leave_half: null, corrections_used: 0, flags: null, explanation: null, computed_at_ms: NOW, result_hash: null,
    });
    await t.services.db.insertInto('attendance_days').values([day('2026-03-07', 240, 'restday'), day('2026-01-01', 480, 'holiday')]).execute();
    const run = (await hr.post('/api/v1/leave-balances/overtime-credits', { companyId: t.companyId, fromDate: '2026-01-01', toDate: '2026-03-19' })).json();
    expect(run.preview.filter((p: { employeeId: number }) => p.employeeId === id)).toEqual([expect.objectContaining({ ref: 'ot:2026-03-07', amount: 4, expiresOn: '2026-05-06' })]);
    const again = (await hr.post('/api/v1/leave-balances/overtime-credits', { companyId: t.companyId, fromDate: '2026-01-01', toDate: '2026-03-19' })).json();
    expect(again.preview.filter((p: { employeeId: number }) => p.employeeId === id)).toEqual([]);
    expect(await balanceOf(id, 'compensatory')).toMatchObject({ granted: 4, available: 4, unit: 'hour' });
    const over = await hr.post('/api/v1/requests', { employeeId: id, kind: 'leave', leaveType: 'compensatory', fromDate: '2026-03-23', toDate: '2026-03-23' });
    expect(over.json().error).toMatchObject({ code: 'LEAVE_BALANCE_INSUFFICIENT', details: { cost: 9, available: 4, unit: 'hour' } });
    const filed = await hr.post('/api/v1/requests', { employeeId: id, kind: 'leave', leaveType: 'compensatory', fromDate: '2026-03-23', toDate: '2026-03-23', hours: 3 });
    expect(filed.statusCode).toBe(201);
    await t.as('admin').post(`/api/v1/requests/${filed.json().id}/approve`, {});
    expect(await balanceOf(id, 'compensatory', '2026-03-31')).toMatchObject({ used: 3, balance: 1 });
  });

  it('closes a month: event in the closing transaction, results frozen (changes become adjustments), balance changes dated in it refused, reopened with a reason', async () => {
    const hr = t.as('hr');
    const id = await employee();
    expect((await hr.post('/api/v1/month-closes', { companyId: t.companyId, month: '2026-03' })).json().error.code).toBe('MONTH_NOT_OVER');
    expect((await t.as('employee').post('/api/v1/month-closes', { companyId: t.companyId, month: '2026-02' })).statusCode).toBe(403);
    const closed = await hr.post('/api/v1/month-closes', { companyId: t.companyId, month: '2026-02' });
    expect(closed.statusCode).toBe(201);
    const close = closed.json().items[0];
    expect(close).toMatchObject({ month: '2026-02', status: 'closed', scope: 'company', departmentId: null });
    expect((await hr.post('/api/v1/month-closes', { companyId: t.companyId, month: '2026-02' })).json().error.code).toBe('MONTH_ALREADY_CLOSED');
    const events = await t.services.db.selectFrom('outbox_events').select(['type', 'payload']).where('company_id', '=', t.companyId).where('type', '=', 'month.closed').execute();
    expect(events.map((e) => JSON.parse(e.payload))).toEqual([expect.objectContaining({ month: '2026-02', scope: 'company', closeId: close.id, employeeCount: close.employeeCount })]);
    // Recompute leaves February's stored days alone; what differs from them is an adjustment carried into March.
    const recompute = new RecomputeService(t.services.db, t.database.raw, () => NOW);
    const frozen = await recompute.recompute(t.companyId, [id], '2026-02-01', '2026-03-02');
    // 20 weekdays without punches are absent now, where payroll had no result: 8 weekend days count nothing.
    expect(frozen).toMatchObject({ frozenDays: 28, adjustments: 20 });
    expect((await recompute.recompute(t.companyId, [id], '2026-02-01', '2026-02-28')).adjustments ?? 0).toBe(0);
    const stored = await t.services.db.selectFrom('attendance_days').select('date').where('employee_id', '=', id).where('date', '<=', '2026-03-02').orderBy('date').execute();
    expect(stored.map((d) => d.date)).toEqual(['2026-03-01', '2026-03-02']);
    const adjustments = (await hr.get(`/api/v1/payroll-adjustments?companyId=${t.companyId}&month=2026-03&employeeId=${id}`)).json();
    expect(adjustments.total).toBe(20);
    expect(adjustments.items[0]).toMatchObject({ date: '2026-02-02', closedMonth: '2026-02', carriedIntoMonth: '2026-03', kind: 'result', source: 'recompute', before: null, after: expect.objectContaining({ status: 'absent' }) });
    const adj = await hr.post('/api/v1/leave-balances/adjustments', { employeeId: id, leaveType: 'annual', amount: 1, effectiveDate: '2026-02-15', reason: 'x' });
    expect(adj.json().error.code).toBe('MONTH_CLOSED');
    expect((await hr.post(`/api/v1/month-closes/${close.id}/reopen`, {})).statusCode).toBe(400);
    const reopened = await hr.post(`/api/v1/month-closes/${close.id}/reopen`, { reason: '补录病假' });
    expect(reopened.json()).toMatchObject({ status: 'reopened', reopenReason: '补录病假' });
    const audit = await t.services.db.selectFrom('audit_log').select('action').where('entity', '=', 'month_close').where('entity_id', '=', String(close.id)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['month.close', 'month.reopen']);
    expect((await hr.post('/api/v1/leave-balances/adjustments', { employeeId: id, leaveType: 'annual', amount: 1, effectiveDate: '2026-02-15', reason: 'x' })).statusCode).toBe(201);
  });

  it('the payroll export carries leave taken by type, 调休 credited and used, month-end balances and lateness rules', async () => {
    const hr = t.as('hr');
    const id = await employee();
    await hr.inject({ method: 'PUT', url: `/api/v1/reports/payroll-mapping?companyId=${t.companyId}`, payload: { columns: [
      { header: '工号', field: 'jobNumber' },
      { header: '年假(天)', field: 'leaveTaken.annual' },
      { header: '年假余额', field: 'balance.annual' },
      { header: '调休入账(小时)', field: 'compensatoryCreditedHours' },
      { header: '调休使用(小时)', field: 'compensatoryUsedHours' },
      { header: '扣款迟到次数', field: 'lateDeductions.1' },
      { header: '迟到折事假(天)', field: 'lateAsLeaveDays.1' },
    ] } });
    await hr.post('/api/v1/leave-balances/adjustments', { employeeId: id, leaveType: 'annual', amount: 5, effectiveDate: '2026-01-01', reason: '期初' });
    await hr.post('/api/v1/leave-balances/adjustments', { employeeId: id, leaveType: 'compensatory', amount: 6, effectiveDate: '2026-02-01', reason: '期初' });
    const leave = await hr.post('/api/v1/requests', { employeeId: id, kind: 'leave', leaveType: 'annual', fromDate: '2026-02-02', toDate: '2026-02-03' });
    await t.as('admin').post(`/api/v1/requests/${leave.json().id}/approve`, {});
    const comp = await hr.post('/api/v1/requests', { employeeId: id, kind: 'leave', leaveType: 'compensatory', fromDate: '2026-02-04', toDate: '2026-02-04', hours: 2 });
    await t.as('admin').post(`/api/v1/requests/${comp.json().id}/approve`, {});
    const late = (date: string) => ({
      company_id: t.companyId, employee_id: id, date, group_id: groupId, shift_type_id: null, day_type: 'workday', status: 'present', late: 1, late_minutes: 5,
      late_level: 'late', early: 0, early_minutes: 0, missing_in: 0, missing_out: 0, worked_minutes: 475, overtime_minutes: 0, overtime_category: 'workday', overtime_pay_multiplier: 1,
      unapproved_overtime_minutes: null, in_time: null, out_time: null, ignored_punch_count: 0, duplicate_punch_count: 0, leave_type: null, leave_half: null, corrections_used: 0, flags: null, explanation: null, computed_at_ms: NOW, result_hash: null,
    });
    await t.services.db.insertInto('attendance_days').values([late('2026-02-09'), late('2026-02-10'), late('2026-02-11')]).execute();
    const csv = await hr.get(`/api/v1/reports/payroll?companyId=${t.companyId}&month=2026-02&format=csv`);
    expect(csv.statusCode).toBe(200);
    const job = (await t.services.db.selectFrom('employees').select('job_number').where('id', '=', id).executeTakeFirstOrThrow()).job_number;
    const row = csv.body.replace(/^\uFEFF/, '').split('\r\n').find((l) => l.startsWith(job))!.split(',');
    expect(row.slice(1)).toEqual(['2', '3', '0', '2', '2', '1']);
  });

  it('imports opening balances from CSV: a dry run lists problems by line, a run posts all rows once', async () => {
    const id = await employee();
    const job = (await t.services.db.selectFrom('employees').select('job_number').where('id', '=', id).executeTakeFirstOrThrow()).job_number;
    const csv = (rows: string[]) => Buffer.from(`工号,假期类型,余额,生效日期,备注\n${rows.join('\n')}\n`, 'utf8').toString('base64');
    const post = (rows: string[], dryRun: boolean) => t.as('hr').post('/api/v1/leave-balances/import', { companyId: t.companyId, filename: 'opening.csv', contentBase64: csv(rows), dryRun });
    const bad = (await post([`${job},年假,3.3,2026-01-01,期初`, `NOPE,年假,1,2026-01-01,`, `${job},病假,1,,`], true)).json();
    expect(bad.problems.map((p: { line: number; code: string }) => `${p.line}:${p.code}`)).toEqual(['2:AMOUNT_NOT_IN_UNIT', '3:UNKNOWN_EMPLOYEE', '4:UNKNOWN_LEAVE_TYPE']);
    const good = [`${job},年假,4.5,2026-01-01,期初`, `${job},compensatory,6,2026-01-01,期初调休`];
    expect((await post(good, true)).json()).toMatchObject({ rows: 2, posted: 0, problems: [] });
    expect((await balanceOf(id, 'annual')).balance).toBe(0);
    expect((await post(good, false)).json()).toMatchObject({ posted: 2, alreadyImported: 0 });
    expect((await post(good, false)).json()).toMatchObject({ posted: 0, alreadyImported: 2 });
    expect(await balanceOf(id, 'annual')).toMatchObject({ granted: 4.5, balance: 4.5 });
    expect((await balanceOf(id, 'compensatory')).balance).toBe(6);
    expect((await t.as('employee').post('/api/v1/leave-balances/import', { companyId: t.companyId, filename: 'x.csv', contentBase64: csv(good), dryRun: true })).statusCode).toBe(403);
  });

  it('an employee confirms their month or objects (考勤确认)', async () => {
    const emp = t.as('employee');
    const ok = await emp.post('/api/v1/month-confirmations', { companyId: t.companyId, month: '2026-01' });
    expect(ok.json()).toMatchObject({ status: 'confirmed', objection: null });
    const obj = await emp.post('/api/v1/month-confirmations', { companyId: t.companyId, month: '2026-01', objection: '1月5日实际出勤' });
    expect(obj.json()).toMatchObject({ status: 'objected' });
    const list = (await t.as('hr').get(`/api/v1/month-confirmations?companyId=${t.companyId}&month=2026-01`)).json().items;
    expect(list).toEqual([expect.objectContaining({ status: 'objected', objection: '1月5日实际出勤' })]);
  });
});
