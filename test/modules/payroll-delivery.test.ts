/**
 * Payroll delivery on both databases: when `month.closed` is appended, the company's payroll export
 * (CSV in its column mapping) is POSTed to its payroll endpoint, signed per Standard Webhooks and
 * verified by the `standardwebhooks` library; a failed delivery is retried, logged and can be
 * re-sent; an event endpoint of the same company gets the JSON event, not the file.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { domainEvent } from '../../src/modules/outbox/event-payloads.js';
import { PAYROLL_CONSUMER } from '../../src/modules/webhooks/payroll-delivery.consumer.js';
import { WEBHOOKS_CONSUMER } from '../../src/modules/webhooks/webhooks.consumer.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { describeEachDb } from '../helpers/test-db.js';
import { startReceiver, type Receiver } from '../helpers/webhook-receiver.js';

describeEachDb('payroll delivery', (db) => {
  let clock = Date.parse('2026-04-03T02:00:00Z');
  let t: TestApp;
  let receiver: Receiver;
  beforeAll(async () => {
    t = await createTestApp(db(), { now: () => clock, env: { DAKA_SESSION_TTL_HOURS: '240' } });
    receiver = await startReceiver(() => clock, '/payroll');
  });
  afterAll(async () => {
    await receiver.close();
    await t.app.close();
  });
  const pump = async () => {
    await t.services.outbox.dispatchAll();
    for (const c of [PAYROLL_CONSUMER, WEBHOOKS_CONSUMER]) for (let i = 0; i < 20 && (await t.services.outbox.deliverDue(c)) > 0; i++);
  };

  it('posts the closed month’s payroll export, signed, retried after a failure, logged and re-sent on request', async () => {
    const created = await t.as('hr').post('/api/v1/webhooks', { companyId: t.companyId, url: receiver.url, eventTypes: ['month.closed'], purpose: 'payroll' });
    expect(created.statusCode, created.body).toBe(201);
    const ep = created.json();
    expect(ep).toMatchObject({ purpose: 'payroll', eventTypes: ['month.closed'] });
    const events = (await t.as('hr').post('/api/v1/webhooks', { companyId: t.companyId, url: receiver.url, eventTypes: ['month.closed'] })).json();
    receiver.secrets = [ep.secret, events.secret];
    let calls = 0;
    receiver.answer = (r) => (r.headers['content-type']?.startsWith('text/csv') && ++calls === 1 ? { status: 502 } : { status: 200 });
    const closed = await t.as('hr').post('/api/v1/month-closes', { companyId: t.companyId, month: '2026-03' });
    expect(closed.statusCode, closed.body).toBe(201);
    await pump();
    expect(receiver.received.map((r) => r.headers['content-type'])).toEqual(['application/json']);
    expect(receiver.received[0].type).toBe('month.closed');
    const eventId = receiver.received[0].id;
    receiver.received.length = 0;
    clock += 10 * 60_000;
    await pump();
    expect(receiver.rejected).toEqual([]);
    expect(receiver.received).toHaveLength(1);
    const got = receiver.received[0];
    expect(got.id).toBe(eventId);
    expect(got.headers['content-type']).toContain('text/csv');
    expect(got.headers['x-daka-month']).toBe('2026-03');
    const lines = got.body.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toContain('工号');
    expect(lines.some((l) => l.includes('E001'))).toBe(true);

    const log = (await t.as('hr').get(`/api/v1/webhooks/${ep.id}/deliveries`)).json().items;
    expect(log).toHaveLength(1);
    expect(log[0].log.map((a: { responseStatus: number }) => a.responseStatus)).toEqual([502, 200]);
    expect((await t.as('hr').post(`/api/v1/webhooks/${ep.id}/deliveries/${log[0].id}/redeliver`)).statusCode).toBe(200);
    await pump();
    expect(receiver.received.map((r) => r.id)).toEqual([eventId, eventId]);
  });

  it('a department close, then the company close: each file carries exactly the employees of its close, together everyone once', async () => {
    const hr = t.as('hr');
    const sales = (await hr.post('/api/v1/departments', { companyId: t.companyId, name: '销售部' })).json().id as number;
    const hired = await hr.post('/api/v1/employees', { companyId: t.companyId, jobNumber: 'S001', name: '赵销售', departmentId: sales, hireDate: '2025-01-01' });
    expect(hired.statusCode, hired.body).toBe(201);
    const rd = (await t.database.db.selectFrom('departments').select('id').where('company_id', '=', t.companyId).where('code', '=', 'RD').executeTakeFirstOrThrow()).id;
    receiver.answer = () => ({ status: 200 });
    receiver.received.length = 0;
    const jobNumbersIn = (month: string) =>
      receiver.received
        .filter((r) => r.headers['content-type']?.startsWith('text/csv') && r.headers['x-daka-month'] === month)
        .map((r) => r.body.replace(/^\uFEFF/, '').trim().split(/\r?\n/).slice(1).map((l) => l.split(',')).flat().filter((cell) => /^[A-Z]\d{3}$/.test(cell)).sort());
    expect((await hr.post('/api/v1/month-closes', { scope: 'department', departmentId: rd, month: '2026-01' })).statusCode).toBe(201);
    await pump();
    const [deptFile] = jobNumbersIn('2026-01');
    expect(deptFile).toEqual(['E001', 'M001']);
    receiver.received.length = 0;
    expect((await hr.post('/api/v1/month-closes', { companyId: t.companyId, month: '2026-01' })).statusCode).toBe(201);
    await pump();
    const [companyFile, ...more] = jobNumbersIn('2026-01');
    expect(more).toEqual([]);
    expect(companyFile).toEqual(['S001']);
    const everyone = (await t.database.db.selectFrom('employees').select('job_number').where('company_id', '=', t.companyId).execute()).map((e) => e.job_number).sort();
    expect([...deptFile, ...companyFile].sort()).toEqual(everyone);
  });

  it('does not deliver the file of a close that was reopened (its people go out with the close that holds them now)', async () => {
    const ep = (await t.as('hr').get(`/api/v1/webhooks?companyId=${t.companyId}`)).json().items.find((w: { purpose: string }) => w.purpose === 'payroll');
    receiver.received.length = 0;
    const closed = (await t.as('hr').post('/api/v1/month-closes', { companyId: t.companyId, month: '2025-12' })).json().items[0];
    expect((await t.as('hr').post('/api/v1/month-closes/reopen', { companyId: t.companyId, month: '2025-12', reason: '补录' })).statusCode).toBe(200);
    await pump();
    expect(receiver.received.filter((r) => r.headers['content-type']?.startsWith('text/csv'))).toEqual([]);
    const log = (await t.as('hr').get(`/api/v1/webhooks/${ep.id}/deliveries`)).json().items;
    expect(log[0]).toMatchObject({ status: 'dead' });
    expect(log[0].lastError).toContain(`month close ${closed.id} was reopened`);
  });

  it('delivers a late change to a closed month to the payroll endpoint as an adjustment CSV', async () => {
    const ep = (await t.as('hr').post('/api/v1/webhooks', { companyId: t.companyId, url: receiver.url, eventTypes: ['month.closed'], purpose: 'payroll' })).json();
    receiver.secrets = [ep.secret];
    receiver.answer = () => ({ status: 200 });
    receiver.received.length = 0;
    const payload = {
      employeeId: 1, employeeNo: 'E001', name: '张伟', departmentId: null, adjustmentId: 5, date: '2026-02-26', closedMonth: '2026-02', carriedIntoMonth: '2026-03', kind: 'leave' as const,
      source: 'leave', sourceRef: 'request:9', requestId: 9, before: null, after: null, leaveType: 'personal', leaveUnitsBefore: 0, leaveUnitsAfter: 8,
    };
    expect(t.services.outbox.wants(t.companyId, 'payroll.adjustment_recorded')).toBe(true);
    const [eventId] = await t.services.outbox.append(t.database.db, [domainEvent(t.companyId, 'payroll.adjustment_recorded', 'employee:1', payload, clock)]);
    await pump();
    const got = receiver.received.filter((r) => r.headers['x-daka-event'] === 'payroll.adjustment_recorded');
    expect(got.map((r) => r.id)).toEqual([eventId]);
    expect(got[0].headers['content-type']).toContain('text/csv');
    expect(got[0].headers['x-daka-month']).toBe('2026-03');
    const [header, row] = got[0].body.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(header.split(',').slice(0, 5)).toEqual(['工号', '姓名', '日期', '所属月份', '计入月份']);
    expect(row.split(',').slice(0, 8)).toEqual(['E001', '张伟', '2026-02-26', '2026-02', '2026-03', '假期用量', '请假变更', 'request:9']);
    expect(row.split(',').slice(-4)).toEqual(['personal', '0', '8', '8']);
  });
});
