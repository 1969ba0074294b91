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
  let clock = Date.parse('2026-03-10T02:00:00Z');

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

  it('a schedule/add whose answer was lost (WeCom made it, Daka never stored its id): the retry finds it by its marker and adds no second one', async () => {
    const before = wecom.stats.scheduleStore.size;
    const adds = () => wecom.stats.byPath['/cgi-bin/oa/schedule/add'] ?? 0;
    const addsBefore = adds();
    wecom.loseAnswers('/cgi-bin/oa/schedule/add');
    const requestId = await fileAndApprove({ fromDate: '2026-03-23', toDate: '2026-03-23' });
    await pump();
    // Made in WeCom; in Daka only the intent: the marker, no schedule_id.
    expect(wecom.stats.scheduleStore.size).toBe(before + 1);
    expect(adds()).toBe(addsBefore + 1);
    const intent = await mapping(requestId);
    expect(intent).toMatchObject({ schedule_id: null, add_marker: expect.stringMatching(/^daka-/) });
    const made = [...wecom.stats.scheduleStore.values()].at(-1)!.schedule;
    expect(made.description).toContain(intent!.add_marker!);
    expect(made.cal_id).toEqual(expect.any(String));
    clock += 5 * 60_000;
    await pump();
    expect(adds()).toBe(addsBefore + 1);
    expect(wecom.stats.scheduleStore.size).toBe(before + 1);
    expect(wecom.stats.byPath['/cgi-bin/oa/schedule/get_by_calendar']).toBeGreaterThan(0);
    expect(await mapping(requestId)).toMatchObject({ schedule_id: made.schedule_id, status: 'active', add_marker: null });
    const delivery = await t.database.db.selectFrom('outbox_deliveries').select(['status', 'attempts']).where('consumer', '=', LEAVE_SCHEDULES_CONSUMER).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('counts schedule/add in the connector\'s budget and, with the day\'s 10 000 used up, waits for the next China day instead of calling', async () => {
    const chinaDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
    const day = chinaDay(clock);
    const counted = async (d: string) => Number((await t.database.db.selectFrom('connector_daily_calls').select('calls').where('connector_id', '=', connectorId).where('day', '=', d).where('api', '=', '/cgi-bin/oa/schedule/add').executeTakeFirst())?.calls ?? 0);
    // The adds of this file so far are counted on the application's day.
    expect(await counted(day)).toBeGreaterThanOrEqual(2);
    await t.database.db.updateTable('connector_daily_calls').set({ calls: 10_000 }).where('connector_id', '=', connectorId).where('day', '=', day).execute();
    const adds = () => wecom.stats.byPath['/cgi-bin/oa/schedule/add'] ?? 0;
    const addsBefore = adds();
    const requestId = await fileAndApprove({ fromDate: '2026-03-25', toDate: '2026-03-25' });
    await pump();
    expect(adds()).toBe(addsBefore);
    expect(await counted(day)).toBe(10_000);
    // The connector's page shows the day's use against the cap.
    const detail = (await t.as('hr').get(`/api/v1/connectors/${connectorId}`)).json() as { dailyCaps: unknown[] };
    expect(detail.dailyCaps).toEqual([{ api: '/cgi-bin/oa/schedule/add', day, used: 10_000, limit: 10_000 }]);
    const waiting = await t.database.db.selectFrom('outbox_deliveries').select(['status', 'last_error', 'next_attempt_at_ms']).where('consumer', '=', LEAVE_SCHEDULES_CONSUMER).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(waiting.status).toBe('pending');
    expect(waiting.last_error).toContain('10000 calls of /cgi-bin/oa/schedule/add per app per day');
    const nextDay = Date.parse(`${day}T00:00:00+08:00`) + 86_400_000;
    expect(Number(waiting.next_attempt_at_ms)).toBe(nextDay);
    // Still the same day: nothing is tried.
    clock = nextDay - 60_000;
    await pump();
    expect(adds()).toBe(addsBefore);
    // The next day: added, and counted on that day.
    clock = nextDay + 60_000;
    await pump();
    expect(adds()).toBe(addsBefore + 1);
    expect(await mapping(requestId)).toMatchObject({ status: 'active', add_marker: null });
    expect(await counted(chinaDay(clock))).toBe(1);
    expect(wecom.stats.overLimit.schedulesPerDay ?? 0).toBe(0);
  });

  it('shows hourly leave at its hours', () => {
    const base = { id: 9, company_id: 1, employee_id: 1, kind: 'leave', status: 'approved', leave_type: 'annual', from_date: '2026-03-12', to_date: '2026-03-12', half: null, hours: 2, from_ms: Date.parse('2026-03-12T16:00:00+08:00'), to_ms: Date.parse('2026-03-12T18:00:00+08:00') } as never;
    expect(leaveEntry(base, '年假', 'Asia/Shanghai')).toMatchObject({ summary: '请假：年假（小时假）', startAtMs: Date.parse('2026-03-12T16:00:00+08:00'), endAtMs: Date.parse('2026-03-12T18:00:00+08:00') });
  });
});
