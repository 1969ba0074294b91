/**
 * Approved leave in WeCom calendars on both databases, against the WeCom simulator on a loopback
 * port: switched on per company (the connector's `leaveSchedules`), driven by the outbox
 * (`request.approved`, `request.cancelled`), the schedule saying what the ICS feed says, added once
 * (a repeated event sends nothing), updated when the leave changes, deleted on cancellation.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { leaveEntry, LEAVE_SCHEDULES_CONSUMER } from '../../src/modules/calendar-feeds/leave-schedules.consumer.js';
import { startWeComSimulator, type WeComSimulator } from '../../src/sources/wecom/simulator/index.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { describeEachDb } from '../helpers/test-db.js';

const KEY = 'A'.repeat(43);

describeEachDb('WeCom leave schedules', (db) => {
  let t: TestApp;
  let wecom: WeComSimulator;
  let connectorId: number;
  let staff: number;
  let userId: string;
  const clock = Date.parse('2026-03-10T02:00:00Z');

  beforeAll(async () => {
    t = await createTestApp(db(), { now: () => clock });
    wecom = await startWeComSimulator({ seed: 'leave-schedules', company: { users: 4 } });
    const wc = await t.as('hr').post('/api/v1/connectors', {
      companyId: t.companyId, platform: 'wecom', name: '企业微信', corpId: wecom.corpId, agentId: String(wecom.apps[0].agentId),
      appSecret: wecom.apps[0].secret, callbackToken: 'cb-token', encodingAesKey: KEY, baseUrl: wecom.url,
    });
    expect(wc.statusCode, wc.body).toBe(201);
    connectorId = wc.json().id;
    expect((await t.as('hr').post('/api/v1/leave-types/seed', { companyId: t.companyId })).statusCode).toBeLessThan(300);
    staff = (await t.database.db.selectFrom('employees').select('id').where('company_id', '=', t.companyId).where('job_number', '=', 'E001').executeTakeFirstOrThrow()).id;
    userId = wecom.company.users[1].userId;
    await t.database.db.insertInto('external_identities').values({ company_id: t.companyId, employee_id: staff, provider: 'wecom', tenant: wecom.corpId, external_id: userId, created_at_ms: clock }).execute();
  });
  afterAll(async () => {
    await wecom.close();
    await t.app.close();
  });

  const pump = async () => {
    await t.services.outbox.dispatchAll();
    for (let i = 0; i < 20 && (await t.services.outbox.deliverDue(LEAVE_SCHEDULES_CONSUMER)) > 0; i++);
  };
  const fileAndApprove = async (body: Record<string, unknown>) => {
    const filed = await t.as('employee').post('/api/v1/requests', { kind: 'leave', leaveType: 'annual', ...body });
    expect(filed.statusCode, filed.body).toBe(201);
    expect((await t.as('manager').post(`/api/v1/requests/${filed.json().id}/approve`, {})).statusCode).toBe(200);
    return filed.json().id as number;
  };
  const mapping = (requestId: number) => t.database.db.selectFrom('wecom_leave_schedules').selectAll().where('request_id', '=', requestId).executeTakeFirst();

  it('sends nothing while the company has not switched it on', async () => {
    const requestId = await fileAndApprove({ fromDate: '2026-03-12', toDate: '2026-03-12' });
    await pump();
    expect(wecom.stats.scheduleStore.size).toBe(0);
    expect(await mapping(requestId)).toBeUndefined();
  });

  it('adds approved leave once, as the ICS feed shows it, updates it on change and deletes it on cancellation', async () => {
    const on = await t.as('hr').patch(`/api/v1/connectors/${connectorId}`, { settings: { leaveSchedules: true } });
    expect(on.statusCode, on.body).toBe(200);
    const requestId = await fileAndApprove({ fromDate: '2026-03-16', toDate: '2026-03-17' });
    await pump();
    const row = await mapping(requestId);
    expect(row).toMatchObject({ connector_id: connectorId, status: 'active', employee_id: staff });
    const stored = wecom.stats.scheduleStore.get(row!.schedule_id!)!;
    // Whole days in Shanghai: 03-16 00:00 to 03-18 00:00, the ICS feed's DTSTART/DTEND of the same leave.
    expect(stored.schedule).toMatchObject({
      start_time: Date.parse('2026-03-16T00:00:00+08:00') / 1000,
      end_time: Date.parse('2026-03-18T00:00:00+08:00') / 1000,
      is_whole_day: 1,
      attendees: [{ userid: userId }],
      summary: expect.stringMatching(/^请假：.+$/),
    });
    const leaveName = (await t.database.db.selectFrom('leave_types').select('name').where('company_id', '=', t.companyId).where('code', '=', 'annual').executeTakeFirst())?.name ?? 'annual';
    expect(stored.schedule.summary).toBe(`请假：${leaveName}`);

    // The same event again (a redelivery or a second dispatch) adds nothing.
    const [again] = await t.services.outbox.append(t.database.db, [{ companyId: t.companyId, type: 'request.approved', subject: `employee:${staff}`, payload: { requestId, kind: 'leave', employeeId: staff }, occurredAtMs: clock }]);
    expect(again).toEqual(expect.any(String));
    await pump();
    expect(wecom.stats.scheduleStore.size).toBe(1);
    expect(wecom.stats.scheduleStore.get(row!.schedule_id!)!.updates).toBe(0);

    // The leave changes (a half day now): the same schedule is overwritten.
    await t.database.db.updateTable('requests').set({ to_date: '2026-03-16', half: 'pm' }).where('id', '=', requestId).execute();
    await t.services.outbox.append(t.database.db, [{ companyId: t.companyId, type: 'request.approved', subject: `employee:${staff}`, payload: { requestId, kind: 'leave', employeeId: staff }, occurredAtMs: clock }]);
    await pump();
    const updated = wecom.stats.scheduleStore.get(row!.schedule_id!)!;
    expect(updated.updates).toBe(1);
    expect(updated.schedule).toMatchObject({ end_time: Date.parse('2026-03-17T00:00:00+08:00') / 1000, summary: `请假：${leaveName}（下午）` });
    expect(wecom.stats.scheduleStore.size).toBe(1);

    // Approved leave withdrawn (as a platform's 通过后撤销 arrives): the row changes and the event is written.
    await t.database.db.updateTable('requests').set({ status: 'cancelled' }).where('id', '=', requestId).execute();
    await t.services.outbox.append(t.database.db, [{ companyId: t.companyId, type: 'request.cancelled', subject: `employee:${staff}`, payload: { requestId, kind: 'leave', employeeId: staff }, occurredAtMs: clock }]);
    await pump();
    expect(wecom.stats.scheduleStore.get(row!.schedule_id!)!.status).toBe(1);
    expect(await mapping(requestId)).toMatchObject({ status: 'deleted' });
    const log = await t.database.db.selectFrom('outbox_deliveries').select(['status', 'remote_id']).where('consumer', '=', LEAVE_SCHEDULES_CONSUMER).execute();
    expect(log.every((d) => d.status === 'delivered')).toBe(true);
    // Cancelled again (a repeated event): nothing more is sent.
    await t.services.outbox.append(t.database.db, [{ companyId: t.companyId, type: 'request.cancelled', subject: `employee:${staff}`, payload: { requestId, kind: 'leave', employeeId: staff }, occurredAtMs: clock }]);
    const calls = wecom.stats.byPath['/cgi-bin/oa/schedule/del'] ?? 0;
    await pump();
    expect(wecom.stats.byPath['/cgi-bin/oa/schedule/del'] ?? 0).toBe(calls);
  });

  it('shows hourly leave at its hours', () => {
    const base = { id: 9, company_id: 1, employee_id: 1, kind: 'leave', status: 'approved', leave_type: 'annual', from_date: '2026-03-12', to_date: '2026-03-12', half: null, hours: 2, from_ms: Date.parse('2026-03-12T16:00:00+08:00'), to_ms: Date.parse('2026-03-12T18:00:00+08:00') } as never;
    expect(leaveEntry(base, '年假', 'Asia/Shanghai')).toMatchObject({ summary: '请假：年假（小时假）', startAtMs: Date.parse('2026-03-12T16:00:00+08:00'), endAtMs: Date.parse('2026-03-12T18:00:00+08:00') });
  });
});
