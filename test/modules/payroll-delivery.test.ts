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
    const [eventId] = await t.services.outbox.append(t.database.db, [domainEvent(t.companyId, 'month.closed', null, { month: '2026-03', closeId: 1, scope: 'company', departmentId: null, closedAt: '2026-04-03T10:00:00+08:00', closedByUserId: null, employeeCount: 2 }, clock)]);
    await pump();
    expect(receiver.received.map((r) => r.headers['content-type'])).toEqual(['application/json']);
    expect(receiver.received[0].type).toBe('month.closed');
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
